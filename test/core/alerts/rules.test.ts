// Each alert rule on hand-built windows and baselines: breach, holding, recovered and unknown,
// the minimum samples just below and at their thresholds, nulls, a disabled rule and per-model
// overrides; then the seed example response through the whole detector.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LevelBaseline, ModelBaseline } from '../../../electron/core/alerts/baselines';
import { createDetector } from '../../../electron/core/alerts/detector';
import { classMixShift } from '../../../electron/core/alerts/rules/class-mix';
import { confidenceDrop } from '../../../electron/core/alerts/rules/confidence';
import { errorFiguresOf, errorRateUp, workspaceErrorsRaised, type ErrorCount, type ModelErrorFigures } from '../../../electron/core/alerts/rules/errors';
import { latencyUp } from '../../../electron/core/alerts/rules/latency';
import { VERSION_MEMORY_MS, serverVersionChange } from '../../../electron/core/alerts/rules/server-version';
import { modelSilent, trafficDrop } from '../../../electron/core/alerts/rules/traffic';
import { resolveThresholds, type AlertThresholdSettings } from '../../../electron/core/alerts/thresholds';
import type { Finding, RuleName, Verdict } from '../../../electron/core/alerts/types';
import { NO_DETECTION_CLASS, type StatsSnapshot } from '../../../electron/core/stats/types';
import { parseInferenceStats } from '../../../electron/core/stats/wire-schema';
import {
  AT,
  context,
  fakeBook,
  findingOf,
  level,
  modelBaseline,
  recentWindows,
  snapshot,
  verdictsByClass,
  windowEnding,
  type ClassRowSpec,
  type ExpectedSpec,
  type SnapshotSpec,
} from './builders';

const MODEL = 'hard-hat';
const OTHER = 'coco';

/** Settings that switch `rule` off for every model. */
const disabled = (rule: RuleName): AlertThresholdSettings => ({ rules: { [rule]: { enabled: false } } });

const only = (findings: readonly Finding[]): Finding => {
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
};

// --- ModelSilent ----------------------------------------------------------------------------------

describe('ModelSilent', () => {
  const silent = (short: SnapshotSpec, expected: ExpectedSpec, settings?: AlertThresholdSettings, model = MODEL) =>
    modelSilent(context({ model, recent: recentWindows({ hour: { models: [{ model, current: 500 }] }, short }), book: fakeBook({ expected }), settings }));

  it.each<[string, SnapshotSpec, number | null, Verdict]>([
    ['no inferences in the half hour, usually 40: breach', { models: [{ model: MODEL, current: 0 }] }, 40, 'breach'],
    ['the model absent from the half hour counts as zero: breach', {}, 40, 'breach'],
    ['a null count counts as zero: breach', { models: [{ model: MODEL, current: null, previous: 80 }] }, 40, 'breach'],
    ['one inference: recovered', { models: [{ model: MODEL, current: 1 }] }, 40, 'recovered'],
    ['no usual count: unknown', { models: [{ model: MODEL, current: 0 }] }, null, 'unknown'],
    ['usual just below minBaseline (20): unknown', { models: [{ model: MODEL, current: 0 }] }, 19.9, 'unknown'],
    ['usual at minBaseline: breach', { models: [{ model: MODEL, current: 0 }] }, 20, 'breach'],
    ['usual at minBaseline, traffic: recovered', { models: [{ model: MODEL, current: 3 }] }, 20, 'recovered'],
  ])('%s', (_, short, expected, verdict) => {
    const f = only(silent(short, expected));
    expect(f.key).toEqual({ rule: 'ModelSilent', model: MODEL, className: null });
    expect(f.verdict).toBe(verdict);
    expect(f.severity).toBe('critical');
  });

  it('reports the figures of a breach, and never says holding', () => {
    const f = only(silent({}, { expected: 40.4, days: 5 }));
    expect(f.figures).toEqual({ inferences: 0, usual: 40, days: 5, minutes: 30 });
    expect(f.summary).toBe('no inferences in the last 30 min (usually ~40)');
    for (const current of [0, 1, 10, 40, 400]) expect(only(silent({ models: [{ model: MODEL, current }] }, 40)).verdict).not.toBe('holding');
  });

  it('asks the book about the half-hour window, not the hour', () => {
    const book = fakeBook({ expected: 40 });
    modelSilent(context({ model: MODEL, recent: recentWindows({ hour: {} }), book }));
    expect(book.expectedCalls).toEqual([{ model: MODEL, window: windowEnding(AT, 30) }]);
  });

  it('returns no findings when disabled', () => {
    expect(silent({}, 40, disabled('ModelSilent'))).toEqual([]);
  });

  it('applies per-model overrides to that model only', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { ModelSilent: { minBaseline: 50 } } } };
    expect(only(silent({}, 40, settings)).verdict).toBe('unknown');
    expect(only(silent({}, 40, settings, OTHER)).verdict).toBe('breach');
  });
});

// --- TrafficDrop ----------------------------------------------------------------------------------

