import { describe, expect, it } from 'vitest';
import { MIN_BASELINE_HOURS, buildBaselines } from '../../../electron/core/alerts/baselines';
import { DAY_MS, HOUR_MS } from '../../../electron/core/time';
import type { HourlyBucket, SeriesScope } from '../../../electron/core/history/types';

const DAY0 = Date.parse('2026-11-01T00:00:00Z');
const OPTIONS = { minDetections: () => 30, minRequests: () => 30 };

function bucket(scope: SeriesScope, hourMs: number, figures: Partial<HourlyBucket> = {}): HourlyBucket {
  return { scope, hour: new Date(hourMs), complete: true, inferences: 100, errors: null, avgConfidence: null, medianConfidence: null, avgResponseTimeSeconds: null, detections: null, ...figures };
}
const ws = (hourMs: number, inferences = 100, errors: number | null = 1) => bucket({ level: 'workspace' }, hourMs, { inferences, errors });
const model = (hourMs: number, inferences: number, extra: Partial<HourlyBucket> = {}) => bucket({ level: 'model', model: 'm' }, hourMs, { inferences, ...extra });
const cls = (hourMs: number, className: string, inferences: number, extra: Partial<HourlyBucket> = {}) => bucket({ level: 'class', model: 'm', className }, hourMs, { inferences, ...extra });

/** Workspace and model buckets for every hour of `days` days from DAY0; the model serves `perHour(h)`. */
function days(count: number, perHour: (hourOfDay: number, day: number) => number): HourlyBucket[] {
  const out: HourlyBucket[] = [];
  for (let d = 0; d < count; d++) {
    for (let h = 0; h < 24; h++) {
      const hourMs = DAY0 + d * DAY_MS + h * HOUR_MS;
      out.push(ws(hourMs, 1000), model(hourMs, perHour(h, d)));
    }
  }
  return out;
}

