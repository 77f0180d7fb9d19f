// The detector around the rules: which models it judges, when it asks for per-model errors,
// what it remembers between polls.
import { describe, expect, it } from 'vitest';
import { VERSION_NOTE_MS, createDetector } from '../../../electron/core/alerts/detector';
import { errorFiguresOf } from '../../../electron/core/alerts/rules/errors';
import { resolveThresholds } from '../../../electron/core/alerts/thresholds';
import type { AlertKey } from '../../../electron/core/alerts/types';
import { AT, HOUR, fakeBook, level, modelBaseline, recentWindows, snapshot, windowEnding } from './builders';

const MODEL = 'hard-hat';
const never = (): boolean => false;

/** One model whose last hour is served by `versions` at mean confidence `mean`, against a usual 0.86. */
function poll(at: Date, versions: readonly string[], mean: number) {
  const row = { model: MODEL, className: 'helmet', current: { inferences: 500, avgConfidence: mean }, detections: 500, serverVersions: versions };
  const recent = recentWindows({ at, hour: { classes: [row] } });
  const book = fakeBook({ models: [modelBaseline(MODEL, { confidence: level({ median: 0.86, samples: 20_000, unitSd: 0.1 }), classConfidence: { helmet: level({ median: 0.86, samples: 20_000, unitSd: 0.1 }) } })] });
  return { at, recent, book, modelErrors: new Map(), isOpen: never };
}

describe('createDetector', () => {
  it('names a recent server update in the breaches that follow it, for a day', () => {
    const detector = createDetector(resolveThresholds());
    detector.evaluate(poll(AT, ['0.15.3'], 0.86));
    const update = detector.evaluate(poll(new Date(AT.getTime() + HOUR), ['0.15.3', '0.16.1'], 0.86));
    expect(update.filter((f) => f.key.rule === 'ServerVersionChange').map((f) => f.summary)).toEqual(['inference server 0.15.3 → 0.16.1']);
    const soon = detector.evaluate(poll(new Date(AT.getTime() + 2 * HOUR), ['0.16.1'], 0.6));
    const drop = soon.find((f) => f.key.rule === 'ConfidenceDrop' && f.key.className === 'helmet');
    expect(drop?.verdict).toBe('breach');
    expect(drop?.summary).toBe('helmet confidence 0.86 → 0.60 in the last hour (since server 0.16.1 at 13:00 UTC)');
    const later = detector.evaluate(poll(new Date(AT.getTime() + HOUR + VERSION_NOTE_MS + 1), ['0.16.1'], 0.6));
    expect(later.find((f) => f.key.rule === 'ConfidenceDrop' && f.key.className === 'helmet')?.summary).toBe('helmet confidence 0.86 → 0.60 in the last hour');
  });

  it('judges models seen in the recent windows and models with traffic in their baseline (a silent model has no row)', () => {
    const detector = createDetector(resolveThresholds());
    const recent = recentWindows({ hour: { models: [{ model: 'seen', current: 10 }] } });
    const book = fakeBook({ models: [modelBaseline('silent', { hourCounts: { [AT.getTime() - 24 * HOUR]: 300 } }), modelBaseline('gone', { hourCounts: { [AT.getTime() - 24 * HOUR]: 0 } })], expected: 300 });
    const models = new Set(detector.evaluate({ at: AT, recent, book, modelErrors: new Map(), isOpen: never }).map((f) => f.key.model));
    expect(models).toEqual(new Set(['seen', 'silent']));
  });

  it('asks for per-model errors only when the workspace’s errors are raised, or a model’s ErrorRateUp is open', () => {
    const detector = createDetector(resolveThresholds());
    const hour = (errors: number) => ({ models: [{ model: 'a', current: 1000 }, { model: 'b', current: 1000 }], totals: { current: { inferences: 2000, errors } } });
    const book = fakeBook({ workspaceErrors: { errors: 20, requests: 10_000 } }); // 0.2 %: about 4 errors expected
    expect(detector.modelsToCheckForErrors(recentWindows({ hour: hour(5) }), book, never)).toEqual([]);
    expect(detector.modelsToCheckForErrors(recentWindows({ hour: hour(40) }), book, never)).toEqual(['a', 'b']);
    const open = (key: AlertKey) => key.rule === 'ErrorRateUp' && key.model === 'b';
    expect(detector.modelsToCheckForErrors(recentWindows({ hour: hour(5) }), book, open)).toEqual(['b']);
    const off = createDetector(resolveThresholds({ models: { a: { ErrorRateUp: { enabled: false } } } }));
    expect(off.modelsToCheckForErrors(recentWindows({ hour: hour(40) }), book, never)).toEqual(['b']);
  });

  it('keeps the error baseline from before an ErrorRateUp alert opened, so a long incident is not its own baseline', () => {
    const detector = createDetector(resolveThresholds());
    const errors = (current: number, previous: number) =>
      errorFiguresOf(snapshot(windowEnding(AT, 60), { models: [{ model: MODEL, current: 1000, previous: 1000 }], totals: { current: { inferences: 1000, errors: current }, previous: { inferences: 1000, errors: previous } } }));
    const recent = recentWindows({ hour: { models: [{ model: MODEL, current: 1000 }] } });
    const verdict = (figures: ReturnType<typeof errors>, isOpen: boolean) =>
      detector.evaluate({ at: AT, recent, book: fakeBook(), modelErrors: new Map([[MODEL, figures]]), isOpen: () => isOpen }).find((f) => f.key.rule === 'ErrorRateUp')?.verdict;
    expect(verdict(errors(100, 5), false)).toBe('breach'); // 0.5 % → 9 %
    // An hour on, the hour before is part of the incident: against it, 9 % would look normal.
    expect(verdict(errors(100, 100), true)).toBe('breach');
    expect(verdict(errors(5, 100), true)).toBe('recovered');
  });
});