describe('TrafficDrop', () => {
  const drop = (current: number | null, previous: number | null, expected: ExpectedSpec, settings?: AlertThresholdSettings, model = MODEL) =>
    trafficDrop(context({ model, recent: recentWindows({ hour: { models: [{ model, current, previous }] } }), book: fakeBook({ expected }), settings }));

  it.each<[string, number | null, number | null, number | null, Verdict]>([
    ['a quarter of the previous hour and of the usual: breach', 100, 400, 400, 'breach'],
    ['exactly maxRatio (0.5) of both: breach', 200, 400, 400, 'breach'],
    ['just above maxRatio: holding', 201, 400, 400, 'holding'],
    ['the previous hour already as low: holding', 100, 150, 400, 'holding'],
    ['low, but above half the usual: holding', 250, 600, 400, 'holding'],
    ['at recoverRatio (0.7) of the usual: recovered', 280, 400, 400, 'recovered'],
    ['above the usual: recovered', 500, 400, 400, 'recovered'],
    ['zero previous period (null), some traffic: holding, not a drop from nothing', 100, null, 400, 'holding'],
    ['zero previous period, no traffic either (nulls count as zero): breach', null, null, 400, 'breach'],
    ['a null current count counts as zero: breach', null, 400, 400, 'breach'],
    ['no usual count: unknown', 0, 400, null, 'unknown'],
    ['usual just below minBaseline (100): unknown', 0, 400, 99.5, 'unknown'],
    ['usual at minBaseline: breach', 20, 100, 100, 'breach'],
    ['usual at minBaseline, steady: recovered', 100, 100, 100, 'recovered'],
  ])('%s', (_, current, previous, expected, verdict) => {
    const f = only(drop(current, previous, expected));
    expect(f.key).toEqual({ rule: 'TrafficDrop', model: MODEL, className: null });
    expect(f.verdict).toBe(verdict);
    expect(f.severity).toBe('warning');
  });

  it('reports ratio and Poisson z against the usual count', () => {
    const f = only(drop(100, 400, 400));
    expect(f.figures).toEqual({ inferences: 100, previousHour: 400, usual: 400, ratio: 0.25, z: -15 });
    expect(f.summary).toBe('100 inferences in the last hour, usually ~400 (25 %)');
  });

  it('asks the book about the hour window', () => {
    const book = fakeBook({ expected: 400 });
    trafficDrop(context({ model: MODEL, recent: recentWindows({ hour: {} }), book }));
    expect(book.expectedCalls).toEqual([{ model: MODEL, window: windowEnding(AT, 60) }]);
  });

  it('needs a significant z: a lowered minBaseline lets the z guard decide', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { TrafficDrop: { minBaseline: 10 } } } };
    // 10 against 20: ratio 0.5 of both, but z = (10 − 20) / √20 = −2.24 > −3.
    expect(only(drop(10, 40, 20, settings)).verdict).toBe('holding');
    // 5 against 20: z = −3.35.
    expect(only(drop(5, 40, 20, settings)).verdict).toBe('breach');
    // The other model keeps the default minBaseline.
    expect(only(drop(5, 40, 20, settings, OTHER)).verdict).toBe('unknown');
  });

  it('returns no findings when disabled', () => {
    expect(drop(0, 400, 400, disabled('TrafficDrop'))).toEqual([]);
  });
});

// --- ErrorRateUp ----------------------------------------------------------------------------------

