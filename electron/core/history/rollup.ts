// How the hours of one UTC day make a daily value. One function serves both the daily rows
// written by retention and the days a long-range query computes from hourly rows, so the two
// agree exactly at the seam between them. Works in stored units (averages in micro-units).
//
// - inferences, errors, detections: the sum of the known hourly values (null if none is known).
// - avgConfidence: weighted by detections, the API's own per-detection weighting.
// - avgResponseTime: weighted by inferences, the mean latency per request over the day.
// - medianConfidence: a true daily median needs every confidence, which the API never gives;
//   the daily value is the detection-weighted median of the hourly medians (an approximation).
// Hours whose weight is unknown or zero do not count; when no hour has a weight, the known
// values count equally. Averages are rounded to whole micro-units, as stored.
import { sumKnown } from './hour-buckets';
import type { MicroFigures } from './micro';

export function rollUpHours(hours: readonly MicroFigures[]): MicroFigures {
  return {
    inferences: sumKnown(hours.map((hour) => hour.inferences)),
    errors: sumKnown(hours.map((hour) => hour.errors)),
    avgConfidence: weightedMean(weigh(hours, (hour) => hour.avgConfidence, (hour) => hour.detections)),
    medianConfidence: weightedMedian(weigh(hours, (hour) => hour.medianConfidence, (hour) => hour.detections)),
    avgResponseTime: weightedMean(weigh(hours, (hour) => hour.avgResponseTime, (hour) => hour.inferences)),
    detections: sumKnown(hours.map((hour) => hour.detections)),
  };
}

interface Weighted {
  readonly value: number;
  readonly weight: number;
}

function weigh(hours: readonly MicroFigures[], value: (hour: MicroFigures) => number | null, weight: (hour: MicroFigures) => number | null): Weighted[] {
  const known = hours.flatMap((hour) => {
    const v = value(hour);
    return v === null ? [] : [{ value: v, weight: weight(hour) ?? 0 }];
  });
  const weighted = known.filter((entry) => entry.weight > 0);
  return weighted.length > 0 ? weighted : known.map((entry) => ({ value: entry.value, weight: 1 }));
}

function weightedMean(entries: readonly Weighted[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const entry of entries) {
    sum += entry.value * entry.weight;
    weight += entry.weight;
  }
  return weight > 0 ? Math.round(sum / weight) : null;
}

/** The smallest value at which the cumulative weight reaches half the total. */
function weightedMedian(entries: readonly Weighted[]): number | null {
  const sorted = [...entries].sort((a, b) => a.value - b.value);
  const half = sorted.reduce((total, entry) => total + entry.weight, 0) / 2;
  let cumulative = 0;
  for (const entry of sorted) {
    cumulative += entry.weight;
    if (cumulative >= half) return entry.value;
  }
  return null;
}
