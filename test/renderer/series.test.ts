import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SERIES_PER_CALL, type Metric, type SeriesPointView, type SeriesScope } from '../../electron/contract';
import {
  classLabel,
  classesOf,
  completeChange,
  coverage,
  facetColor,
  headlineRange,
  judgeChange,
  lastIsPartial,
  loadClassFigures,
  loadModelFigures,
  loadSeries,
  messageWithin,
  previousRange,
  rangeEndingAt,
  sumOf,
  summary,
  versionsSince,
  weightedMean,
  type SeriesRange,
} from '../../renderer/src/lib/series';
import { formatCount } from '../../renderer/src/lib/format';
import { DAY, HOUR, NOW, alert, hourly, points, stubGetSeries } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString();
const values = (series: readonly SeriesPointView[]) => series.map((p) => p.value);
const maybe = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null });

describe('ranges', () => {
  it.each([
    ['24h', DAY, 'last 24 h', HOUR],
    ['7d', 7 * DAY, 'last 7 d', HOUR],
    ['30d', 30 * DAY, 'last 30 d', DAY],
  ] as const)('rangeEndingAt(%s) ends now, spans its length and is hourly up to 7 days', (name, span, label, bucketMs) => {
    expect(rangeEndingAt(name, NOW)).toEqual({ from: iso(NOW - span), to: iso(NOW), label, bucketMs });
  });

  it('previousRange is the same length just before, labelled as such', () => {
    const range = rangeEndingAt('24h', NOW);
    expect(previousRange(range)).toEqual({ from: iso(NOW - 2 * DAY), to: iso(NOW - DAY), label: 'previous 24 h', bucketMs: HOUR });
    expect(previousRange(rangeEndingAt('30d', NOW))).toMatchObject({ from: iso(NOW - 60 * DAY), to: iso(NOW - 30 * DAY), label: 'previous 30 d', bucketMs: DAY });
  });

  it('previousRange ends where the range starts, for any range', () => {
    const range = fc.record({ from: fc.integer({ min: 0, max: 4e12 }), length: fc.integer({ min: 1, max: 400 * DAY }) });
    fc.assert(
      fc.property(range, ({ from, length }) => {
        const current: SeriesRange = { from: iso(from), to: iso(from + length), label: 'last x', bucketMs: HOUR };
        const previous = previousRange(current);
        return previous.to === current.from && Date.parse(previous.to) - Date.parse(previous.from) === length;
      }),
    );
  });

  it.each([
    ['1h', '24h'],
    ['24h', '24h'],
    ['7d', '7d'],
  ] as const)('headlineRange(%s) is the %s range (one hour would be a single point)', (window, name) => {
    expect(headlineRange(window, NOW)).toEqual(rangeEndingAt(name, NOW));
  });
});

describe('lastIsPartial', () => {
  // Main answers one point per bucket whose start lies within [from, to).
  const at0930 = rangeEndingAt('24h', Date.UTC(2026, 10, 28, 9, 30));
  const at1000 = rangeEndingAt('24h', Date.UTC(2026, 10, 28, 10, 0));

  it.each([
    ['the running hour last', at0930, Date.UTC(2026, 10, 28, 9), true],
    ['the last hour ended with the range (at an hour boundary)', at1000, Date.UTC(2026, 10, 28, 9), false],
    ['an older hour last (the running one not sent)', at0930, Date.UTC(2026, 10, 28, 8), false],
    ['the running day last (30 d is daily)', rangeEndingAt('30d', Date.UTC(2026, 10, 28, 9, 30)), Date.UTC(2026, 10, 28), true],
    ['yesterday last, the range ending at midnight UTC', rangeEndingAt('30d', Date.UTC(2026, 10, 28)), Date.UTC(2026, 10, 27), false],
    ['the last day of a month, ending one minute before midnight', rangeEndingAt('30d', Date.UTC(2026, 10, 30, 23, 59)), Date.UTC(2026, 10, 30), true],
  ])('%s', (_name, range, lastAt, partial) => {
    expect(lastIsPartial([{ at: iso(lastAt - DAY), value: 5 }, { at: iso(lastAt), value: 7 }], range)).toBe(partial);
  });

  it('is false for no points, and ignores whether the last value is known', () => {
    expect(lastIsPartial([], at0930)).toBe(false);
    expect(lastIsPartial(hourly(Date.UTC(2026, 10, 28, 9), [null]), at0930)).toBe(true);
  });
});

