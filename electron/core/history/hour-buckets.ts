// The buckets of one hour fetched as its own window: the workspace, each model, each class row.
import { modelAverages } from '../figures';
import type { ClassStats, StatsSnapshot } from '../stats/types';
import { HOUR_MS } from '../time';
import type { BucketFigures, SeriesScope } from './types';

export type { BucketFigures } from './types';

export interface DerivedBucket extends BucketFigures {
  readonly scope: SeriesScope;
}

/** Throws a RangeError (a caller's bug) unless the snapshot covers exactly one UTC hour. */
export function assertHourWindow(snapshot: StatsSnapshot): void {
  const start = snapshot.window.start.getTime();
  const end = snapshot.window.end.getTime();
  if (!Number.isFinite(start) || start % HOUR_MS !== 0 || end - start !== HOUR_MS) {
    throw new RangeError(`saveHour needs a snapshot of exactly one UTC hour [h, h + 1 h); got ${describe(snapshot)}.`);
  }
}

/**
 * Workspace: the answer's current totals (median unknown), detections summed over the rows.
 * Model: its `model_num_inferences`; averages weighted per detection over its rows, as the API
 * weights its totals (modelAverages); detections summed; no median (the API gives none per
 * model); errors only when the answer covers that model alone, where the totals are its own.
 * Class: the row's current figures.
 */
export function deriveHourBuckets(snapshot: StatsSnapshot): DerivedBucket[] {
  const totals = snapshot.totals.current;
  const buckets: DerivedBucket[] = [
    {
      scope: { level: 'workspace' },
      inferences: totals.inferences,
      errors: totals.errors,
      avgConfidence: totals.avgConfidence,
      medianConfidence: null,
      avgResponseTimeSeconds: totals.avgResponseTimeSeconds,
      detections: sumKnown(snapshot.classes.map((row) => row.detections)),
    },
  ];
  const onlyModel = snapshot.models.length === 1;
  for (const model of snapshot.models) {
    const rows = snapshot.classes.filter((row) => row.model === model.model);
    const averages = modelAverages(rows);
    buckets.push({
      scope: { level: 'model', model: model.model },
      inferences: model.inferences.current,
      errors: onlyModel ? totals.errors : null,
      avgConfidence: averages.avgConfidence,
      medianConfidence: null,
      avgResponseTimeSeconds: averages.avgResponseTimeSeconds,
      detections: sumKnown(rows.map((row) => row.detections)),
    });
  }
  for (const row of snapshot.classes) buckets.push(classBucket(row));
  return buckets;
}

function classBucket(row: ClassStats): DerivedBucket {
  return {
    scope: { level: 'class', model: row.model, className: row.className },
    inferences: row.current.inferences,
    errors: row.current.errors,
    avgConfidence: row.current.avgConfidence,
    medianConfidence: row.medianConfidence,
    avgResponseTimeSeconds: row.current.avgResponseTimeSeconds,
    detections: row.detections,
  };
}

/** The sum of the known values, or null when none is known. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  let sum: number | null = null;
  for (const value of values) if (value !== null) sum = (sum ?? 0) + value;
  return sum;
}

function describe(snapshot: StatsSnapshot): string {
  const { start, end } = snapshot.window;
  const iso = (date: Date) => (Number.isFinite(date.getTime()) ? date.toISOString() : 'an invalid date');
  return `${iso(start)} .. ${iso(end)}`;
}