describe('ErrorRateUp', () => {
  const count = (errors: number, requests: number): ErrorCount => ({ errors, requests });
  const errorsOf = (current: ErrorCount): ModelErrorFigures => ({ current, previous: count(0, 0), minutes: 60 });
  const rate = (current: ErrorCount | undefined, baseline: ErrorCount | undefined, settings?: AlertThresholdSettings, model = MODEL) =>
    errorRateUp(context({ model, recent: recentWindows({ hour: {} }), settings }), current === undefined ? undefined : errorsOf(current), baseline);

  it.each<[string, ErrorCount, ErrorCount, Verdict, 'warning' | 'critical']>([
    ['1 % → 6 % on 1,000 requests: breach', count(60, 1000), count(10, 1000), 'breach', 'warning'],
    ['1 % → 15 %: critical breach', count(150, 1000), count(10, 1000), 'breach', 'critical'],
    ['1 % → 2.5 %: below factor × usual, holding', count(25, 1000), count(10, 1000), 'holding', 'warning'],
    ['1 % → 1.5 %: within recoverMargin, recovered', count(15, 1000), count(10, 1000), 'recovered', 'warning'],
    ['1 % → 2 %: at usual + recoverMargin, recovered', count(20, 1000), count(10, 1000), 'recovered', 'warning'],
    ['1 % → 0 %: recovered', count(0, 1000), count(10, 1000), 'recovered', 'warning'],
    ['zero usual errors, 2.5 % now: breach (minIncrease, not factor × 0)', count(25, 1000), count(0, 1000), 'breach', 'warning'],
    ['zero errors on both sides (no pooled variance): recovered', count(0, 1000), count(0, 1000), 'recovered', 'warning'],
    ['4 errors (below minErrors 5) at 8 %: holding', count(4, 50), count(0, 1000), 'holding', 'warning'],
    ['5 errors (minErrors) at 10 %: breach, critical at criticalRate', count(5, 50), count(0, 1000), 'breach', 'critical'],
    ['2 % → 10 % on 50 + 50 requests: z = 1.7 < 3, holding', count(5, 50), count(1, 50), 'holding', 'critical'],
  ])('%s', (_, current, baseline, verdict, severity) => {
    const f = only(rate(current, baseline));
    expect(f.key).toEqual({ rule: 'ErrorRateUp', model: MODEL, className: null });
    expect(f.verdict).toBe(verdict);
    expect(f.severity).toBe(severity);
  });

  it.each<[string, ErrorCount | undefined, ErrorCount | undefined]>([
    ['errors not fetched for the model', undefined, count(10, 1000)],
    ['no error baseline', count(60, 1000), undefined],
    ['current requests just below minRequests (50)', count(49, 49), count(0, 1000)],
    ['baseline requests just below minRequests', count(60, 1000), count(0, 49)],
    ['zero previous period', count(60, 1000), count(0, 0)],
  ])('unknown: %s', (_, current, baseline) => {
    const f = only(rate(current, baseline));
    expect(f.verdict).toBe('unknown');
    expect(f.figures).toEqual({});
  });

  it('decides at minRequests on both sides', () => {
    expect(only(rate(count(50, 50), count(0, 50))).verdict).toBe('breach');
  });

  it('reports the rates and the two-proportion z', () => {
    const f = only(rate(count(60, 1000), count(10, 1000)));
    expect(f.figures).toEqual({ errors: 60, requests: 1000, rate: 0.06, baselineRate: 0.01, z: 6.08 });
    expect(f.summary).toBe('error rate 1.0 % → 6.0 % in the last hour (60 of 1,000 requests)');
  });

  it('returns no findings when disabled', () => {
    expect(rate(count(150, 1000), count(10, 1000), disabled('ErrorRateUp'))).toEqual([]);
  });

  it('applies per-model overrides to that model only', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { ErrorRateUp: { minErrors: 10 } } } };
    expect(only(rate(count(5, 50), count(0, 1000), settings)).verdict).toBe('holding');
    expect(only(rate(count(5, 50), count(0, 1000), settings, OTHER)).verdict).toBe('breach');
  });

  describe('errorFiguresOf', () => {
    it('takes the totals, errors and requests = inferences + errors, nulls as zero', () => {
      const hour = snapshot(windowEnding(AT, 60), { totals: { current: { inferences: 950, errors: 50 }, previous: { inferences: null, errors: null } } });
      expect(errorFiguresOf(hour)).toEqual({ current: count(50, 1000), previous: count(0, 0), minutes: 60 });
      const half = snapshot(windowEnding(AT, 30), { totals: { current: { inferences: null, errors: 7 }, previous: { inferences: 300, errors: null } } });
      expect(errorFiguresOf(half)).toEqual({ current: count(7, 7), previous: count(0, 300), minutes: 30 });
    });
  });

  describe('workspaceErrorsRaised', () => {
    const hourWith = (current: { inferences: number | null; errors: number | null }, previous: { inferences: number | null; errors: number | null } = { inferences: null, errors: null }) =>
      snapshot(windowEnding(AT, 60), { totals: { current, previous } });

    it.each<[string, StatsSnapshot, { errors: number; requests: number } | null, boolean]>([
      ['2 % against a usual 0.1 %: raised', hourWith({ inferences: 980, errors: 20 }), { errors: 10, requests: 10_000 }, true],
      ['12 against an expected 10: not raised', hourWith({ inferences: 9988, errors: 12 }), { errors: 10, requests: 10_000 }, false],
      ['4 errors (below minErrors) against none usual: not raised', hourWith({ inferences: 996, errors: 4 }), { errors: 0, requests: 10_000 }, false],
      ['5 errors (minErrors) against none usual (expected floored at 1): raised', hourWith({ inferences: 995, errors: 5 }), { errors: 0, requests: 10_000 }, true],
      ['z exactly SCREENING_Z (8 against 4): raised', hourWith({ inferences: 992, errors: 8 }), { errors: 4, requests: 1000 }, true],
      ['z 1.5 (7 against 4): not raised', hourWith({ inferences: 993, errors: 7 }), { errors: 4, requests: 1000 }, false],
      ['null errors count as zero: not raised', hourWith({ inferences: 1000, errors: null }), { errors: 0, requests: 10_000 }, false],
      ['without a workspace baseline, the previous hour: 12 against 10, not raised', hourWith({ inferences: 988, errors: 12 }, { inferences: 990, errors: 10 }), null, false],
      ['without a workspace baseline, the previous hour: 20 against 10, raised', hourWith({ inferences: 980, errors: 20 }, { inferences: 990, errors: 10 }), null, true],
      ['without any baseline (zero previous period): 5 errors raised', hourWith({ inferences: 995, errors: 5 }), null, true],
    ])('%s', (_, hour, workspaceErrors, raised) => {
      expect(workspaceErrorsRaised(hour, fakeBook({ workspaceErrors }), 5)).toBe(raised);
    });
  });
});

// --- ConfidenceDrop -------------------------------------------------------------------------------