describe('folds', () => {
  it.each([
    [[], null],
    [[null, null], null],
    [[0], 0],
    [[0, null], 0],
    [[1, null, 2.5], 3.5],
  ])('sumOf(%j) = %s: no data is not zero', (series, sum) => {
    expect(sumOf(points(...series))).toBe(sum);
  });

  it('sumOf adds exactly the known values', () => {
    fc.assert(
      fc.property(fc.array(maybe), (series) => {
        const known = series.filter((v) => v !== null);
        expect(sumOf(points(...series))).toBe(known.length === 0 ? null : known.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it.each([
    [[], { known: 0, total: 0 }],
    [[null, null], { known: 0, total: 2 }],
    [[0, null, 3], { known: 2, total: 3 }],
  ])('coverage(%j) = %j: a zero is known', (series, expected) => {
    expect(coverage(points(...series))).toEqual(expected);
  });

  it('weightedMean without weights is the plain mean of the known values', () => {
    expect(weightedMean(points(0.9, null, 0.5))).toBeCloseTo(0.7);
    expect(weightedMean(points(null))).toBeNull();
    expect(weightedMean([])).toBeNull();
  });

  it('weightedMean weighs each value by the weight at the same time', () => {
    const confidence = points(0.9, 0.5, 0.3);
    // Weights for the first two hours only, and in a different order: matched by `at`, not index.
    const detections = [confidence[1]!, confidence[0]!].map((p, i) => ({ at: p.at, value: [10, 30][i]! }));
    expect(weightedMean(confidence, detections)).toBeCloseTo((0.9 * 30 + 0.5 * 10) / 40);
  });

  it('weightedMean leaves out values whose weight is missing, null, zero or negative', () => {
    const confidence = points(0.9, 0.1, 0.2, 0.3, 0.4);
    const weights = [
      { at: confidence[0]!.at, value: 2 },
      { at: confidence[2]!.at, value: null },
      { at: confidence[3]!.at, value: 0 },
      { at: confidence[4]!.at, value: -5 },
    ];
    expect(weightedMean(confidence, weights)).toBe(0.9);
    expect(weightedMean(confidence, [])).toBeNull();
  });

  it('weightedMean lies between the smallest and largest value it weighs, and ignores the weights’ scale', () => {
    const bucket = fc.record({ value: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), weight: fc.option(fc.integer({ min: -5, max: 1000 }), { nil: null }) });
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 30 }), fc.integer({ min: 2, max: 1000 }), (buckets, scale) => {
        const series = points(...buckets.map((b) => b.value));
        const weights = series.map((p, i) => ({ at: p.at, value: buckets[i]!.weight }));
        const weighed = buckets.filter((b) => b.value !== null && b.weight !== null && b.weight > 0).map((b) => b.value!);
        const mean = weightedMean(series, weights);
        if (weighed.length === 0) return mean === null;
        const scaled = weightedMean(series, weights.map((w) => ({ at: w.at, value: w.value === null ? null : w.value * scale })));
        const eps = 1e-9;
        return mean! >= Math.min(...weighed) - eps && mean! <= Math.max(...weighed) + eps && Math.abs(scaled! - mean!) < eps;
      }),
    );
  });
});

describe('completeChange', () => {
  it('leaves out the running bucket and compares the rest, like for like', () => {
    expect(completeChange(points(1, 2, 3, 4), points(10, 20, 30, 40), true)).toEqual({ current: 6, previous: 60 });
    expect(completeChange(points(1, 2, 3, 4), points(10, 20, 30, 40), false)).toEqual({ current: 10, previous: 100 });
  });

  it('leaves out every bucket whose counterpart is unknown, either way', () => {
    // Only indexes 2 and 3 are known on both sides.
    expect(completeChange(points(null, 2, 3, 5), points(1, null, 3, 4), false)).toEqual({ current: 8, previous: 7 });
  });

  it('compares only the hours a fresh install holds in both periods', () => {
    // Installed 3 hours before the end of the previous period: its last hours against the same hours now.
    const previous = points(null, null, null, 10, 10, 10);
    const current = points(8, 9, 10, 12, 12, 12, 99);
    expect(completeChange(current, previous, true)).toEqual({ current: 36, previous: 30 });
  });

  it.each([
    ['no previous period', points(1, 2, 3), points(), false],
    ['a previous period of gaps', points(1, 2, 3), points(null, null, null), false],
    ['only the running bucket', points(5), points(4), true],
    ['nothing at all', points(), points(), true],
  ])('is unknown on both sides with %s', (_name, current, previous, partial) => {
    expect(completeChange(current, previous, partial)).toEqual({ current: null, previous: null });
  });

  it('counts a known zero (a model gone quiet) as a fall, not as missing', () => {
    expect(completeChange(points(0, 0, 1), points(5, 5, 5), true)).toEqual({ current: 0, previous: 10 });
  });

  it('folds with the given fold', () => {
    const max = (series: readonly SeriesPointView[]) => Math.max(...values(series).filter((v) => v !== null));
    expect(completeChange(points(1, 7, 3, 100), points(4, 2, 6, 0), true, max)).toEqual({ current: 7, previous: 6 });
  });

  it('with every bucket known on both sides and none running, is the sums of both', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1e6), fc.nat(1e6)), { minLength: 1 }), (pairs) => {
        const current = points(...pairs.map(([a]) => a));
        const previous = points(...pairs.map(([, b]) => b));
        expect(completeChange(current, previous, false)).toEqual({ current: sumOf(current), previous: sumOf(previous) });
      }),
    );
  });

  it('is symmetric: swapping the periods swaps the figures', () => {
    fc.assert(
      fc.property(fc.array(maybe), fc.array(maybe), (a, b) => {
        const forward = completeChange(points(...a), points(...b), false);
        const backward = completeChange(points(...b), points(...a), false);
        expect(backward).toEqual({ current: forward.previous, previous: forward.current });
      }),
    );
  });
});

