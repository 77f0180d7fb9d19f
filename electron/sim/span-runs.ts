/**
 * Sorted runs over aligned spans of whole hours (6 h, 24 h), merged once from the hour runs
 * and kept with the span's first hour: a week's median then searches about 20 runs instead
 * of 168. Merging only reorders (value, weight) pairs, so the median stays exact.
 */
import type { HourSummary } from './hour-summary';
import type { SortedRun } from './weighted-median';

/** Span lengths in hours, longest first; each divides the one before, and the last is one hour. */
const SPANS = [24, 6, 1] as const;

/**
 * The runs of `slot` covering the whole hours [firstHour, endHour): greedily the longest
 * aligned span that fits. Empty runs are left out.
 */
export function spanRuns(hourAt: (hour: number) => HourSummary, firstHour: number, endHour: number, slot: number, into: SortedRun[]): void {
  for (let hour = firstHour; hour < endHour; ) {
    let level = 0;
    while (level < SPANS.length - 1 && !(hour % (SPANS[level] ?? 1) === 0 && hour + (SPANS[level] ?? 1) <= endHour)) level++;
    const run = spanRun(hourAt, hour, level, slot);
    if (run.length > 0) into.push(run);
    hour += SPANS[level] ?? 1;
  }
}

/** The run of the span of SPANS[level] hours from `hour`, merged from the spans one level down. */
function spanRun(hourAt: (hour: number) => HourSummary, hour: number, level: number, slot: number): SortedRun {
  const hours = SPANS[level] ?? 1;
  const first = hourAt(hour);
  if (hours === 1) return first.run(slot);
  return first.spanRun(hours, slot, () => {
    const part = SPANS[level + 1] ?? 1;
    const parts: SortedRun[] = [];
    for (let at = hour; at < hour + hours; at += part) parts.push(spanRun(hourAt, at, level + 1, slot));
    return mergeAll(parts);
  });
}

/** Pairwise, in a balanced tree: each pair merge is linear. */
export function mergeAll(runs: readonly SortedRun[]): SortedRun {
  let level = [...runs];
  if (level.length === 0) return { values: new Float64Array(0), cumulative: new Float64Array(1), length: 0 };
  while (level.length > 1) {
    const next: SortedRun[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i];
      const b = level[i + 1];
      if (a !== undefined) next.push(b === undefined ? a : merge(a, b));
    }
    level = next;
  }
  return level[0] ?? { values: new Float64Array(0), cumulative: new Float64Array(1), length: 0 };
}

function merge(a: SortedRun, b: SortedRun): SortedRun {
  const na = a.length;
  const nb = b.length;
  const values = new Float64Array(na + nb);
  const cumulative = new Float64Array(na + nb + 1);
  let i = 0;
  let j = 0;
  let weight = 0;
  for (let t = 0; t < na + nb; t++) {
    const fromA = j >= nb || (i < na && (a.values[i] ?? 0) <= (b.values[j] ?? 0));
    if (fromA) {
      values[t] = a.values[i] ?? 0;
      weight += (a.cumulative[i + 1] ?? 0) - (a.cumulative[i] ?? 0);
      i++;
    } else {
      values[t] = b.values[j] ?? 0;
      weight += (b.cumulative[j + 1] ?? 0) - (b.cumulative[j] ?? 0);
      j++;
    }
    cumulative[t + 1] = weight;
  }
  return { values, cumulative, length: na + nb };
}