describe('ConfidenceDrop', () => {
  const row = (className: string, avgConfidence: number | null, detections: number | null): ClassRowSpec => ({
    model: MODEL,
    className,
    current: { inferences: detections, avgConfidence },
    detections,
  });
  const usualHelmet = level({ median: 0.86, samples: 5000, unitSd: 0.2 });
  const judge = (rows: readonly ClassRowSpec[], baseline: Parameters<typeof modelBaseline>[1], settings?: AlertThresholdSettings, model = MODEL) => {
    const book = fakeBook({ models: [modelBaseline(model, baseline)] });
    return confidenceDrop(context({ model, recent: recentWindows({ hour: { classes: rows.map((r) => ({ ...r, model })) } }), book, settings }));
  };
  /** One class, helmet, with the same baseline for the model and the class. */
  const helmet = (mean: number | null, detections: number | null, usual: LevelBaseline = usualHelmet, settings?: AlertThresholdSettings, model = MODEL) =>
    judge([row('helmet', mean, detections)], { confidence: usual, classConfidence: { helmet: usual } }, settings, model);

  it.each<[string, number | null, number | null, LevelBaseline, Verdict]>([
    ['0.86 → 0.66 on 300 detections: breach', 0.66, 300, usualHelmet, 'breach'],
    ['0.86 → 0.82 (drop 0.04 < minDrop): holding', 0.82, 300, usualHelmet, 'holding'],
    ['0.86 → 0.845 (drop 0.015 < recoverDrop): recovered', 0.845, 300, usualHelmet, 'recovered'],
    ['confidence up: recovered', 0.95, 300, usualHelmet, 'recovered'],
    ['0.9 → 0.84: drop 0.06 but under minRelativeDrop (7.2 %): holding', 0.84, 3000, level({ median: 0.9, samples: 5000 }), 'holding'],
    ['0.86 → 0.76 on 30 detections: z 1.1, robust z not used: holding', 0.76, 30, usualHelmet, 'holding'],
    ['0.86 → 0.76 on 99 detections (below minRobustDetections): holding', 0.76, 99, usualHelmet, 'holding'],
    ['0.86 → 0.76 on 100 detections: robust z −5: breach', 0.76, 100, usualHelmet, 'breach'],
    ['robust z with a flat history (unitSd 0 → 0.02): breach', 0.76, 100, level({ median: 0.86, samples: 5000, unitSd: 0 }), 'breach'],
    ['robust z with a wide history (unitSd 1): holding', 0.76, 100, level({ median: 0.86, samples: 5000, unitSd: 1 }), 'holding'],
    ['29 detections (just below minDetections): unknown', 0.5, 29, usualHelmet, 'unknown'],
    ['30 detections (minDetections): breach', 0.5, 30, usualHelmet, 'breach'],
    ['a baseline of 29 samples: unknown', 0.5, 300, level({ median: 0.86, samples: 29 }), 'unknown'],
    ['a baseline of 30 samples: breach', 0.5, 300, level({ median: 0.86, samples: 30 }), 'breach'],
    ['a null mean (detections known): unknown', null, 300, usualHelmet, 'unknown'],
    ['null detections count as zero: unknown', 0.5, null, usualHelmet, 'unknown'],
  ])('%s (model and class alike)', (_, mean, detections, usual, verdict) => {
    const findings = helmet(mean, detections, usual);
    expect(verdictsByClass(findings)).toEqual([
      [null, verdict],
      ['helmet', verdict],
    ]);
    for (const f of findings) expect(f.severity).toBe('warning');
  });

  it('reports the figures of a breach', () => {
    const f = findingOf(helmet(0.66, 300), 'ConfidenceDrop', MODEL, 'helmet');
    expect(f.figures).toEqual({ mean: 0.66, usual: 0.86, drop: 0.2, detections: 300, z: 6.73, robustZ: -17.32 });
    expect(f.summary).toBe('helmet confidence 0.86 → 0.66 in the last hour');
    expect(findingOf(helmet(0.66, 300), 'ConfidenceDrop', MODEL).summary).toBe('confidence 0.86 → 0.66 in the last hour');
  });

  it('judges each class against its own baseline, and the model over all its detections', () => {
    const findings = judge(
      [row('helmet', 0.6, 300), row('head', 0.5, 300), row('vest', 0.1, 300)],
      {
        confidence: level({ median: 0.7, samples: 9000 }),
        classConfidence: { helmet: level({ median: 0.9, samples: 3000 }), head: level({ median: 0.5, samples: 3000 }) },
      },
    );
    // The model: (0.6 + 0.5 + 0.1) / 3 = 0.4 against 0.7.
    expect(findingOf(findings, 'ConfidenceDrop', MODEL).figures.mean).toBe(0.4);
    expect(verdictsByClass(findings)).toEqual([
      [null, 'breach'],
      ['helmet', 'breach'],
      ['head', 'recovered'],
      ['vest', 'unknown'], // no class baseline
    ]);
  });

  it("skips the no-detection row, and its confidence of 0 does not lower the model's", () => {
    const findings = judge([row('helmet', 0.86, 300), row(NO_DETECTION_CLASS, 0, 500)], {
      confidence: usualHelmet,
      classConfidence: { helmet: usualHelmet, [NO_DETECTION_CLASS]: usualHelmet },
    });
    expect(verdictsByClass(findings)).toEqual([
      [null, 'recovered'],
      ['helmet', 'recovered'],
    ]);
    expect(findingOf(findings, 'ConfidenceDrop', MODEL).figures).toMatchObject({ mean: 0.86, detections: 300 });
  });

  it('is unknown without a baseline for the model', () => {
    const findings = confidenceDrop(context({ model: MODEL, recent: recentWindows({ hour: { classes: [row('helmet', 0.5, 300)] } }) }));
    expect(verdictsByClass(findings)).toEqual([
      [null, 'unknown'],
      ['helmet', 'unknown'],
    ]);
  });

  it('returns no findings when disabled', () => {
    expect(helmet(0.5, 300, usualHelmet, disabled('ConfidenceDrop'))).toEqual([]);
  });

  it('applies per-model overrides to that model only', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { ConfidenceDrop: { minDrop: 0.25, recoverDrop: 0.1 } } } };
    expect(verdictsByClass(helmet(0.66, 300, usualHelmet, settings)).map(([, v]) => v)).toEqual(['holding', 'holding']);
    expect(verdictsByClass(helmet(0.66, 300, usualHelmet, settings, OTHER)).map(([, v]) => v)).toEqual(['breach', 'breach']);
  });
});