describe('judgeChange', () => {
  it.each([
    [110, 100, 'up', { text: '+10%', direction: 'up', tone: 'good', description: 'up 10%, better' }],
    [110, 100, 'down', { text: '+10%', direction: 'up', tone: 'bad', description: 'up 10%, worse' }],
    [110, 100, 'none', { text: '+10%', direction: 'up', tone: 'neutral', description: 'up 10%' }],
    [60, 100, 'up', { text: '-40%', direction: 'down', tone: 'bad', description: 'down 40%, worse' }],
    [60, 100, 'down', { text: '-40%', direction: 'down', tone: 'good', description: 'down 40%, better' }],
    // Below NOTABLE_CHANGE (5%): the arrow, not the colour.
    [103, 100, 'up', { text: '+3%', direction: 'up', tone: 'neutral', description: 'up 3%' }],
    [96, 100, 'up', { text: '-4%', direction: 'down', tone: 'neutral', description: 'down 4%' }],
    [105, 100, 'up', { text: '+5%', direction: 'up', tone: 'good', description: 'up 5%, better' }],
    [95, 100, 'down', { text: '-5%', direction: 'down', tone: 'good', description: 'down 5%, better' }],
    [100.2, 100, 'up', { text: '0%', direction: 'flat', tone: 'neutral', description: 'unchanged' }],
  ] as const)('%s against %s, better %s', (current, previous, better, expected) => {
    expect(judgeChange({ current, previous }, better)).toEqual(expected);
  });

  it.each([
    [null, 100],
    [100, null],
    [100, 0],
  ])('has nothing to judge for %s against %s', (current, previous) => {
    expect(judgeChange({ current, previous }, 'up')).toBeNull();
  });

  it('describes the size without a sign, and colours only a notable move', () => {
    const figure = fc.integer({ min: 0, max: 1e9 });
    fc.assert(
      fc.property(figure, fc.integer({ min: 1, max: 1e9 }), fc.constantFrom('up', 'down', 'none') as fc.Arbitrary<'up' | 'down' | 'none'>, (current, previous, better) => {
        const view = judgeChange({ current, previous }, better)!;
        expect(view.description).not.toMatch(/[+\-−]/);
        const notable = Math.abs(current - previous) / previous >= 0.05;
        if (better === 'none' || !notable) expect(view.tone).toBe('neutral');
        else expect(view.tone).toBe(view.direction === better ? 'good' : 'bad');
      }),
    );
  });
});

