// The detector's promises over random figures:
// (a) a model whose recent windows and baselines all hold the same figures never breaches, poll
//     after poll;
// (b) more data never hides a regression: multiplying every count by k (rates, shares and means
//     unchanged) keeps each breaching rule breaching.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LevelBaseline, ModelBaseline } from '../../../electron/core/alerts/baselines';
import { createDetector, type DetectorInput } from '../../../electron/core/alerts/detector';
import type { ModelErrorFigures } from '../../../electron/core/alerts/rules/errors';
import { resolveThresholds } from '../../../electron/core/alerts/thresholds';
import { alertKeyId, type Finding, type RuleName } from '../../../electron/core/alerts/types';
import { NO_DETECTION_CLASS, type TimeWindow } from '../../../electron/core/stats/types';
import { AT, fakeBook, level, modelBaseline, recentWindows, type ClassRowSpec, type SnapshotSpec } from './builders';

const RUNS = { numRuns: 300, seed: 20_261_102 };
const POLLS = 3;

/** `polls` evaluations of the same input by one fresh detector. */
function evaluate(input: DetectorInput, polls: number): Finding[][] {
  const detector = createDetector(resolveThresholds());
  return Array.from({ length: polls }, () => detector.evaluate(input));
}

const minutesOf = (window: TimeWindow): number => Math.round((window.end.getTime() - window.start.getTime()) / 60_000);

/** Detection-weighted mean of the rows' values (rows without detections or a value left out). */
function weightedMean(rows: readonly { value: number | null; detections: number | null }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const { value, detections } of rows) {
    if (value === null || detections === null || detections <= 0) continue;
    sum += value * detections;
    weight += detections;
  }
  return weight > 0 ? sum / weight : null;
}

const nullable = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arbitrary, { freq: 5, nil: null });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
/**
 * A number spread evenly over [min, max] (fc.double spreads over the doubles, most of them tiny),
 * on a grid of a millionth of the range, ends included.
 */
const uniform = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);

// --- (a) identical figures ------------------------------------------------------------------------

interface ClassFigures {
  readonly className: string;
  /** Half-hour figures; the hour holds twice the counts at the same means. */
  readonly inferences: number | null;
  readonly detections: number | null;
  readonly confidence: number | null;
  readonly latency: number | null;
}

interface ModelFigures {
  readonly model: string;
  readonly count: number | null;
  readonly errors: number | null;
  readonly versions: readonly string[];
  readonly classes: readonly ClassFigures[];
  readonly samples: number;
  readonly unitSd: number;
  readonly mad: number;
}

const classFigures = (className: string): fc.Arbitrary<ClassFigures> =>
  fc.record({
    className: fc.constant(className),
    inferences: nullable(fc.nat(3000)),
    detections: nullable(fc.nat(6000)),
    confidence: className === NO_DETECTION_CLASS ? fc.constant(0) : nullable(unit),
    latency: nullable(fc.double({ min: 0, max: 10, noNaN: true })),
  });

const modelFigures = (model: string): fc.Arbitrary<ModelFigures> =>
  fc.record({
    model: fc.constant(model),
    count: nullable(fc.nat(5000)),
    errors: nullable(fc.nat(500)),
    versions: fc.subarray(['0.15.3', '0.16.0', '0.17.0'], { minLength: 1 }),
    classes: fc.subarray([NO_DETECTION_CLASS, 'helmet', 'head', 'vest'], { minLength: 1 }).chain((names) => fc.tuple(...names.map(classFigures))),
    samples: fc.integer({ min: 1, max: 100_000 }),
    unitSd: fc.double({ min: 0, max: 2, noNaN: true }),
    mad: fc.double({ min: 0, max: 0.5, noNaN: true }),
  });

const workspace: fc.Arbitrary<readonly ModelFigures[]> = fc.subarray(['a', 'b', 'c'], { minLength: 1 }).chain((names) => fc.tuple(...names.map(modelFigures)));

