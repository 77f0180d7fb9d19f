// `pulsebar replay`: the whole pipeline — client, poller, history, detector, lifecycle and
// notification policy — over a scenario in simulated time, starting from an empty history at
// the scenario's start. One poll every `pollMinutes` (no jitter), back-off as in the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlertMonitor, type MonitorReport } from '../core/alerts/monitor';
import type { AlertNotification } from '../core/alerts/types';
import { resolvePolicySettings, type PolicySettings } from '../core/alerts/policy';
import { resolveThresholds, type ResolvedThresholds } from '../core/alerts/thresholds';
import { openHistory } from '../core/history';
import { ManualClock, createPoller, type PollResult } from '../core/poller';
import { createRoboflowSource } from '../core/stats';
import { createSimulatorFetch, scenarioEndMs, scenarioStartMs, type Scenario } from '../sim';
import { replayLines, type ReplayLine } from './replay-lines';

export interface ReplayOptions {
  readonly scenario: Scenario;
  /** Default: every rule's defaults. */
  readonly thresholds?: ResolvedThresholds;
  readonly policy?: PolicySettings;
  /** Called after each poll with its lines, in order (for streaming output). */
  readonly onLines?: (lines: readonly ReplayLine[]) => void;
  /** Problems that did not stop the replay (a failed evaluation); one line each. */
  readonly onError?: (message: string) => void;
}

export interface ReplayPoll {
  readonly at: Date;
  readonly ok: boolean;
  readonly error?: string;
}

export interface ReplayResult {
  readonly scenario: Scenario;
  readonly lines: readonly ReplayLine[];
  readonly notifications: readonly AlertNotification[];
  readonly polls: readonly ReplayPoll[];
  readonly wallMs: number;
}

/** The client's limit for an unanswered request: real time, so short (the simulator answers at once unless a timeout fault says never). */
const REPLAY_TIMEOUT_MS = 50;

export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  const started = performance.now();
  const { scenario } = options;
  const thresholds = options.thresholds ?? resolveThresholds();
  const policy = options.policy ?? resolvePolicySettings();
  const startMs = scenarioStartMs(scenario);
  const endMs = scenarioEndMs(scenario);
  const clock = new ManualClock(startMs);
  const now = () => clock.now();
  const sim = createSimulatorFetch({ scenario, now: () => clock.now().getTime() });
  const source = createRoboflowSource({ baseUrl: sim.url, workspace: scenario.workspace, apiKey: scenario.apiKey, fetch: sim.fetch, timeoutMs: REPLAY_TIMEOUT_MS, now });
  const dir = mkdtempSync(join(tmpdir(), 'pulsebar-replay-'));
  const store = openHistory(join(dir, 'history.db'), { now });
  const lines: ReplayLine[] = [];
  const notifications: AlertNotification[] = [];
  const polls: ReplayPoll[] = [];
  // Replays are compared across machines: quiet hours are read in UTC.
  const monitor = createAlertMonitor({ store, source, thresholds, policy, localMinuteOfDay: (at) => at.getUTCHours() * 60 + at.getUTCMinutes(), ...(options.onError === undefined ? {} : { onError: options.onError }) });
  let evaluation: Promise<MonitorReport> | null = null;
  const poller = createPoller({
    source,
    store,
    clock,
    random: () => 0.5, // no jitter: one poll exactly every pollMinutes
    settings: { intervalMinutes: scenario.pollMinutes, recentWindows: true, shortWindowMinutes: thresholds.forModel(null).ModelSilent.silentMinutes, window: '24h' },
    onPoll: (result: PollResult) => {
      polls.push({ at: result.at, ok: result.ok, ...(result.error === undefined ? {} : { error: result.error.kind }) });
      evaluation = monitor.onPoll(result);
    },
  });
  try {
    poller.start();
    for (;;) {
      await poller.pollNow(); // joins the poll the timer just started
      const report = await (evaluation as Promise<MonitorReport> | null);
      if (report !== null) {
        notifications.push(...report.notifications);
        const added = replayLines(report);
        lines.push(...added);
        if (added.length > 0) options.onLines?.(added);
      }
      evaluation = null;
      const next = clock.nextAt();
      if (next === undefined || next >= endMs) break;
      clock.fireNext();
    }
  } finally {
    await poller.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { scenario, lines, notifications, polls, wallMs: performance.now() - started };
}