describe('summary', () => {
  const format = (v: number | null) => formatCount(v);

  it.each([
    [[], 'no data'],
    [[null, null], 'no data'],
    [[null, 5, null], '5'],
    [[12_345, null, 9, 13_002, null], '12,345 → 13,002'],
    [[0, 0], '0 → 0'],
  ])('%j reads "%s": first and last known values', (series, text) => {
    expect(summary(points(...series), format)).toBe(text);
  });
});

describe('classes and alerts', () => {
  const overview = (classes: string[]) => ({
    model: 'yolo',
    health: 'ok' as const,
    figures: { inferences: { current: 1, previous: 1 }, errorRate: { current: 0, previous: 0 }, avgConfidence: { current: null, previous: null }, avgLatencySeconds: { current: null, previous: null } },
    serverVersions: [],
    deploymentTypes: [],
    classes,
    activeAlerts: [],
  });

  it('classesOf lists the reported classes, then those only alerts name, once each', () => {
    const alerts = [alert({ className: 'dog' }), alert({ className: null }), alert({ className: 'car' }), alert({ className: 'dog' })];
    expect(classesOf(overview(['car', '', 'person']), alerts)).toEqual(['car', '', 'person', 'dog']);
    expect(classesOf(undefined, alerts)).toEqual(['dog', 'car']);
    expect(classesOf(undefined, [])).toEqual([]);
  });

  it('classLabel names the no-detection row', () => {
    expect(classLabel('')).toBe('no detection');
    expect(classLabel('car')).toBe('car');
    expect(classLabel(' ')).toBe(' ');
  });

  it.each([
    ['nothing firing', [], 'volume', 'var(--accent)'],
    ['a warning about traffic', [alert({ rule: 'TrafficDrop', severity: 'warning' })], 'volume', 'var(--warning)'],
    ['a silent model', [alert({ rule: 'ModelSilent', severity: 'critical' })], 'volume', 'var(--critical)'],
    ['the worst of two', [alert({ rule: 'TrafficDrop', severity: 'warning' }), alert({ rule: 'ModelSilent', severity: 'critical' })], 'volume', 'var(--critical)'],
    ['an ended critical', [alert({ rule: 'LatencyUp', severity: 'critical', endedAt: '2026-11-28T09:00:00.000Z' })], 'latency', 'var(--accent)'],
    ['an info alert', [alert({ rule: 'ErrorRateUp', severity: 'info' })], 'errors', 'var(--accent)'],
    ['an alert about another figure', [alert({ rule: 'ConfidenceDrop', severity: 'critical' })], 'latency', 'var(--accent)'],
    ['a confidence drop', [alert({ rule: 'ConfidenceDrop', severity: 'critical' })], 'confidence', 'var(--critical)'],
    ['an error rate rise', [alert({ rule: 'ErrorRateUp', severity: 'warning' })], 'errors', 'var(--warning)'],
    ['a rule about no figure', [alert({ rule: 'ClassMixShift', severity: 'critical' }), alert({ rule: 'ServerVersionChange', severity: 'critical' })], 'volume', 'var(--accent)'],
  ] as const)('facetColor with %s', (_name, alerts, facet, color) => {
    expect(facetColor(alerts, facet)).toBe(color);
  });

  it.each([
    ['yolo: traffic dropped', 'yolo', 'traffic dropped'],
    ['yolo-v8: traffic dropped', 'yolo', 'yolo-v8: traffic dropped'],
    ['traffic dropped on yolo', 'yolo', 'traffic dropped on yolo'],
    ['yolo:no space', 'yolo', 'yolo:no space'],
    ['a/b: x', 'a/b', 'x'],
  ])('messageWithin(%j, %j) = %j', (message, model, text) => {
    expect(messageWithin(alert({ message }), model)).toBe(text);
  });

  it('versionsSince dates each version by the latest ServerVersionChange that added it', () => {
    const alerts = [
      alert({ rule: 'ServerVersionChange', startedAt: '2026-11-01T10:00:00.000Z', figures: { added: '1.2.0, 1.3.0', removed: '1.1.0' } }),
      alert({ rule: 'ServerVersionChange', startedAt: '2026-11-20T10:00:00.000Z', figures: { added: '1.3.0' } }),
      alert({ rule: 'ServerVersionChange', startedAt: '2026-11-05T10:00:00.000Z', figures: { added: '1.2.0' } }),
      alert({ rule: 'TrafficDrop', startedAt: '2026-11-27T10:00:00.000Z', figures: { added: '1.0.0' } }),
      alert({ rule: 'ServerVersionChange', startedAt: '2026-11-27T10:00:00.000Z', figures: { added: 3 } }),
    ];
    expect(versionsSince(['1.0.0', '1.2.0', '1.3.0', '1.1.0'], alerts)).toEqual([
      { version: '1.0.0', since: null },
      { version: '1.2.0', since: '2026-11-05T10:00:00.000Z' },
      { version: '1.3.0', since: '2026-11-20T10:00:00.000Z' },
      { version: '1.1.0', since: null },
    ]);
    expect(versionsSince([], alerts)).toEqual([]);
  });
});