// --- ClassMixShift --------------------------------------------------------------------------------

describe('ClassMixShift', () => {
  const USUAL = { helmet: 0.5, head: 0.3, [NO_DETECTION_CLASS]: 0.2 };
  type Counts = Record<string, number | null>;
  const rowsOf = (current: Counts, previous: Counts = {}, model = MODEL): ClassRowSpec[] =>
    [...new Set([...Object.keys(current), ...Object.keys(previous)])].map((className) => ({
      model,
      className,
      current: { inferences: current[className] ?? null },
      previous: { inferences: previous[className] ?? null },
    }));
  const mix = (current: Counts, previous: Counts = {}, shares: Record<string, number> | null = USUAL, settings?: AlertThresholdSettings, model = MODEL) => {
    const book = fakeBook({ models: [modelBaseline(model, { classShares: shares })] });
    return only(classMixShift(context({ model, recent: recentWindows({ hour: { classes: rowsOf(current, previous, model) } }), book, settings })));
  };

  it.each<[string, Counts, Counts, Record<string, number> | null, Verdict]>([
    ['helmet 50 % → 20 %, head 30 % → 60 %: breach', { helmet: 100, head: 300, '': 100 }, {}, USUAL, 'breach'],
    ['the usual mix exactly: recovered', { helmet: 250, head: 150, '': 100 }, {}, USUAL, 'recovered'],
    ['PSI 0.09, between recoverPsi and minPsi: holding', { helmet: 350, head: 400, '': 250 }, {}, USUAL, 'holding'],
    ['more empty frames ("" as a class): breach', { car: 150, '': 150 }, {}, { car: 0.9, '': 0.1 }, 'breach'],
    ['a never-seen class at 13 %: breach', { helmet: 120, head: 80, vest: 30 }, {}, { helmet: 0.6, head: 0.4 }, 'breach'],
    ['a never-seen class, once in 1,000: recovered (significant, but PSI tiny)', { helmet: 599, head: 400, vest: 1 }, {}, { helmet: 0.6, head: 0.4 }, 'recovered'],
    ['a usual class absent now: breach', { helmet: 350, head: 0, '': 150 }, {}, USUAL, 'breach'],
    ['a null count counts as zero: breach', { helmet: 350, head: null, '': 150 }, {}, USUAL, 'breach'],
    ['no usual class mix: unknown', { helmet: 100, head: 300, '': 100 }, {}, null, 'unknown'],
    ['a single class: unknown', { car: 300 }, {}, { car: 1 }, 'unknown'],
    ['199 in the hour and none before (zero previous period): unknown', { helmet: 199 }, {}, USUAL, 'unknown'],
    ['100 in the hour and 99 before (199 over 2 h, below minInferences): unknown', { helmet: 50, head: 50 }, { helmet: 50, head: 49 }, USUAL, 'unknown'],
  ])('%s', (_, current, previous, shares, verdict) => {
    const f = mix(current, previous, shares);
    expect(f.key).toEqual({ rule: 'ClassMixShift', model: MODEL, className: null });
    expect(f.verdict).toBe(verdict);
    expect(f.severity).toBe('warning');
  });

  it('uses the hour alone from minInferences (200) on', () => {
    const f = mix({ helmet: 40, head: 120, '': 40 }, { helmet: 1000, head: 600, '': 400 });
    expect(f.verdict).toBe('breach');
    expect(f.figures).toMatchObject({ inferences: 200, minutes: 60 });
    expect(f.summary).toBe('class mix shifted in the last hour: helmet 50 % → 20 %, head 30 % → 60 % (PSI 0.48)');
  });

  it('widens to two hours below minInferences, and decides at minInferences over them', () => {
    const widened = mix({ helmet: 20, head: 60, '': 20 }, { helmet: 20, head: 60, '': 20 });
    expect(widened.verdict).toBe('breach');
    expect(widened.figures).toMatchObject({ inferences: 200, minutes: 120 });
    expect(widened.summary).toContain('in the last 2 h');
    // The previous hour's usual mix dilutes a shifted hour: the 2 h window is judged as a whole.
    const diluted = mix({ helmet: 20, head: 60, '': 20 }, { helmet: 400, head: 240, '': 160 });
    expect(diluted.figures).toMatchObject({ inferences: 900, minutes: 120 });
    expect(diluted.verdict).not.toBe('breach');
  });

  it('names the no-detection class in words', () => {
    expect(mix({ car: 150, '': 150 }, {}, { car: 0.9, '': 0.1 }).summary).toContain('no detection 10 % → 50 %');
  });

  it('needs a significant p as well as a large PSI: a lowered minInferences lets p decide', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { ClassMixShift: { minInferences: 20 } } } };
    // 6 / 10 / 4 against 50 / 30 / 20 %: PSI 0.2, but p ≈ 0.07.
    const small = mix({ helmet: 6, head: 10, '': 4 }, {}, USUAL, settings);
    expect(small.figures.psi).toBeGreaterThan(0.1);
    expect(small.verdict).toBe('holding');
    expect(mix({ helmet: 6, head: 10, '': 4 }, {}, USUAL, settings, OTHER).verdict).toBe('unknown');
  });

  it('returns no findings when disabled', () => {
    const book = fakeBook({ models: [modelBaseline(MODEL, { classShares: USUAL })] });
    expect(classMixShift(context({ model: MODEL, recent: recentWindows({ hour: { classes: rowsOf({ helmet: 100, head: 300, '': 100 }) } }), book, settings: disabled('ClassMixShift') }))).toEqual([]);
  });

  it('is unknown for a model without any baseline', () => {
    expect(only(classMixShift(context({ model: MODEL, recent: recentWindows({ hour: { classes: rowsOf({ helmet: 300 }) } }) }))).verdict).toBe('unknown');
  });
});

