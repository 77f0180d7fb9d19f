// Runs pollOnce on a schedule: every interval (with jitter), backing off after failures, one
// poll at a time. Time and timers come from the injected Clock, so tests run in simulated time.
import type { HistoryStore } from '../history/types';
import type { StatsSource } from '../stats/stats-source';
import { MINUTE_MS } from '../time';
import type { Clock } from './clock';
import { pollOnce } from './poll-once';
import type { PollResult } from './poll-result';
import { nextPollDelayMs } from './schedule';
import { resolvePollerSettings, type PollerSettings } from './settings';

export interface PollerOptions {
  readonly source: StatsSource;
  readonly store: HistoryStore;
  readonly clock: Clock;
  /** Uniform in [0, 1), for the jitter. Default Math.random. */
  readonly random?: () => number;
  readonly settings?: PollerSettings;
  /** Called after every poll, once the next one is scheduled; a throw here is ignored. */
  readonly onPoll?: (result: PollResult) => void;
}

export type PollerStatus = 'idle' | 'polling' | 'paused' | 'stopped';

export interface PollerState {
  readonly status: PollerStatus;
  /** When the next scheduled poll runs; null while polling, paused, stopped or not started. */
  readonly nextPollAt: Date | null;
  readonly consecutiveFailures: number;
  readonly lastResult: PollResult | null;
}

export interface Poller {
  /** Polls at once, then on schedule. Calling it again does nothing. */
  start(): void;
  /** Stops scheduling, cancels requests in flight and waits for the poll to finish its writes. */
  stop(): Promise<void>;
  /** A manual refresh (also while paused); joins the poll in flight if there is one. */
  pollNow(): Promise<PollResult>;
  /** No scheduled polls until resume(); a poll in flight finishes. */
  pause(): void;
  /** Back on schedule: polls at once if a poll fell due while paused. */
  resume(): void;
  /** Polls at once (after sleep, when the network returns) unless paused or told to wait by Retry-After. */
  wake(): void;
  state(): PollerState;
}

export function createPoller(options: PollerOptions): Poller {
  const { source, store, clock, random = Math.random, onPoll } = options;
  const settings = resolvePollerSettings(options.settings);
  const intervalMs = settings.intervalMinutes * MINUTE_MS;

  let started = false;
  let paused = false;
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let inFlight: Promise<PollResult> | null = null;
  let abort: AbortController | null = null;
  let timer: { handle: unknown; at: number } | null = null;
  /** When the next poll is due by the schedule; kept across a pause. */
  let dueAt: number | null = null;
  /** A Retry-After forbids polling (other than a manual one) before this. */
  let notBefore = 0;
  let consecutiveFailures = 0;
  let lastResult: PollResult | null = null;

  const nowMs = () => clock.now().getTime();
  const canSchedule = () => started && !paused && !stopped;

  function cancelTimer(): void {
    if (timer !== null) clock.clearTimeout(timer.handle);
    timer = null;
  }

  /** Arms the timer for dueAt (at once when overdue) if the poller may run. */
  function arm(): void {
    cancelTimer();
    if (!canSchedule() || dueAt === null || inFlight !== null) return;
    const at = Math.max(dueAt, nowMs());
    timer = { at, handle: clock.setTimeout(onTimer, at - nowMs()) };
  }

  function onTimer(): void {
    timer = null;
    void runPoll();
  }

  function runPoll(): Promise<PollResult> {
    if (inFlight === null) {
      cancelTimer();
      inFlight = poll();
    }
    return inFlight;
  }

  async function poll(): Promise<PollResult> {
    const controller = new AbortController();
    abort = controller;
    const at = clock.now();
    let result: PollResult;
    try {
      result = await pollOnce({ source, store, clock, settings, signal: controller.signal }, at);
    } catch {
      // pollOnce never throws; should it ever, the schedule must survive it.
      result = { at, ok: false, error: { kind: 'bad_response', message: 'The poll failed unexpectedly; this is a Pulsebar bug worth reporting.' }, hoursFetched: 0 };
    }
    inFlight = null;
    abort = null;
    afterPoll(result);
    return result;
  }

  function afterPoll(result: PollResult): void {
    lastResult = result;
    if (result.error?.kind === 'cancelled') return; // only stop() cancels: nothing to schedule
    consecutiveFailures = result.ok ? 0 : consecutiveFailures + 1;
    const now = nowMs();
    if (result.retryAfterSeconds !== undefined) notBefore = now + result.retryAfterSeconds * 1000;
    dueAt = now + nextPollDelayMs({ intervalMs, consecutiveFailures, retryAfterSeconds: result.retryAfterSeconds, random });
    arm();
    try {
      onPoll?.(result);
    } catch {
      // A listener's bug must not stop polling.
    }
  }

  /** Polls now; within a Retry-After wait, as soon as it ends (never later than already scheduled). */
  function pollSoon(): void {
    if (!canSchedule() || inFlight !== null) return;
    if (nowMs() >= notBefore) {
      void runPoll();
      return;
    }
    dueAt = Math.min(dueAt ?? notBefore, notBefore);
    arm();
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      dueAt ??= nowMs(); // started while paused: the first poll falls due at resume()
      pollSoon();
    },
    stop() {
      if (stopping === null) {
        stopped = true;
        cancelTimer();
        abort?.abort(new Error('The poller was stopped.'));
        const last = inFlight;
        stopping = last === null ? Promise.resolve() : last.then(() => undefined);
      }
      return stopping;
    },
    pollNow() {
      if (stopped) return Promise.reject(new Error('The poller is stopped.'));
      return runPoll();
    },
    pause() {
      if (stopped) return;
      paused = true;
      cancelTimer();
    },
    resume() {
      if (!paused || stopped) return;
      paused = false;
      arm(); // an overdue poll runs at once, a future one at its time
    },
    wake() {
      pollSoon();
    },
    state() {
      return {
        status: stopped ? 'stopped' : inFlight !== null ? 'polling' : paused ? 'paused' : 'idle',
        nextPollAt: timer === null ? null : new Date(timer.at),
        consecutiveFailures,
        lastResult,
      };
    },
  };
}
