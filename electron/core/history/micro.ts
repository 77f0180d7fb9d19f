// Averages are stored as integers in micro-units: confidence × 1e6 and seconds × 1e6 (µs).
// SQLite stores an integer up to 8 388 607 in 3 bytes where a REAL always takes 8, and the
// snapshot payload compresses shorter digit strings better. The round trip is exact to 1e-6
// (the error is at most 5e-7) for values below 9e9, where micro-units reach 2^53.
import type { Figures } from '../stats/types';

export const MICRO = 1_000_000;

export function toMicro(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) throw new RangeError(`A stored figure must be a finite number (got ${value}).`);
  return Math.round(value * MICRO);
}

export const fromMicro = (value: number | null): number | null => (value === null ? null : value / MICRO);

/** A count as stored: the API's counts are whole numbers; anything else is kept as it came. */
export function checkCount(value: number | null): number | null {
  if (value !== null && !Number.isFinite(value)) throw new RangeError(`A stored count must be a finite number (got ${value}).`);
  return value;
}

/** Figures as the tables hold them: counts as they are, averages in micro-units. */
export interface MicroFigures {
  readonly inferences: number | null;
  readonly errors: number | null;
  readonly avgConfidence: number | null;
  readonly medianConfidence: number | null;
  readonly avgResponseTime: number | null;
  readonly detections: number | null;
}

export function figuresToMicro(figures: Figures & { medianConfidence: number | null; detections: number | null }): MicroFigures {
  return {
    inferences: checkCount(figures.inferences),
    errors: checkCount(figures.errors),
    avgConfidence: toMicro(figures.avgConfidence),
    medianConfidence: toMicro(figures.medianConfidence),
    avgResponseTime: toMicro(figures.avgResponseTimeSeconds),
    detections: checkCount(figures.detections),
  };
}