// --- LatencyUp ------------------------------------------------------------------------------------

describe('LatencyUp', () => {
  /** A window of `requests` requests averaging `mean` s (one class row, one detection per request). */
  const window = (requests: number | null, mean: number | null, model = MODEL): SnapshotSpec => ({
    models: [{ model, current: requests }],
    classes: [{ model, className: 'helmet', current: { inferences: requests, avgResponseTimeSeconds: mean }, detections: requests }],
  });
  const USUAL = level({ median: 0.2, samples: 10_000, unitSd: 0.5 });
  const latency = (spec: { short: SnapshotSpec; hour?: SnapshotSpec; usual?: LevelBaseline | null; ewma?: number | null; settings?: AlertThresholdSettings; model?: string }) => {
    const model = spec.model ?? MODEL;
    const book = fakeBook({ models: [modelBaseline(model, { latency: spec.usual === undefined ? USUAL : spec.usual })] });
    return latencyUp(context({ model, recent: recentWindows({ hour: spec.hour ?? spec.short, short: spec.short }), book, settings: spec.settings }), spec.ewma ?? null);
  };

  it('breaches at 0.2 → 0.5 s on 100 requests: the EWMA from the usual level crosses its limit', () => {
    const { findings, ewma } = latency({ short: window(100, 0.5) });
    const f = only(findings);
    expect(f.key).toEqual({ rule: 'LatencyUp', model: MODEL, className: null });
    expect(f.verdict).toBe('breach');
    // EWMA 0.2 + 0.3 · 0.3 = 0.29; limit 0.2 + 3 · max(0.5 / √100, 0.004) · √(0.3 / 1.7) = 0.263.
    expect(ewma).toBeCloseTo(0.29, 12);
    expect(f.figures).toEqual({ mean: 0.5, usual: 0.2, ratio: 2.5, ewma: 0.29, limit: 0.263, requests: 100 });
    expect(f.summary).toBe('latency 200 ms → 500 ms in the last 30 min');
  });

  it('holds until the EWMA crosses a wide limit, poll after poll', () => {
    // unitSd 2: sd 0.2, limit 0.452; the EWMA goes 0.29, 0.353, 0.397, 0.428, 0.450, 0.465.
    const usual = level({ median: 0.2, samples: 10_000, unitSd: 2 });
    let ewma: number | null = null;
    const verdicts: Verdict[] = [];
    for (let poll = 0; poll < 6; poll++) {
      const result = latency({ short: window(100, 0.5), usual, ewma });
      verdicts.push(only(result.findings).verdict);
      ewma = result.ewma;
    }
    expect(verdicts).toEqual(['holding', 'holding', 'holding', 'holding', 'holding', 'breach']);
    expect(ewma).toBeCloseTo(0.4647053, 6);
  });

  it('starts a missing EWMA at the usual level and carries a given one', () => {
    expect(latency({ short: window(100, 0.2) }).ewma).toBeCloseTo(0.2, 12);
    expect(latency({ short: window(100, 0.2), ewma: 0.4 }).ewma).toBeCloseTo(0.34, 12);
  });

  it.each<[string, number, number, LevelBaseline, Verdict]>([
    ['0.2 → 0.28 s (below factor 1.5): holding', 1000, 0.28, USUAL, 'holding'],
    ['0.2 → 0.24 s (recoverFactor 1.2): recovered', 1000, 0.24, USUAL, 'recovered'],
    ['faster than usual: recovered', 1000, 0.1, USUAL, 'recovered'],
    ['0.1 → 0.16 s (1.6×, but under minIncreaseSeconds 0.1): holding', 1000, 0.16, level({ median: 0.1, samples: 10_000, unitSd: 0.01 }), 'holding'],
    ['0.1 → 0.2 s (at minIncreaseSeconds): breach', 1000, 0.2, level({ median: 0.1, samples: 10_000, unitSd: 0.01 }), 'breach'],
  ])('%s', (_, requests, mean, usual, verdict) => {
    expect(only(latency({ short: window(requests, mean), usual }).findings).verdict).toBe(verdict);
  });

  it('falls back to the hour when the half hour has fewer than minRequests (30)', () => {
    const fallback = latency({ short: window(29, 0.5), hour: window(120, 0.21) });
    expect(only(fallback.findings).figures).toMatchObject({ mean: 0.21, requests: 120 });
    expect(only(fallback.findings).verdict).toBe('recovered');
    expect(only(fallback.findings).summary).toContain('in the last hour');
    const half = latency({ short: window(30, 0.5), hour: window(120, 0.21) });
    expect(only(half.findings).figures).toMatchObject({ mean: 0.5, requests: 30 });
    expect(only(half.findings).summary).toContain('in the last 30 min');
  });

  it('counts a null request count as zero and falls back to the hour', () => {
    expect(only(latency({ short: window(null, 0.5), hour: window(120, 0.5) }).findings).figures).toMatchObject({ requests: 120 });
  });

  it.each<[string, SnapshotSpec, SnapshotSpec]>([
    ['both windows below minRequests', window(10, 0.5), window(29, 0.5)],
    ['a null mean', window(100, null), window(200, null)],
    ['no rows for the model', {}, {}],
  ])('is unknown with %s, keeping the EWMA it was given', (_, short, hour) => {
    const { findings, ewma } = latency({ short, hour, ewma: 0.35 });
    expect(only(findings).verdict).toBe('unknown');
    expect(ewma).toBe(0.35);
  });

  it('decides at minRequests in the hour', () => {
    expect(only(latency({ short: window(10, 0.5), hour: window(30, 0.5) }).findings).verdict).not.toBe('unknown');
  });

  it('is unknown without a usual latency, and drops the EWMA', () => {
    const { findings, ewma } = latency({ short: window(100, 0.5), usual: null, ewma: 0.35 });
    expect(only(findings).verdict).toBe('unknown');
    expect(ewma).toBeNull();
  });

  it('returns no findings when disabled, keeping the EWMA', () => {
    expect(latency({ short: window(100, 0.5), ewma: 0.3, settings: disabled('LatencyUp') })).toEqual({ findings: [], ewma: 0.3 });
  });

  it('applies per-model overrides to that model only', () => {
    const settings: AlertThresholdSettings = { models: { [MODEL]: { LatencyUp: { factor: 3, recoverFactor: 2 } } } };
    expect(only(latency({ short: window(100, 0.5), settings }).findings).verdict).toBe('holding');
    expect(only(latency({ short: window(100, 0.5, OTHER), settings, model: OTHER }).findings).verdict).toBe('breach');
  });
});

