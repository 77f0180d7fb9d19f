export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `pulsebar: watch Roboflow model inference stats from the command line

Usage:
  pulsebar poll [--once] [options]       fetch the headline window once and print a summary
  pulsebar watch [options]               poll every few minutes and keep the history
  pulsebar watch --demo                  the same, on the bundled demo workspace
  pulsebar history [--model M]           what the history holds (works offline)
  pulsebar export --format csv|json      write the stored hourly series (works offline)
  pulsebar sim --scenario FILE|NAME      serve a simulated workspace on loopback
  pulsebar replay --scenario FILE|NAME   run polling and alerting over a scenario in
                                         simulated time (--json: one JSON line per event)
  pulsebar help                          show this text

Connection (poll, watch; flags win over the environment):
  --workspace NAME     Roboflow workspace            (env ROBOFLOW_WORKSPACE)
  --api-key KEY        private API key               (env ROBOFLOW_API_KEY; prefer the env,
                                                      flags are visible in the process list)
  --base-url URL       API base URL                  (env PULSEBAR_BASE_URL,
                                                      default https://api.roboflow.com;
                                                      plain http only for loopback hosts)
  --models a,b         only these model ids          (default: all)
  --window 1h|24h|7d   headline window ending now    (default 24h)
  --timeout SECONDS    give up after this long       (default 30)

poll:     --json               print the normalised snapshot as JSON
watch:    --interval MINUTES   minutes between polls (default 5, at least 1)
          --notify             also show alerts as desktop notifications (notify-send)
watch, replay:
          --alerts FILE        alert thresholds, per-model overrides and notification
                               settings (JSON; see docs/alerts.md)
history, export, watch:
          --data-dir DIR       where the history lives (env PULSEBAR_DATA_DIR; default the
                               desktop app's folder, e.g. ~/.config/Pulsebar)
          --workspace NAME     whose history (default: the only one there is)
          --demo               the demo's history
export:   --format csv|json    required
          --from, --to TIME    ISO 8601 UTC, e.g. 2026-11-01 or 2026-11-01T12:00Z
                               (default: everything stored)
          --model M            only this model
          --snapshots          the headline snapshots instead of the hourly series
          --out FILE           write to FILE instead of standard output
sim:      --scenario FILE|NAME a scenario file, or a bundled one: demo, quiet, incidents
          --port N             port to listen on (default 4010; 0 picks a free one)
          --host ADDRESS       loopback address to bind (default 127.0.0.1)

Times sent to the API are UTC.
Exit codes: 0 ok, 2 usage or bad scenario, 3 auth, 4 not found, 5 network or timeout,
            6 bad response, 7 rate limited, plan or server error, 8 local storage error.
`;
