// Derived figures shared by every view of a snapshot (CLI summary now, popover and rules later).
import type { ClassStats, Figures } from './stats/types';

/**
 * Share of requests that failed. Roboflow does not say whether `num_inferences` includes
 * failed requests; Pulsebar (and its simulator) read it as successful ones, so a request is
 * an inference or an error.
 */
export function errorRate(figures: Pick<Figures, 'inferences' | 'errors'>): number | null {
  if (figures.errors === null) return null;
  const requests = (figures.inferences ?? 0) + figures.errors;
  return requests > 0 ? figures.errors / requests : null;
}

/** Relative change, or null when there is no base to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

/**
 * A model's current mean confidence and latency from its class rows, weighted per detection
 * (`class_count`) exactly as the API weights its workspace totals.
 */
export function modelAverages(rows: readonly ClassStats[]): { avgConfidence: number | null; avgResponseTimeSeconds: number | null } {
  return {
    avgConfidence: weightedMean(rows, (r) => r.current.avgConfidence),
    avgResponseTimeSeconds: weightedMean(rows, (r) => r.current.avgResponseTimeSeconds),
  };
}

function weightedMean(rows: readonly ClassStats[], value: (row: ClassStats) => number | null): number | null {
  let sum = 0;
  let weight = 0;
  for (const row of rows) {
    const v = value(row);
    if (v === null || row.detections === null || row.detections <= 0) continue;
    sum += v * row.detections;
    weight += row.detections;
  }
  return weight > 0 ? sum / weight : null;
}