// --- ServerVersionChange --------------------------------------------------------------------------

describe('ServerVersionChange', () => {
  /** `known`: versions last seen an hour before this poll (or `ageMs` before). */
  const versions = (hour: readonly string[] | null, known: readonly string[] | null, settings?: AlertThresholdSettings, short: readonly string[] | null = hour, ageMs = 3_600_000) => {
    const spec = (v: readonly string[] | null): SnapshotSpec => (v === null ? {} : { models: [{ model: MODEL, current: 100, serverVersions: v }] });
    const ctx = context({ model: MODEL, recent: recentWindows({ hour: spec(hour), short: spec(short) }), settings });
    const result = serverVersionChange(ctx, known === null ? null : new Map(known.map((v) => [v, ctx.at.getTime() - ageMs])));
    return { findings: result.findings, known: result.known === null ? null : [...result.known.keys()].sort() };
  };

  it('only learns on the first look', () => {
    expect(versions(['0.15.3', '0.16.0'], null)).toEqual({ findings: [], known: ['0.15.3', '0.16.0'] });
  });

  it('fires an info breach for a new version', () => {
    const { findings, known } = versions(['0.15.3', '0.16.0'], ['0.15.3']);
    const f = only(findings);
    expect(f).toMatchObject({ key: { rule: 'ServerVersionChange', model: MODEL, className: null }, verdict: 'breach', severity: 'info' });
    expect(f.figures).toEqual({ from: '0.15.3', to: '0.15.3, 0.16.0', added: '0.16.0' });
    expect(f.summary).toBe('inference server 0.15.3 → 0.16.0');
    expect(known).toEqual(['0.15.3', '0.16.0']);
  });

  it('does not fire when a version leaves, nor when it comes back within a day (a mixed roll-out)', () => {
    expect(versions(['0.16.0'], ['0.15.3', '0.16.0'])).toEqual({ findings: [], known: ['0.15.3', '0.16.0'] });
    expect(versions(['0.15.3', '0.16.0'], ['0.15.3', '0.16.0'])).toEqual({ findings: [], known: ['0.15.3', '0.16.0'] });
  });

  it('fires for a version back after more than a day away (a rollback); with nothing seen for a day it only learns', () => {
    const { findings, known } = versions(['0.15.3'], ['0.16.0'], undefined, undefined, VERSION_MEMORY_MS + 1);
    expect(findings).toEqual([]); // nothing recent to compare with: it only learns again
    expect(known).toEqual(['0.15.3']);
    expect(only(versions(['0.15.3', '0.16.0'], ['0.16.0'], undefined, undefined, VERSION_MEMORY_MS).findings).summary).toBe('inference server 0.16.0 → 0.15.3');
  });

  it('does not fire for the same versions', () => {
    expect(versions(['0.16.0'], ['0.16.0'])).toEqual({ findings: [], known: ['0.16.0'] });
  });

  it('keeps what it knew when the hour names no version (no traffic)', () => {
    expect(versions(null, ['0.15.3'])).toEqual({ findings: [], known: ['0.15.3'] });
    expect(versions(null, null)).toEqual({ findings: [], known: null });
  });

  it('reads the hour, not the half hour', () => {
    expect(versions(['0.15.3'], ['0.15.3'], undefined, ['0.16.0']).findings).toEqual([]);
  });

  it('returns no findings when disabled, but still learns', () => {
    expect(versions(['0.15.3', '0.16.0'], ['0.15.3'], disabled('ServerVersionChange'))).toEqual({ findings: [], known: ['0.15.3', '0.16.0'] });
  });
});

// --- The seed example response ---------------------------------------------------------------------

