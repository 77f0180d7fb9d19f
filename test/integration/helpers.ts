// Shared by the integration tests: the stats client (electron/core/stats) talking to the
// simulator (electron/sim) over real loopback HTTP with Node's global fetch.
//
// Time: the simulator runs with offsetMs 0, so scenario time is real time and windows are
// given in scenario time directly. Its clock (`now`) is a mutable value the tests set: the
// simulator leaves out minutes that have not ended by "now", and picks faults by it.
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { createRoboflowSource } from '../../electron/core/stats';
import type { ClassStats, Figures, ModelStats, RoboflowSourceOptions, StatsSnapshot, StatsSource } from '../../electron/core/stats';
import { scenarioEndMs, scenarioStartMs, startSimulator } from '../../electron/sim';
import type { InferenceStatsResponse, InferenceStatsRow, RunningSimulator, Scenario } from '../../electron/sim';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`bad test time ${iso}`);
  return ms;
};

export interface Harness {
  readonly scenario: Scenario;
  readonly server: RunningSimulator;
  /** The simulator's clock (ms); tests move it to land inside a fault or before a minute ends. */
  readonly clock: { nowMs: number };
  /** A client for the scenario's workspace and key; options override (another key, a short timeout...). */
  client(overrides?: Partial<RoboflowSourceOptions>): StatsSource;
  close(): Promise<void>;
}

/**
 * Starts the simulator for `scenario` on 127.0.0.1, a free port, offset 0 and a clock at
 * `nowMs` (by default a week after the scenario's end, so that every minute in and around the
 * scenario has ended).
 */
export async function startHarness(scenario: Scenario, nowMs = scenarioEndMs(scenario) + 7 * DAY): Promise<Harness> {
  const clock = { nowMs };
  const server = await startSimulator({ scenario, host: '127.0.0.1', port: 0, offsetMs: 0, now: () => clock.nowMs });
  return {
    scenario,
    server,
    clock,
    client: (overrides = {}) =>
      createRoboflowSource({
        baseUrl: server.url,
        workspace: scenario.workspace,
        apiKey: scenario.apiKey,
        fetch: globalThis.fetch,
        timeoutMs: 10_000,
        maxResponseBytes: 5 * 1024 * 1024,
        ...overrides,
      }),
    close: () => server.close(),
  };
}

/** fetchStats for [startMs, endMs), scenario time. */
export function fetchWindow(client: StatsSource, startMs: number, endMs: number, models?: readonly string[]): Promise<StatsSnapshot> {
  return client.fetchStats({ window: { start: new Date(startMs), end: new Date(endMs) }, models });
}

/** The rejection of `promise`; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail, but it resolved');
}

// --- the HTTP path loses nothing ----------------------------------------------------------

const wireFigures = (row: {
  num_inferences: number | null;
  num_errors: number | null;
  avg_confidence: number | null;
  avg_response_time: number | null;
}): Figures => ({ inferences: row.num_inferences, errors: row.num_errors, avgConfidence: row.avg_confidence, avgResponseTimeSeconds: row.avg_response_time });

const wirePrevFigures = (row: {
  prev_num_inferences: number | null;
  prev_num_errors: number | null;
  prev_avg_confidence: number | null;
  prev_avg_response_time: number | null;
}): Figures => ({
  inferences: row.prev_num_inferences,
  errors: row.prev_num_errors,
  avgConfidence: row.prev_avg_confidence,
  avgResponseTimeSeconds: row.prev_avg_response_time,
});

const list = (joined: string): string[] => [...new Set(joined.split(',').filter((part) => part !== ''))];

/**
 * What a faithful client must make of a raw simulator answer, written out independently of
 * the client's own conversion: same totals, same rows in the same order, one model entry per
 * model with its (agreed) model total, comma lists split.
 */
export function expectedFromRaw(raw: InferenceStatsResponse): Pick<StatsSnapshot, 'totals' | 'models' | 'classes'> {
  const classes: ClassStats[] = raw.inference_stats.map((row) => ({
    model: row.model_name,
    className: row.predicted_class,
    current: wireFigures(row),
    previous: wirePrevFigures(row),
    medianConfidence: row.median_confidence,
    detections: row.class_count,
    deploymentTypes: list(row.deployment_types),
    serverVersions: list(row.inference_server_versions),
  }));
  const names = [...new Set(raw.inference_stats.map((row) => row.model_name))];
  const models: ModelStats[] = names.map((model) => {
    const rows = raw.inference_stats.filter((row) => row.model_name === model);
    return {
      model,
      inferences: { current: agreed(rows, 'model_num_inferences'), previous: agreed(rows, 'prev_model_num_inferences') },
      deploymentTypes: [...new Set(rows.flatMap((row) => list(row.deployment_types)))],
      serverVersions: [...new Set(rows.flatMap((row) => list(row.inference_server_versions)))],
    };
  });
  return { totals: { current: wireFigures(raw), previous: wirePrevFigures(raw) }, models, classes };
}