describe('buildBaselines', () => {
  it('expects the median count at the same time of day on earlier days, hours taken pro rata', () => {
    const book = buildBaselines(days(3, (h, d) => (h === 10 ? 60 + d * 30 : 0)), new Date(DAY0 + 3 * DAY_MS + 10.5 * HOUR_MS), OPTIONS);
    // [10:30, 11:30) on days 0..2: half of hour 10 (60, 90, 120) and half of hour 11 (0).
    const window = { start: new Date(DAY0 + 3 * DAY_MS + 10.5 * HOUR_MS), end: new Date(DAY0 + 3 * DAY_MS + 11.5 * HOUR_MS) };
    expect(book.expectedCount('m', window)).toEqual({ expected: 45, days: 3 });
  });

  it('counts a known hour without the model as zero, and skips days whose hours are unknown', () => {
    const buckets = days(2, () => 50).filter((b) => !(b.scope.level === 'model' && b.hour.getTime() === DAY0 + 10 * HOUR_MS));
    const book = buildBaselines(buckets, new Date(DAY0 + 2 * DAY_MS + 11 * HOUR_MS), OPTIONS);
    const window = (day: number) => ({ start: new Date(DAY0 + day * DAY_MS + 10 * HOUR_MS), end: new Date(DAY0 + day * DAY_MS + 11 * HOUR_MS) });
    expect(book.expectedCount('m', window(2))).toEqual({ expected: 25, days: 2 }); // median of 0 and 50
    expect(book.expectedCount('m', window(9))).toBeNull(); // no stored day a week before
    expect(book.expectedCount('unknown-model', window(2))).toEqual({ expected: 0, days: 2 });
  });

  it('does not take hours in which the whole workspace served nothing (or that are incomplete) as usual', () => {
    const buckets = days(2, () => 50).map((b) => (b.scope.level === 'workspace' && b.hour.getTime() < DAY0 + DAY_MS ? { ...b, inferences: 0 } : b));
    buckets.push({ ...ws(DAY0 + 2 * DAY_MS), complete: false });
    const book = buildBaselines(buckets, new Date(DAY0 + 2 * DAY_MS + 30 * 60_000), OPTIONS);
    const window = { start: new Date(DAY0 + 2 * DAY_MS + 10 * HOUR_MS), end: new Date(DAY0 + 2 * DAY_MS + 11 * HOUR_MS) };
    expect(book.expectedCount('m', window)).toEqual({ expected: 50, days: 1 });
    expect(book.newestHour).toBe(DAY0 + 2 * DAY_MS - HOUR_MS);
  });

  it('returns an empty book for an empty history', () => {
    const book = buildBaselines([], new Date(DAY0), OPTIONS);
    expect(book.newestHour).toBeNull();
    expect(book.models.size).toBe(0);
    expect(book.workspaceErrors).toBeNull();
  });

  it('takes confidence and latency levels from hours with enough samples, leaving out the last two hours', () => {
    const at = DAY0 + 12 * HOUR_MS;
    const buckets: HourlyBucket[] = [];
    for (let h = 0; h < 12; h++) {
      const hourMs = DAY0 + h * HOUR_MS;
      const recent = h >= 10; // overlaps the windows being judged
      buckets.push(ws(hourMs), model(hourMs, h === 0 ? 10 : 100, { avgResponseTimeSeconds: recent ? 9 : 0.1 + h / 1000 }));
      buckets.push(cls(hourMs, 'helmet', 60, { avgConfidence: recent ? 0.1 : 0.8, detections: h === 0 ? 5 : 100 }));
      buckets.push(cls(hourMs, '', 40, { avgConfidence: 0, detections: 40 }));
    }
    const baseline = buildBaselines(buckets, new Date(at), OPTIONS).models.get('m');
    // Hours 1..9 qualify (hour 0 has too few samples, hours 10 and 11 are too recent).
    expect(baseline?.latency).toMatchObject({ hours: 9, samples: 900 });
    expect(baseline?.latency?.median).toBeCloseTo(0.105, 12);
    // The model's confidence is over its detections: the no-detection row is not a 0 in it.
    expect(baseline?.confidence).toMatchObject({ hours: 9, median: 0.8, samples: 900, mad: 0 });
    expect(baseline?.classConfidence.get('helmet')).toMatchObject({ hours: 9, median: 0.8 });
    expect(baseline?.classConfidence.has('')).toBe(true);
    expect(baseline?.classShares).toEqual(new Map([['helmet', 0.6], ['', 0.4]]));
  });

  it(`needs ${MIN_BASELINE_HOURS} qualifying hours for a level`, () => {
    const hours = (n: number) => Array.from({ length: n }, (_, h) => [ws(DAY0 + h * HOUR_MS), model(DAY0 + h * HOUR_MS, 100, { avgResponseTimeSeconds: 0.1 })]).flat();
    const at = (n: number) => new Date(DAY0 + (n + 2) * HOUR_MS);
    expect(buildBaselines(hours(MIN_BASELINE_HOURS - 1), at(MIN_BASELINE_HOURS - 1), OPTIONS).models.get('m')?.latency).toBeNull();
    expect(buildBaselines(hours(MIN_BASELINE_HOURS), at(MIN_BASELINE_HOURS), OPTIONS).models.get('m')?.latency).not.toBeNull();
  });

  it('estimates the spread of one sample from hourly means, whatever the hours’ sizes', () => {
    // Hourly means that stray by exactly 0.12/√n: one detection's sd is 0.12 in every hour.
    const buckets: HourlyBucket[] = [];
    for (let h = 0; h < 40; h++) {
      const n = h % 2 === 0 ? 36 : 3600;
      const hourMs = DAY0 + h * HOUR_MS;
      buckets.push(ws(hourMs), cls(hourMs, 'head', n, { detections: n, avgConfidence: 0.74 + ((h % 4 < 2 ? 1 : -1) * 0.12 * 0.6745) / Math.sqrt(n) }));
    }
    const level = buildBaselines(buckets, new Date(DAY0 + 42 * HOUR_MS), OPTIONS).models.get('m')?.classConfidence.get('head');
    expect(level?.unitSd).toBeCloseTo(0.12, 5);
  });

  it('sums the workspace errors over the level hours', () => {
    const buckets = [ws(DAY0, 990, 10), ws(DAY0 + HOUR_MS, 1990, 10), ws(DAY0 + 2 * HOUR_MS, 5, 5)];
    expect(buildBaselines(buckets, new Date(DAY0 + 4 * HOUR_MS), OPTIONS).workspaceErrors).toEqual({ errors: 20, requests: 3000 });
  });
});
