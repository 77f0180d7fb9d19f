// A scripted StatsSource: each call is answered by `respond` (a snapshot, a StatsError, or a
// promise the test settles when it likes), and every call is recorded.
import type { FetchStatsOptions, StatsQuery, StatsSource } from '../../../electron/core/stats/stats-source';
import type { StatsSnapshot, TimeWindow } from '../../../electron/core/stats/types';
import { previousWindowOf } from '../../../electron/core/stats/time-window';

export interface SourceCall {
  readonly query: StatsQuery;
  readonly signal: AbortSignal | undefined;
}

export type Respond = (query: StatsQuery, call: number, signal: AbortSignal | undefined) => StatsSnapshot | Error | Promise<StatsSnapshot>;

export class FakeSource implements StatsSource {
  readonly calls: SourceCall[] = [];

  constructor(public respond: Respond = (query) => snapshotFor(query.window)) {}

  async fetchStats(query: StatsQuery, options?: FetchStatsOptions): Promise<StatsSnapshot> {
    this.calls.push({ query, signal: options?.signal });
    const answer = this.respond(query, this.calls.length, options?.signal);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  /** Calls whose window is `length` ms long (the headline: 24 h; an hourly window: 1 h). */
  callsOfLength(length: number): SourceCall[] {
    return this.calls.filter((call) => call.query.window.end.getTime() - call.query.window.start.getTime() === length);
  }
}

/** A small valid snapshot for `window`. */
export function snapshotFor(window: TimeWindow, inferences = 100): StatsSnapshot {
  const figures = { inferences, errors: 1, avgConfidence: 0.8, avgResponseTimeSeconds: 0.05 };
  return {
    window,
    previousWindow: previousWindowOf(window),
    totals: { current: figures, previous: figures },
    models: [{ model: 'm', inferences: { current: inferences, previous: inferences }, deploymentTypes: ['hosted'], serverVersions: ['0.16.0'] }],
    classes: [
      { model: 'm', className: 'a', current: figures, previous: figures, medianConfidence: 0.8, detections: inferences, deploymentTypes: ['hosted'], serverVersions: ['0.16.0'] },
    ],
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
