export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `pulsebar: watch Roboflow model inference stats from the command line

Usage:
  pulsebar poll [--once] [options]     fetch the headline window once and print a summary
  pulsebar sim --scenario FILE|NAME    serve a simulated workspace on loopback
  pulsebar help                        show this text

poll options (flags win over the environment):
  --workspace NAME     Roboflow workspace            (env ROBOFLOW_WORKSPACE)
  --api-key KEY        private API key               (env ROBOFLOW_API_KEY; prefer the env,
                                                      flags are visible in the process list)
  --base-url URL       API base URL                  (env PULSEBAR_BASE_URL,
                                                      default https://api.roboflow.com;
                                                      plain http only for loopback hosts)
  --models a,b         only these model ids          (default: all)
  --window 1h|24h|7d   headline window ending now    (default 24h)
  --timeout SECONDS    give up after this long       (default 30)
  --json               print the normalised snapshot as JSON

sim options:
  --scenario FILE|NAME a scenario file, or a bundled one: demo, quiet, incidents
  --port N             port to listen on             (default 4010; 0 picks a free one)
  --host ADDRESS       loopback address to bind      (default 127.0.0.1)

Times sent to the API are UTC.
Exit codes: 0 ok, 2 usage or bad scenario, 3 auth, 4 not found, 5 network or timeout,
            6 bad response, 7 rate limited, plan or server error.
`;
