// Shared helpers for the renderer's unit tests. They run in Node, type-checked with the renderer's
// tsconfig.web.json (DOM, no Node types): Node is reached only through vitest's stubs.
import { afterEach, vi } from 'vitest';
import type { AlertView, SeriesPointView, SeriesRequest } from '../../electron/contract';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 2026-11-28 09:30 UTC, a Saturday: "now" when a test does not need another. */
export const NOW = Date.UTC(2026, 10, 28, 9, 30);

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/**
 * Sets the local zone for the rest of the test (restored after it). Node re-reads TZ when it is
 * assigned: Date's local methods and Intl formatters built from now on follow it; formatters a
 * module built when it was imported do not (see `importInZone`).
 */
export function useZone(zone: string): void {
  vi.stubEnv('TZ', zone);
}

/** A fresh copy of a module, imported with the local zone set to `zone`: its Intl formatters use that zone. */
export async function importInZone<T>(zone: string, load: () => Promise<T>): Promise<T> {
  useZone(zone);
  vi.resetModules();
  return load();
}

/** Hourly points from `start` (ms), one per value. */
export function hourly(start: number, values: readonly (number | null)[]): SeriesPointView[] {
  return values.map((value, index) => ({ at: new Date(start + index * HOUR).toISOString(), value }));
}

/** Points with these values, an hour apart from an arbitrary start, for folds that ignore time. */
export const points = (...values: (number | null)[]): SeriesPointView[] => hourly(Date.UTC(2026, 0, 1), values);

export function alert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: 1,
    rule: 'TrafficDrop',
    model: 'yolo',
    className: null,
    severity: 'warning',
    message: 'yolo: traffic dropped',
    startedAt: '2026-11-28T08:00:00.000Z',
    endedAt: null,
    acknowledged: false,
    figures: {},
    ...overrides,
  };
}

/**
 * Stands in for the preload's window.pulsebar.getSeries (the one IPC the helpers use): answers
 * each request with `answer(request)`, and records every call.
 */
export function stubGetSeries(answer: (request: SeriesRequest) => SeriesPointView[]) {
  const getSeries = vi.fn((requests: SeriesRequest[]) => Promise.resolve(requests.map(answer)));
  vi.stubGlobal('window', { pulsebar: { getSeries } });
  return getSeries;
}
