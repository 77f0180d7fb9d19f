// Shared helpers for the history tests: a temp folder per test, snapshots from the seed and
// the simulator, and hand-built snapshots with exact figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { HistoryError } from '../../../electron/core/history/errors';
import { openHistory, type LocalHistory, type OpenHistoryOptions } from '../../../electron/core/history/open-history';
import { parseInferenceStats } from '../../../electron/core/stats/wire-schema';
import type { ClassStats, Figures, ModelStats, StatsSnapshot, TimeWindow } from '../../../electron/core/stats/types';
import { createSimulation, loadScenario } from '../../../electron/sim';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const folders: string[] = [];
const stores: LocalHistory[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) {
    try {
      store.close();
    } catch {
      /* already closed */
    }
  }
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'pulsebar-history-'));
  folders.push(folder);
  return folder;
}

/** A history in a fresh temp folder (closed after the test). */
export function tempHistory(options: OpenHistoryOptions = {}): { store: LocalHistory; path: string; dir: string } {
  const dir = tempDir();
  const path = join(dir, 'data', 'history.db');
  return { store: track(openHistory(path, options)), path, dir };
}

/** Closes the store after the test, unless the test did. */
export function track(store: LocalHistory): LocalHistory {
  stores.push(store);
  return store;
}

export const hourWindow = (startIso: string): TimeWindow => {
  const start = new Date(startIso);
  return { start, end: new Date(start.getTime() + HOUR) };
};

const SEED = new URL('../../fixtures/seed-example-response.json', import.meta.url);

/** The seed example response parsed for `window` (default: one day). */
export function seedSnapshot(window: TimeWindow = { start: new Date('2026-11-02T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') }): StatsSnapshot {
  return parseInferenceStats(JSON.parse(readFileSync(SEED, 'utf8')), window);
}

const demo = createSimulation(loadScenario('demo'));

/** The demo scenario's answer for `window` (scenario time). */
export function simSnapshot(window: TimeWindow): StatsSnapshot {
  return parseInferenceStats(demo.stats({ startMs: window.start.getTime(), endMs: window.end.getTime() }), window);
}

export const DEMO_START = new Date(demo.startMs);

// --- hand-built snapshots ----------------------------------------------------------------------

export const figures = (inferences: number | null, errors: number | null, avgConfidence: number | null, avgResponseTimeSeconds: number | null): Figures => ({
  inferences,
  errors,
  avgConfidence,
  avgResponseTimeSeconds,
});

const NONE = figures(null, null, null, null);

export interface RowSpec {
  model: string;
  className: string;
  current: Figures;
  previous?: Figures;
  median?: number | null;
  detections: number | null;
}

/** A snapshot from rows: models (totals = max of their rows' inferences) in first-seen order. */
export function snapshotOf(window: TimeWindow, totals: Figures, rows: readonly RowSpec[], previousTotals: Figures = NONE): StatsSnapshot {
  const classes: ClassStats[] = rows.map((row) => ({
    model: row.model,
    className: row.className,
    current: row.current,
    previous: row.previous ?? NONE,
    medianConfidence: row.median ?? null,
    detections: row.detections,
    deploymentTypes: ['hosted'],
    serverVersions: ['0.16.0'],
  }));
  const models: ModelStats[] = [];
  for (const row of classes) {
    if (models.some((model) => model.model === row.model)) continue;
    const own = classes.filter((other) => other.model === row.model);
    const total = own.reduce<number | null>((sum, other) => (other.current.inferences === null ? sum : (sum ?? 0) + other.current.inferences), null);
    models.push({ model: row.model, inferences: { current: total, previous: null }, deploymentTypes: ['hosted'], serverVersions: ['0.16.0'] });
  }
  const length = window.end.getTime() - window.start.getTime();
  return {
    window,
    previousWindow: { start: new Date(window.start.getTime() - length), end: window.start },
    totals: { current: totals, previous: previousTotals },
    models,
    classes,
  };
}

/** The HistoryError `work` throws; fails the test when it throws nothing or something else. */
export function caught(work: () => unknown): HistoryError {
  try {
    work();
  } catch (error) {
    if (error instanceof HistoryError) return error;
    throw error;
  }
  throw new Error('expected a HistoryError');
}