describe('the seed example response as the recent hour', () => {
  const SEED = new URL('../../fixtures/seed-example-response.json', import.meta.url);
  const seedFor = (minutes: number): StatsSnapshot => parseInferenceStats(JSON.parse(readFileSync(SEED, 'utf8')), windowEnding(AT, minutes));
  const hour = seedFor(60);
  const recent = { hour, short: seedFor(30) };
  const CHANGE_RULES: readonly RuleName[] = ['ModelSilent', 'TrafficDrop', 'ErrorRateUp', 'ConfidenceDrop', 'ClassMixShift', 'LatencyUp'];
  const modelNames = hour.models.map((m) => m.model);

  /** Detection-weighted mean of the rows' current values, as the API weights its totals. */
  const weighted = (model: string, value: 'avgConfidence' | 'avgResponseTimeSeconds', withoutNoDetection: boolean): number | null => {
    let sum = 0;
    let weight = 0;
    for (const row of hour.classes) {
      const v = row.current[value];
      if (row.model !== model || (withoutNoDetection && row.className === NO_DETECTION_CLASS) || v === null || (row.detections ?? 0) <= 0) continue;
      sum += v * (row.detections ?? 0);
      weight += row.detections ?? 0;
    }
    return weight > 0 ? sum / weight : null;
  };
  const detections = (model: string): number => hour.classes.filter((r) => r.model === model && r.className !== NO_DETECTION_CLASS).reduce((n, r) => n + (r.detections ?? 0), 0);
  const inferences = (model: string): number => hour.models.find((m) => m.model === model)?.inferences.current ?? 0;
  const modelErrors = new Map<string, ModelErrorFigures>(
    modelNames.map((model) => {
      const own: ErrorCount = { errors: 0, requests: inferences(model) };
      return [model, { current: own, previous: own, minutes: 60 }];
    }),
  );

  const evaluateTwice = (book: ReturnType<typeof fakeBook>, errors: ReadonlyMap<string, ModelErrorFigures>): Finding[][] => {
    const detector = createDetector(resolveThresholds());
    const input = { at: AT, recent, book, modelErrors: errors, isOpen: () => false };
    return [detector.evaluate(input), detector.evaluate(input)];
  };

  it('parses into the four models of the example', () => {
    expect(modelNames).toEqual(['cards-3z9gn', 'hard-hat-sample-8j2w3', 'coco', 'license-plate-recognition-rxg4e']);
  });

  it('breaches no rule against a baseline equal to its own figures', () => {
    const models: ModelBaseline[] = modelNames.map((model) => {
      const rows = hour.classes.filter((r) => r.model === model);
      const confidence = weighted(model, 'avgConfidence', true);
      const latency = weighted(model, 'avgResponseTimeSeconds', false);
      const total = rows.reduce((n, r) => n + (r.current.inferences ?? 0), 0);
      return modelBaseline(model, {
        confidence: confidence === null ? null : level({ median: confidence, samples: detections(model) }),
        latency: latency === null ? null : level({ median: latency, samples: inferences(model) }),
        classConfidence: new Map(rows.flatMap((r) => (r.current.avgConfidence === null ? [] : [[r.className, level({ median: r.current.avgConfidence, samples: r.detections ?? 0 })] as const]))),
        classShares: total > 0 ? new Map(rows.map((r) => [r.className, (r.current.inferences ?? 0) / total])) : null,
      });
    });
    const book = fakeBook({ models, expected: (model) => inferences(model), workspaceErrors: { errors: 0, requests: 120 } });
    const polls = evaluateTwice(book, modelErrors);
    for (const findings of polls) {
      expect(findings.filter((f) => f.verdict === 'breach')).toEqual([]);
      for (const model of modelNames) {
        expect(new Set(findings.filter((f) => f.key.model === model).map((f) => f.key.rule))).toEqual(new Set(CHANGE_RULES));
      }
    }
    // Where there is enough to say, it says recovered: cards has 211 detections and 107 inferences.
    const cards = polls[1] ?? [];
    expect(findingOf(cards, 'ConfidenceDrop', 'cards-3z9gn').verdict).toBe('recovered');
    expect(findingOf(cards, 'ConfidenceDrop', 'cards-3z9gn', 'Playingcards').verdict).toBe('recovered');
    expect(findingOf(cards, 'ErrorRateUp', 'cards-3z9gn').verdict).toBe('recovered');
    expect(findingOf(cards, 'LatencyUp', 'cards-3z9gn').verdict).toBe('recovered');
    expect(findingOf(cards, 'ModelSilent', 'cards-3z9gn').verdict).toBe('recovered');
    expect(findingOf(cards, 'TrafficDrop', 'cards-3z9gn').verdict).toBe('recovered');
  });

  it.each<[string, () => ReturnType<typeof fakeBook>, ReadonlyMap<string, ModelErrorFigures>]>([
    ['an empty book and no errors fetched', () => fakeBook(), new Map()],
    [
      'baselines just below every minimum',
      () =>
        fakeBook({
          expected: 19.5, // below ModelSilent's 20 and TrafficDrop's 100
          models: modelNames.map((model) =>
            modelBaseline(model, {
              confidence: level({ median: 0.9, samples: 29 }),
              classConfidence: new Map(hour.classes.filter((r) => r.model === model).map((r) => [r.className, level({ median: 0.9, samples: 29 })])),
              latency: null,
              classShares: null,
            }),
          ),
        }),
      new Map(modelNames.map((model) => [model, { current: { errors: 0, requests: Math.max(inferences(model), 50) }, previous: { errors: 0, requests: 49 }, minutes: 60 }])),
    ],
  ])('says unknown for every change rule with too little baseline: %s', (_, book, errors) => {
    for (const findings of evaluateTwice(book(), errors)) {
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.verdict !== 'unknown')).toEqual([]);
      for (const model of modelNames) {
        expect(new Set(findings.filter((f) => f.key.model === model).map((f) => f.key.rule))).toEqual(new Set(CHANGE_RULES));
      }
    }
  });
});