/** Both windows with current = previous; the hour holds twice the half hour's counts. */
function steadySpec(models: readonly ModelFigures[], factor: number): SnapshotSpec {
  const scale = (n: number | null) => (n === null ? null : n * factor);
  const classes: ClassRowSpec[] = models.flatMap((m) =>
    m.classes.map((c) => {
      const figures = { inferences: scale(c.inferences), avgConfidence: c.confidence, avgResponseTimeSeconds: c.latency };
      return { model: m.model, className: c.className, current: figures, previous: figures, detections: scale(c.detections), serverVersions: m.versions };
    }),
  );
  const inferences = models.reduce((n, m) => n + (m.count ?? 0) * factor, 0);
  const errors = models.reduce((n, m) => n + (m.errors ?? 0) * factor, 0);
  const totals = { inferences, errors };
  return { models: models.map((m) => ({ model: m.model, current: scale(m.count), previous: scale(m.count), serverVersions: m.versions })), classes, totals: { current: totals, previous: totals } };
}

/** Baselines equal to the hour's own figures. */
function steadyInput(models: readonly ModelFigures[]): DetectorInput {
  const baselines: ModelBaseline[] = models.map((m) => {
    const hourRows = m.classes.map((c) => ({ ...c, inferences: c.inferences === null ? null : 2 * c.inferences, detections: c.detections === null ? null : 2 * c.detections }));
    const levelAt = (median: number | null): LevelBaseline | null => (median === null ? null : level({ median, samples: m.samples, unitSd: m.unitSd, mad: m.mad }));
    const total = hourRows.reduce((n, c) => n + (c.inferences ?? 0), 0);
    return modelBaseline(m.model, {
      hourCounts: new Map([[AT.getTime() - 86_400_000, 2 * (m.count ?? 0)]]),
      confidence: levelAt(weightedMean(hourRows.filter((c) => c.className !== NO_DETECTION_CLASS).map((c) => ({ value: c.confidence, detections: c.detections })))),
      latency: levelAt(weightedMean(hourRows.map((c) => ({ value: c.latency, detections: c.detections })))),
      classConfidence: new Map(hourRows.flatMap((c) => (c.confidence === null ? [] : [[c.className, levelAt(c.confidence) as LevelBaseline] as const]))),
      classShares: total > 0 ? new Map(hourRows.map((c) => [c.className, (c.inferences ?? 0) / total])) : null,
    });
  });
  const counts = new Map(models.map((m) => [m.model, m.count ?? 0]));
  const errors = models.reduce((n, m) => n + 2 * (m.errors ?? 0), 0);
  const requests = models.reduce((n, m) => n + 2 * ((m.count ?? 0) + (m.errors ?? 0)), 0);
  const book = fakeBook({
    models: baselines,
    expected: (model, window) => ((counts.get(model) ?? 0) * minutesOf(window)) / 30,
    workspaceErrors: requests > 0 ? { errors, requests } : null,
  });
  const modelErrors = new Map<string, ModelErrorFigures>(
    models.map((m) => {
      const own = { errors: 2 * (m.errors ?? 0), requests: 2 * ((m.count ?? 0) + (m.errors ?? 0)) };
      return [m.model, { current: own, previous: own, minutes: 60 }];
    }),
  );
  return { at: AT, recent: recentWindows({ hour: steadySpec(models, 2), short: steadySpec(models, 1) }), book, modelErrors, isOpen: () => false };
}

describe('the detector on steady figures', () => {
  it('never breaches when the recent windows and the baselines hold the same figures', () => {
    fc.assert(
      fc.property(workspace, (models) => {
        const polls = evaluate(steadyInput(models), POLLS);
        for (const findings of polls) expect(findings.filter((f) => f.verdict === 'breach')).toEqual([]);
        // Every model is judged by every rule but ServerVersionChange, poll after poll.
        for (const findings of polls) {
          for (const m of models) expect(new Set(findings.filter((f) => f.key.model === m.model).map((f) => f.key.rule)).size).toBe(6);
        }
      }),
      RUNS,
    );
  });
});

// --- (b) scaling counts ---------------------------------------------------------------------------

const MODEL = 'm';
const K = fc.integer({ min: 2, max: 20 });

/**
 * For situations that breach `rule` at scale 1 (others are discarded), every key of `rule` that
 * breaches at some poll still breaches at that poll with every count multiplied by k.
 */