/**
 * Main as the contract describes it: one point per bucket whose start lies within [from, to),
 * hourly up to 7 days, daily beyond; `figure` gives each point's value.
 */
function fakeMain(figure: (scope: SeriesScope, metric: Metric, at: number) => number | null) {
  const asked: { scope: SeriesScope; metric: Metric; from: string; to: string }[] = [];
  const fetch = (scope: SeriesScope, metric: Metric, range: SeriesRange): Promise<SeriesPointView[]> => {
    asked.push({ scope, metric, from: range.from, to: range.to });
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const bucket = to - from <= 7 * DAY ? HOUR : DAY;
    const series: SeriesPointView[] = [];
    for (let at = Math.ceil(from / bucket) * bucket; at < to; at += bucket) series.push({ at: iso(at), value: figure(scope, metric, at) });
    return Promise.resolve(series);
  };
  return { fetch, asked };
}

describe('loadModelFigures and loadClassFigures', () => {
  // 09:30: the 24 h range holds 10:00 yesterday … 09:00 today, the last hour running.
  const range = rangeEndingAt('24h', NOW);
  const start = Date.parse(range.from);
  const running = Date.UTC(2026, 10, 28, 9);
  const inCurrent = (at: number) => at >= start;
  // Alternate hours are busy (30 detections, confident) and quiet (10, less so).
  const busy = (at: number) => (at / HOUR) % 2 === 0;

  const model = fakeMain((scope, metric, at) => {
    const now = inCurrent(at);
    if (scope.level === 'model') {
      switch (metric) {
        case 'inferences':
          return at === running ? 30 : now ? 100 : 80;
        case 'detections':
          return busy(at) ? 30 : 10;
        case 'avgConfidence':
          return busy(at) ? 0.9 : 0.5;
        case 'avgResponseTimeSeconds':
          return now ? 0.2 : 0.4;
        default:
          return null;
      }
    }
    if (scope.level !== 'class') return null;
    const { className } = scope;
    switch (metric) {
      case 'inferences':
        // 'bus' only appeared an hour ago; 'gone' has nothing stored.
        if (className === 'gone') return null;
        if (className === 'bus') return at >= running - HOUR ? 4 : null;
        return className === 'person' ? 60 : className === 'car' ? 30 : 10;
      case 'detections':
        return className === '' ? 10 : busy(at) ? 3 : 1;
      case 'avgConfidence':
      case 'medianConfidence':
        return className === '' ? 0 : busy(at) ? 0.8 : 0.4;
      default:
        return null;
    }
  });

  it('folds the model’s series over the range, weighted as the doc comments say', async () => {
    const figures = await loadModelFigures('yolo', [], range, model.fetch);
    expect(figures.partial).toBe(true);
    expect(figures.volume).toHaveLength(24);
    expect(figures.volume[0]!.at).toBe('2026-11-27T10:00:00.000Z');
    expect(figures.volume.at(-1)!.at).toBe('2026-11-28T09:00:00.000Z');
    expect(figures.inferences).toBe(23 * 100 + 30);
    expect(figures.coverage).toEqual({ known: 24, total: 24 });
    // Weighted by detections: 12 busy hours at 0.9 (×30), 12 quiet at 0.5 (×10); a plain mean would say 0.7.
    expect(figures.meanConfidence).toBeCloseTo((12 * 30 * 0.9 + 12 * 10 * 0.5) / (12 * 30 + 12 * 10));
    expect(figures.meanLatency).toBeCloseTo(0.2);
    // Complete hours only: 23 against the same 23 hours the day before.
    expect(figures.changes.inferences).toEqual({ current: 2300, previous: 23 * 80 });
    expect(figures.changes.latency.current).toBeCloseTo(0.2);
    expect(figures.changes.latency.previous).toBeCloseTo(0.4);
    expect(figures.classes).toEqual([]);
  });

  it('asks each series for the range and the one before it', async () => {
    const { fetch, asked } = fakeMain(() => 1);
    await loadModelFigures('yolo', [], range, fetch);
    const previous = previousRange(range);
    for (const metric of ['inferences', 'avgConfidence', 'avgResponseTimeSeconds', 'detections'] as const) {
      expect(asked).toContainEqual({ scope: { level: 'model', model: 'yolo' }, metric, from: range.from, to: range.to });
      expect(asked).toContainEqual({ scope: { level: 'model', model: 'yolo' }, metric, from: previous.from, to: previous.to });
    }
  });

  it('lists the classes busiest first, unknown last, ties by name', async () => {
    const figures = await loadModelFigures('yolo', ['gone', 'car', '', 'person', 'bus', 'bike'], range, model.fetch);
    expect(figures.classes.map((c) => [c.className, c.inferences])).toEqual([
      ['person', 24 * 60],
      ['car', 24 * 30],
      ['', 24 * 10],
      ['bike', 24 * 10],
      ['bus', 8],
      ['gone', null],
    ]);
  });

  it('gives a class its share of the model’s inferences, and its confidences weighted by detections', async () => {
    const car = await loadClassFigures('yolo', 'car', range, 2400, model.fetch);
    expect(car).toMatchObject({ className: 'car', inferences: 720, detections: 12 * 3 + 12 * 1, share: 0.3 });
    expect(car.meanConfidence).toBeCloseTo((12 * 3 * 0.8 + 12 * 0.4) / 48);
    expect(car.medianConfidence).toBeCloseTo((12 * 3 * 0.8 + 12 * 0.4) / 48);
    expect(car.change).toEqual({ current: 23 * 30, previous: 23 * 30 });
  });

  it('gives the no-detection row no detections and no confidence', async () => {
    const none = await loadClassFigures('yolo', '', range, 2400, model.fetch);
    expect(none).toMatchObject({ className: '', inferences: 240, detections: null, meanConfidence: null, medianConfidence: null, share: 0.1 });
  });

  it('compares a class that just appeared only over the hours it has on both sides (none)', async () => {
    const bus = await loadClassFigures('yolo', 'bus', range, 2400, model.fetch);
    expect(bus.inferences).toBe(8);
    expect(bus.change).toEqual({ current: null, previous: null });
  });

  it.each([
    [null, null],
    [0, null],
    [1440, 1],
  ])('has no share when the model’s inferences are %s', async (modelInferences, share) => {
    const person = await loadClassFigures('yolo', 'person', range, modelInferences, model.fetch);
    expect(person.share).toBe(share);
  });

  it('has no share, and no figures, for a class with nothing stored', async () => {
    const gone = await loadClassFigures('yolo', 'gone', range, 2400, model.fetch);
    expect(gone).toMatchObject({ inferences: null, share: null, change: { current: null, previous: null } });
  });
});