function agreed(rows: readonly InferenceStatsRow[], field: 'model_num_inferences' | 'prev_model_num_inferences'): number | null {
  const values = [...new Set(rows.map((row) => row[field]).filter((value) => value !== null))];
  expect(values.length, `rows of ${rows[0]?.model_name ?? '?'} agree on ${field}`).toBeLessThanOrEqual(1);
  return values[0] ?? null;
}

/** The snapshot carries exactly the raw answer's figures (and the window asked for). */
export function expectSnapshotMatchesRaw(snapshot: StatsSnapshot, raw: InferenceStatsResponse, startMs: number, endMs: number): void {
  expect(snapshot.window.start.getTime()).toBe(startMs);
  expect(snapshot.window.end.getTime()).toBe(endMs);
  expect(snapshot.previousWindow.start.getTime()).toBe(startMs - (endMs - startMs));
  expect(snapshot.previousWindow.end.getTime()).toBe(startMs);
  const expected = expectedFromRaw(raw);
  expect(snapshot.totals).toEqual(expected.totals);
  expect(snapshot.models).toEqual(expected.models);
  expect(snapshot.classes).toEqual(expected.classes);
}

// --- reading snapshots ---------------------------------------------------------------------

export function modelOf(snapshot: StatsSnapshot, model: string): ModelStats {
  const found = snapshot.models.find((m) => m.model === model);
  if (found === undefined) throw new Error(`model ${model} not in the snapshot (${snapshot.models.map((m) => m.model).join(', ')})`);
  return found;
}

export function rowOf(snapshot: StatsSnapshot, model: string, className: string): ClassStats {
  const found = snapshot.classes.find((row) => row.model === model && row.className === className);
  if (found === undefined) throw new Error(`row ${model}/${JSON.stringify(className)} not in the snapshot`);
  return found;
}

export function rowsOf(snapshot: StatsSnapshot, model: string): ClassStats[] {
  return snapshot.classes.filter((row) => row.model === model);
}

export type Period = 'current' | 'previous';

/** A model's mean response time per inference in one period, from its rows. */
export function modelLatency(snapshot: StatsSnapshot, model: string, period: Period): number {
  let total = 0;
  let count = 0;
  for (const row of rowsOf(snapshot, model)) {
    const { inferences, avgResponseTimeSeconds } = row[period];
    if (inferences === null || avgResponseTimeSeconds === null) continue;
    total += avgResponseTimeSeconds * inferences;
    count += inferences;
  }
  if (count === 0) throw new Error(`${model} has no ${period} inferences`);
  return total / count;
}

/** A class's share of its model's inferences that detected something, in one period. */
export function classShare(snapshot: StatsSnapshot, model: string, className: string, period: Period): number {
  const nonEmpty = rowsOf(snapshot, model)
    .filter((row) => row.className !== '')
    .reduce((sum, row) => sum + (row[period].inferences ?? 0), 0);
  if (nonEmpty === 0) throw new Error(`${model} has no ${period} detections`);
  return (rowOf(snapshot, model, className)[period].inferences ?? 0) / nonEmpty;
}

/** Failed requests over all requests, from the top level (rows carry no errors). */
export function errorRate(figures: Figures): number {
  const errors = figures.errors ?? 0;
  const requests = (figures.inferences ?? 0) + errors;
  if (requests === 0) throw new Error('no requests in this period');
  return errors / requests;
}

/** Every text an error could show or log: message, String(), JSON, stack, inspect(), the cause chain. */
export function textsOf(error: unknown): string[] {
  const texts: string[] = [inspect(error, { depth: 10, showHidden: true })];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    if (current instanceof Error) {
      texts.push(current.message, String(current), current.stack ?? '', JSON.stringify(current));
      current = current.cause;
    } else {
      texts.push(String(current), JSON.stringify(current) ?? '');
      current = undefined;
    }
  }
  return texts;
}

export const scenarioSpan = (scenario: Scenario) => ({ startMs: scenarioStartMs(scenario), endMs: scenarioEndMs(scenario) });