function keepsBreaching<T>(rule: RuleName, situation: fc.Arbitrary<T>, build: (s: T, k: number) => DetectorInput, polls = 1): void {
  const breaching = (findings: readonly Finding[]): string[] => findings.filter((f) => f.key.rule === rule && f.verdict === 'breach').map((f) => alertKeyId(f.key));
  fc.assert(
    fc.property(situation, K, (s, k) => {
      const before = evaluate(build(s, 1), polls).map(breaching);
      fc.pre(before.some((keys) => keys.length > 0));
      const after = evaluate(build(s, k), polls).map(breaching);
      before.forEach((keys, poll) => {
        for (const key of keys) expect(after[poll], `poll ${poll + 1}, ${key}, k = ${k}`).toContain(key);
      });
    }),
    { ...RUNS, maxSkipsPerRun: 1000 },
  );
}

/** One model's windows: the half hour with `half` and the hour with twice its counts, unless given. */
function input(spec: { hour: SnapshotSpec; short?: SnapshotSpec; baseline?: ModelBaseline; expected?: (window: TimeWindow) => number | null; errors?: ModelErrorFigures }): DetectorInput {
  return {
    at: AT,
    recent: recentWindows({ hour: spec.hour, short: spec.short }),
    book: fakeBook({ models: spec.baseline === undefined ? [] : [spec.baseline], expected: (_, window) => spec.expected?.(window) ?? null }),
    modelErrors: spec.errors === undefined ? new Map() : new Map([[MODEL, spec.errors]]),
    isOpen: () => false,
  };
}