describe('loadSeries (window.pulsebar stubbed)', () => {
  const scope: SeriesScope = { level: 'model', model: 'yolo' };
  const range = rangeEndingAt('24h', NOW);
  const answerWith = (value: number) => () => [{ at: range.from, value }];

  it('sends every series asked for in the same turn in one getSeries call, in order', async () => {
    const getSeries = stubGetSeries((request) => [{ at: request.from, value: request.metric === 'inferences' ? 1 : 2 }]);
    const answers = await Promise.all([loadSeries(scope, 'inferences', range), loadSeries(scope, 'detections', range)]);
    expect(getSeries).toHaveBeenCalledTimes(1);
    expect(getSeries).toHaveBeenCalledWith([
      { scope, metric: 'inferences', from: range.from, to: range.to },
      { scope, metric: 'detections', from: range.from, to: range.to },
    ]);
    expect(answers.map(values)).toEqual([[1], [2]]);
  });

  it('sends a series asked for in a later turn in a call of its own', async () => {
    const getSeries = stubGetSeries(answerWith(1));
    await loadSeries(scope, 'inferences', range);
    await loadSeries(scope, 'inferences', range);
    expect(getSeries).toHaveBeenCalledTimes(2);
  });

  it(`splits a turn's asks into calls of at most ${MAX_SERIES_PER_CALL}, each answered in order`, async () => {
    const getSeries = stubGetSeries((request) => [{ at: request.from, value: Number(request.from.slice(0, 4)) }]);
    const count = 2 * MAX_SERIES_PER_CALL + 1;
    const asks = Array.from({ length: count }, (_, i) => loadSeries(scope, 'inferences', { from: `${String(i).padStart(4, '0')}-01-01T00:00:00.000Z`, to: range.to }));
    const answers = await Promise.all(asks);
    expect(getSeries.mock.calls.map(([requests]) => requests.length)).toEqual([MAX_SERIES_PER_CALL, MAX_SERIES_PER_CALL, 1]);
    expect(answers.map((a) => a[0]!.value)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('answers an ask main left unanswered with no points', async () => {
    stubGetSeries(answerWith(1)).mockResolvedValueOnce([[{ at: range.from, value: 7 }]]);
    const answers = await Promise.all([loadSeries(scope, 'inferences', range), loadSeries(scope, 'errors', range)]);
    expect(answers).toEqual([[{ at: range.from, value: 7 }], []]);
  });

  it('settles the asks of a call that threw, and still sends the other calls', async () => {
    const getSeries = stubGetSeries(answerWith(1)).mockImplementationOnce(() => {
      throw new Error('bridge gone');
    });
    const asks = Array.from({ length: MAX_SERIES_PER_CALL + 1 }, () => loadSeries(scope, 'inferences', range));
    const settled = await Promise.allSettled(asks);
    expect(settled.slice(0, MAX_SERIES_PER_CALL).every((s) => s.status === 'rejected' && String(s.reason).includes('bridge gone'))).toBe(true);
    expect(settled.at(-1)).toEqual({ status: 'fulfilled', value: [{ at: range.from, value: 1 }] });
    expect(getSeries).toHaveBeenCalledTimes(2);
  });

  it('rejects every ask of a call main refused', async () => {
    stubGetSeries(answerWith(1)).mockRejectedValueOnce(new Error('no history'));
    const asks = [loadSeries(scope, 'inferences', range), loadSeries(scope, 'errors', range)];
    await expect(asks[0]).rejects.toThrow('no history');
    await expect(asks[1]).rejects.toThrow('no history');
  });
});
