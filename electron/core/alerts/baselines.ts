// What "normal" looks like for each model, from the stored hourly history: counts at the same
// time of day on earlier days (so the evening fall of traffic is not a "drop"), and the usual
// level and spread of confidence and latency. Built once per newly completed hour.
import type { HourlyBucket } from '../history/types';
import type { TimeWindow } from '../stats/types';
import { DAY_MS, HOUR_MS } from '../time';
import { median, medianAbsoluteDeviation } from './statistics';

/** Days of history a baseline looks back over. */
export const BASELINE_DAYS = 7;
/** Hours this recent are left out of level baselines: they overlap the windows being judged. */
export const RECENT_EXCLUDED_MS = 2 * HOUR_MS;
/** A level baseline (confidence, latency) needs this many qualifying hours. */
export const MIN_BASELINE_HOURS = 6;

/** The usual level of an average: the median of hourly means and their spread. */
export interface LevelBaseline {
  readonly median: number;
  /** Median absolute deviation of the hourly means (raw, unscaled). */
  readonly mad: number;
  readonly hours: number;
  /** Detections (confidence) or requests (latency) behind the hourly means. */
  readonly samples: number;
  /**
   * The spread of one detection's (or request's) value, estimated robustly from how far each
   * hourly mean strays from the median, scaled by √(its sample size): a quiet night hour of
   * 30 detections strays further than a busy one of 3,000 without anything being wrong.
   */
  readonly unitSd: number;
}

export interface ModelBaseline {
  readonly model: string;
  /** Inferences per known hour (hour start ms); a known hour without the model is 0. */
  readonly hourCounts: ReadonlyMap<number, number>;
  readonly confidence: LevelBaseline | null;
  readonly latency: LevelBaseline | null;
  readonly classConfidence: ReadonlyMap<string, LevelBaseline>;
  /** Share of the model's inferences per class ('' included), over the level hours; null without any. */
  readonly classShares: ReadonlyMap<string, number> | null;
}

export interface ExpectedCount {
  /** The median over earlier days of the count in the same window of the day. */
  readonly expected: number;
  readonly days: number;
}

export interface BaselineBook {
  /** The newest complete hour it was built from (ms), or null for an empty history. */
  readonly newestHour: number | null;
  readonly models: ReadonlyMap<string, ModelBaseline>;
  /** Workspace errors and requests over the level hours, or null when unknown. */
  readonly workspaceErrors: { readonly errors: number; readonly requests: number } | null;
  /** The usual count of a model in `window` at the same time on earlier days, or null without any such day. */
  expectedCount(model: string, window: TimeWindow): ExpectedCount | null;
}

export interface BaselineOptions {
  /** Hourly means count only from hours with at least this many detections / requests. */
  readonly minDetections: (model: string) => number;
  readonly minRequests: (model: string) => number;
}

/**
 * Builds the book from the complete hourly buckets of the last BASELINE_DAYS days before `at`.
 * An hour is known when its workspace bucket is complete and served something: an hour in which
 * the whole workspace served nothing (before Pulsebar's data starts, or a workspace-wide stop)
 * is not what "usually" means.
 */
export function buildBaselines(buckets: readonly HourlyBucket[], at: Date, options: BaselineOptions): BaselineBook {
  const atMs = at.getTime();
  const known = new Set<number>();
  let newestHour: number | null = null;
  let wsErrors = 0;
  let wsRequests = 0;
  let wsErrorsKnown = false;
  const levelCutoff = atMs - RECENT_EXCLUDED_MS;
  for (const bucket of buckets) {
    if (bucket.scope.level !== 'workspace' || !bucket.complete || (bucket.inferences ?? 0) <= 0) continue;
    const hour = bucket.hour.getTime();
    known.add(hour);
    newestHour = Math.max(newestHour ?? hour, hour);
    if (hour + HOUR_MS <= levelCutoff && bucket.errors !== null) {
      wsErrorsKnown = true;
      wsErrors += bucket.errors;
      wsRequests += (bucket.inferences ?? 0) + bucket.errors;
    }
  }

  const byModel = new Map<string, { counts: Map<number, number>; model: HourlyBucket[]; classes: HourlyBucket[] }>();
  const entry = (model: string) => {
    let found = byModel.get(model);
    if (found === undefined) byModel.set(model, (found = { counts: new Map(), model: [], classes: [] }));
    return found;
  };
  for (const bucket of buckets) {
    const hour = bucket.hour.getTime();
    if (!known.has(hour) || bucket.scope.level === 'workspace') continue;
    const parts = entry(bucket.scope.model);
    if (bucket.scope.level === 'model') {
      parts.counts.set(hour, bucket.inferences ?? 0);
      if (hour + HOUR_MS <= levelCutoff) parts.model.push(bucket);
    } else if (hour + HOUR_MS <= levelCutoff) {
      parts.classes.push(bucket);
    }
  }

  const models = new Map<string, ModelBaseline>();
  for (const [model, parts] of byModel) {
    const minDetections = options.minDetections(model);
    const minRequests = options.minRequests(model);
    models.set(model, {
      model,
      hourCounts: parts.counts,
      confidence: levelOf(detectionHours(parts.classes), (b) => b.avgConfidence, (b) => b.detections, minDetections),
      latency: levelOf(parts.model, (b) => b.avgResponseTimeSeconds, (b) => b.inferences, minRequests),
      classConfidence: classLevels(parts.classes, minDetections),
      classShares: sharesOf(parts.classes),
    });
  }

  return {
    newestHour,
    models,
    workspaceErrors: wsErrorsKnown && wsRequests > 0 ? { errors: wsErrors, requests: wsRequests } : null,
    expectedCount(model, window) {
      const counts = models.get(model)?.hourCounts ?? new Map<number, number>();
      const perDay: number[] = [];
      for (let day = 1; day <= BASELINE_DAYS; day++) {
        const count = countIn(known, counts, window.start.getTime() - day * DAY_MS, window.end.getTime() - day * DAY_MS);
        if (count !== null) perDay.push(count);
      }
      const expected = median(perDay);
      return expected === null ? null : { expected, days: perDay.length };
    },
  };
}