describe('scaling every count by k keeps a regression breaching', () => {
  it('ModelSilent: silent, with k times the usual traffic', () => {
    const situation = fc.record({ usual: fc.nat(1000).map((n) => n / 2), absent: fc.constantFrom('zero', 'null', 'absent') });
    keepsBreaching('ModelSilent', situation, ({ usual, absent }, k) => {
      const short: SnapshotSpec = absent === 'absent' ? {} : { models: [{ model: MODEL, current: absent === 'zero' ? 0 : null }] };
      return input({ hour: { models: [{ model: MODEL, current: 100 * k }] }, short, expected: (window) => (k * usual * minutesOf(window)) / 60 });
    });
  });

  it('TrafficDrop: the hour, the previous hour and the usual count all k times', () => {
    const situation = fc.record({ current: fc.nat(3000), previous: fc.nat(6000), usual: fc.nat(12_000).map((n) => n / 2) });
    keepsBreaching('TrafficDrop', situation, ({ current, previous, usual }, k) =>
      input({ hour: { models: [{ model: MODEL, current: k * current, previous: k * previous }] }, expected: (window) => (k * usual * minutesOf(window)) / 60 }),
    );
  });

  it('ErrorRateUp: errors and requests, now and in the baseline hour, k times', () => {
    // Mostly a raised rate: the baseline's times a factor, plus an increase.
    const situation = fc
      .record({
        requests: fc.integer({ min: 1, max: 3000 }),
        usualRequests: fc.integer({ min: 1, max: 3000 }),
        usualRate: uniform(0, 0.3),
        factor: uniform(0.5, 5),
        increase: uniform(0, 0.3),
      })
      .map(({ requests, usualRequests, usualRate, factor, increase }) => ({
        current: { requests, errors: Math.round(Math.min(1, usualRate * factor + increase) * requests) },
        previous: { requests: usualRequests, errors: Math.round(usualRate * usualRequests) },
      }));
    keepsBreaching('ErrorRateUp', situation, ({ current, previous }, k) => {
      const scaled = (c: { errors: number; requests: number }) => ({ errors: k * c.errors, requests: k * c.requests });
      return input({
        hour: { models: [{ model: MODEL, current: k * (current.requests - current.errors) }], totals: { current: { errors: k * current.errors }, previous: { errors: k * previous.errors } } },
        errors: { current: scaled(current), previous: scaled(previous), minutes: 60 },
      });
    });
  });

  const confidenceClass = fc.record({
    className: fc.constantFrom('helmet', 'head', 'vest'),
    detections: fc.nat(3000),
    usual: uniform(0.2, 1),
    drop: uniform(-0.1, 0.5),
    samples: fc.integer({ min: 1, max: 20_000 }),
    unitSd: uniform(0, 0.5),
  });

  it('ConfidenceDrop: detections and baseline samples k times, for the model and each class', () => {
    const situation = fc.record({
      classes: fc.uniqueArray(confidenceClass, { minLength: 1, maxLength: 3, selector: (c) => c.className }),
      empty: fc.nat(2000),
      usual: uniform(0.2, 1),
      samples: fc.integer({ min: 1, max: 50_000 }),
      unitSd: uniform(0, 0.5),
    });
    keepsBreaching('ConfidenceDrop', situation, (s, k) => {
      const mean = (c: { usual: number; drop: number }) => Math.min(1, Math.max(0, c.usual - c.drop));
      const rows: ClassRowSpec[] = [
        ...s.classes.map((c) => ({ model: MODEL, className: c.className, current: { inferences: k * c.detections, avgConfidence: mean(c) }, detections: k * c.detections })),
        { model: MODEL, className: NO_DETECTION_CLASS, current: { inferences: k * s.empty, avgConfidence: 0 }, detections: k * s.empty },
      ];
      const baseline = modelBaseline(MODEL, {
        confidence: level({ median: s.usual, samples: k * s.samples, unitSd: s.unitSd }),
        classConfidence: new Map(s.classes.map((c) => [c.className, level({ median: c.usual, samples: k * c.samples, unitSd: c.unitSd })])),
      });
      return input({ hour: { classes: rows }, baseline });
    });
  });

  it('ClassMixShift: every class count k times against the same usual shares', () => {
    const mixClass = fc.record({ className: fc.constantFrom(NO_DETECTION_CLASS, 'helmet', 'head', 'vest', 'boot'), count: fc.nat(600), share: nullable(uniform(0, 1)) });
    const situation = fc.uniqueArray(mixClass, { minLength: 2, maxLength: 5, selector: (c) => c.className });
    keepsBreaching('ClassMixShift', situation, (classes, k) => {
      const known = classes.filter((c) => c.share !== null);
      const total = known.reduce((n, c) => n + (c.share ?? 0), 0);
      // The previous hour held the same mix, so that the two-hour window (when the hour is short) shifts alike.
      const rows: ClassRowSpec[] = classes.map((c) => ({ model: MODEL, className: c.className, current: { inferences: k * c.count }, previous: { inferences: k * c.count } }));
      const baseline = modelBaseline(MODEL, { classShares: total > 0 ? new Map(known.map((c) => [c.className, (c.share ?? 0) / total])) : null });
      return input({ hour: { classes: rows }, baseline });
    });
  });

  it('LatencyUp: requests, detections and baseline samples k times, over successive polls', () => {
    // Each class at the usual latency times a factor, mostly above 1.
    const latencyClass = fc.record({ className: fc.constantFrom(NO_DETECTION_CLASS, 'helmet', 'head'), detections: fc.nat(400), factor: uniform(0.5, 6) });
    const situation = fc.record({
      requests: fc.nat(400),
      classes: fc.uniqueArray(latencyClass, { minLength: 1, maxLength: 3, selector: (c) => c.className }),
      usual: uniform(0.005, 3),
      unitSd: uniform(0, 5),
      samples: fc.integer({ min: 1, max: 50_000 }),
    });
    keepsBreaching(
      'LatencyUp',
      situation,
      (s, k) => {
        // The half hour and the hour at the same means; the hour with twice the counts.
        const spec = (factor: number): SnapshotSpec => ({
          models: [{ model: MODEL, current: factor * k * s.requests }],
          classes: s.classes.map((c) => ({ model: MODEL, className: c.className, current: { inferences: factor * k * c.detections, avgResponseTimeSeconds: s.usual * c.factor }, detections: factor * k * c.detections })),
        });
        return input({ hour: spec(2), short: spec(1), baseline: modelBaseline(MODEL, { latency: level({ median: s.usual, samples: k * s.samples, unitSd: s.unitSd }) }) });
      },
      POLLS,
    );
  });
});
