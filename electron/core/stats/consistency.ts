// The relations a faithful inference-stats answer satisfies (API-NOTES.md, checked on the
// seed). Pure and reusable: the simulator's tests and later code check their own answers with
// it. Each violation is one readable line; an empty list means consistent.
//
// What is checked, and why not more:
// - Workspace inferences = sum over models of the model totals, both periods (nulls count as 0).
// - A model's rows bound its total: max(row) <= model total <= sum(rows), both periods. The
//   notes' "rows add up to the model total" (106 + 1 = 107) holds only when no inference
//   detects two classes; the seed's own hard-hat rows show the general case (previous period:
//   head 100 + helmet 100, model total 100).
// - A row's detections (class_count) >= its current inferences: each counted inference has
//   at least one detection of that class (the "" row counts one per inference).
// - Workspace avg confidence and avg response time (current period) = the rows' values
//   weighted by class_count. The previous period cannot be checked: the API gives no
//   previous class_count. Skipped when either side is unknown.
import { readWireStats } from './wire-schema';
import { toStatsFigures } from './snapshot';
import type { Figures, StatsFigures } from './types';
import type { WireStats } from './wire-schema';

export interface ConsistencyOptions {
  /** Relative tolerance for the weighted means. */
  readonly relativeTolerance?: number;
}

const PERIODS = ['current', 'previous'] as const;

/** Violations of the relations above in a snapshot (or any StatsFigures). */
export function checkConsistency(figures: StatsFigures, options: ConsistencyOptions = {}): string[] {
  const tolerance = options.relativeTolerance ?? 1e-9;
  return [...workspaceTotals(figures), ...modelRowBounds(figures), ...detectionCounts(figures), ...weightedMeans(figures, tolerance)];
}

/**
 * The same for a raw answer, plus a check only the raw rows allow: rows of one model agree on
 * `model_num_inferences` / `prev_model_num_inferences` where they state it. Throws BadResponse
 * when `json` is not a valid answer at all.
 */
export function checkResponseConsistency(json: unknown, options: ConsistencyOptions = {}): string[] {
  const wire = readWireStats(json);
  return [...modelTotalsAgree(wire), ...checkConsistency(toStatsFigures(wire), options)];
}

const known = (value: number | null) => value ?? 0;
const sum = (values: readonly (number | null)[]) => values.reduce<number>((total, value) => total + known(value), 0);

function workspaceTotals({ totals, models }: StatsFigures): string[] {
  return PERIODS.flatMap((period) => {
    const stated = known(totals[period].inferences);
    const fromModels = sum(models.map((m) => m.inferences[period]));
    if (stated === fromModels) return [];
    const parts = models.map((m) => `${m.model} ${m.inferences[period] ?? 'null'}`).join(' + ');
    return [`${period} inferences: workspace says ${totals[period].inferences ?? 'null'}, models add up to ${fromModels} (${parts})`];
  });
}

function modelRowBounds({ models, classes }: StatsFigures): string[] {
  return models.flatMap((model) => {
    const rows = classes.filter((row) => row.model === model.model);
    return PERIODS.flatMap((period) => {
      const counts = rows.map((row) => known(row[period].inferences));
      const total = known(model.inferences[period]);
      const largest = Math.max(0, ...counts);
      const added = sum(counts);
      if (largest <= total && total <= added) return [];
      return [`${period} inferences of ${model.model}: model total ${total} is outside its rows' range [largest row ${largest}, sum ${added}]`];
    });
  });
}

function detectionCounts({ classes }: StatsFigures): string[] {
  return classes.flatMap((row) => {
    const inferences = row.current.inferences;
    if (row.detections === null || inferences === null || row.detections >= inferences) return [];
    return [`${row.model}/${JSON.stringify(row.className)}: ${row.detections} detections (class_count) in ${inferences} inferences`];
  });
}

function weightedMeans({ totals, classes }: StatsFigures, tolerance: number): string[] {
  const fields = [
    ['avgConfidence', 'avg_confidence'],
    ['avgResponseTimeSeconds', 'avg_response_time'],
  ] as const satisfies ReadonlyArray<readonly [keyof Figures, string]>;
  return fields.flatMap(([field, wireName]) => {
    const stated = totals.current[field];
    let weighted = 0;
    let weight = 0;
    for (const row of classes) {
      const value = row.current[field];
      if (value === null || row.detections === null || row.detections <= 0) continue;
      weighted += value * row.detections;
      weight += row.detections;
    }
    if (stated === null || weight === 0) return [];
    const mean = weighted / weight;
    if (Math.abs(stated - mean) <= tolerance * Math.max(Math.abs(stated), Math.abs(mean))) return [];
    return [`current ${wireName}: workspace says ${stated}, class_count-weighted mean of rows is ${mean}`];
  });
}

function modelTotalsAgree(wire: WireStats): string[] {
  const fields = ['model_num_inferences', 'prev_model_num_inferences'] as const;
  const seen = new Map<string, number>();
  const violations: string[] = [];
  for (const row of wire.inference_stats) {
    for (const field of fields) {
      const value = row[field];
      if (value === null) continue;
      const key = `${field}\u0000${row.model_name}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, value);
      else if (first !== value) violations.push(`${field} of ${row.model_name}: rows disagree (${first} vs ${value})`);
    }
  }
  return violations;
}