/** The count in [start, end) from hourly counts, each hour taken pro rata; null if any hour is unknown. */
function countIn(known: ReadonlySet<number>, counts: ReadonlyMap<number, number>, start: number, end: number): number | null {
  let total = 0;
  for (let hour = Math.floor(start / HOUR_MS) * HOUR_MS; hour < end; hour += HOUR_MS) {
    if (!known.has(hour)) return null;
    const overlap = Math.min(end, hour + HOUR_MS) - Math.max(start, hour);
    total += ((counts.get(hour) ?? 0) * overlap) / HOUR_MS;
  }
  return total;
}

function levelOf(buckets: readonly HourlyBucket[], value: (b: HourlyBucket) => number | null, weight: (b: HourlyBucket) => number | null, minWeight: number): LevelBaseline | null {
  const means: number[] = [];
  const sizes: number[] = [];
  for (const bucket of buckets) {
    const mean = value(bucket);
    const n = weight(bucket) ?? 0;
    if (mean === null || n < minWeight) continue;
    means.push(mean);
    sizes.push(n);
  }
  if (means.length < MIN_BASELINE_HOURS) return null;
  const center = median(means) ?? 0;
  const scaled = means.map((m, i) => Math.abs(m - center) * Math.sqrt(sizes[i] ?? 0));
  return {
    median: center,
    mad: medianAbsoluteDeviation(means) ?? 0,
    hours: means.length,
    samples: sizes.reduce((a, b) => a + b, 0),
    unitSd: 1.4826 * (median(scaled) ?? 0),
  };
}

/**
 * The model's hourly confidence over its detections, from its class rows without the
 * no-detection row (as the detector reads the recent windows; see recent-view.ts).
 */
function detectionHours(classes: readonly HourlyBucket[]): HourlyBucket[] {
  const hours = new Map<number, { sum: number; detections: number; bucket: HourlyBucket }>();
  for (const bucket of classes) {
    if (bucket.scope.level !== 'class' || bucket.scope.className === '' || bucket.avgConfidence === null || (bucket.detections ?? 0) <= 0) continue;
    const hour = bucket.hour.getTime();
    const entry = hours.get(hour) ?? { sum: 0, detections: 0, bucket };
    entry.sum += bucket.avgConfidence * (bucket.detections ?? 0);
    entry.detections += bucket.detections ?? 0;
    hours.set(hour, entry);
  }
  return [...hours.values()].map(({ sum, detections, bucket }) => ({ ...bucket, scope: { level: 'model', model: bucket.scope.level === 'workspace' ? '' : bucket.scope.model }, avgConfidence: sum / detections, detections }));
}

function classLevels(buckets: readonly HourlyBucket[], minDetections: number): Map<string, LevelBaseline> {
  const byClass = new Map<string, HourlyBucket[]>();
  for (const bucket of buckets) {
    if (bucket.scope.level !== 'class') continue;
    const list = byClass.get(bucket.scope.className) ?? [];
    list.push(bucket);
    byClass.set(bucket.scope.className, list);
  }
  const levels = new Map<string, LevelBaseline>();
  for (const [className, list] of byClass) {
    const level = levelOf(list, (b) => b.avgConfidence, (b) => b.detections, minDetections);
    if (level !== null) levels.set(className, level);
  }
  return levels;
}

function sharesOf(buckets: readonly HourlyBucket[]): Map<string, number> | null {
  const totals = new Map<string, number>();
  let all = 0;
  for (const bucket of buckets) {
    if (bucket.scope.level !== 'class') continue;
    const n = bucket.inferences ?? 0;
    totals.set(bucket.scope.className, (totals.get(bucket.scope.className) ?? 0) + n);
    all += n;
  }
  if (all <= 0) return null;
  return new Map([...totals].map(([className, n]) => [className, n / all]));
}
