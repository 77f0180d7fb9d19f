// Small builders for the alert rule and detector tests: snapshots of the recent windows with
// exact figures (nulls allowed, as the API gives them), a fake BaselineBook, and a ModelContext
// whose thresholds come from resolveThresholds(), as the detector's do.
import type { BaselineBook, ExpectedCount, LevelBaseline, ModelBaseline } from '../../../electron/core/alerts/baselines';
import type { ModelContext } from '../../../electron/core/alerts/rules/context';
import { resolveThresholds, type AlertThresholdSettings } from '../../../electron/core/alerts/thresholds';
import type { Finding, RuleName, Verdict } from '../../../electron/core/alerts/types';
import type { RecentWindows } from '../../../electron/core/poller/poll-result';
import type { ClassStats, Figures, ModelStats, StatsSnapshot, TimeWindow } from '../../../electron/core/stats/types';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
/** The poll time the tests use unless they say otherwise. */
export const AT = new Date('2026-11-02T12:00:00Z');
export const DEFAULT_VERSIONS: readonly string[] = ['0.16.0'];

/** [at − minutes, at). */
export function windowEnding(at: Date, minutes: number): TimeWindow {
  return { start: new Date(at.getTime() - minutes * MINUTE), end: at };
}

/** Figures with every field null unless given. */
export const figures = (given: Partial<Figures> = {}): Figures => ({ inferences: null, errors: null, avgConfidence: null, avgResponseTimeSeconds: null, ...given });

export interface ClassRowSpec {
  readonly model: string;
  /** '' is the no-detection row. */
  readonly className: string;
  readonly current?: Partial<Figures>;
  readonly previous?: Partial<Figures>;
  /** class_count; default: the current inferences (one detection per inference), null when those are. */
  readonly detections?: number | null;
  readonly medianConfidence?: number | null;
  readonly serverVersions?: readonly string[];
}

export interface ModelSpec {
  readonly model: string;
  /** model_num_inferences; default: the sum of its rows' non-null inferences (null when all are null). */
  readonly current?: number | null;
  readonly previous?: number | null;
  /** Default: the union of its rows' versions, or DEFAULT_VERSIONS without rows. */
  readonly serverVersions?: readonly string[];
}

export interface SnapshotSpec {
  readonly models?: readonly ModelSpec[];
  readonly classes?: readonly ClassRowSpec[];
  /** The workspace totals; default: inferences summed over the models, everything else null. */
  readonly totals?: { readonly current?: Partial<Figures>; readonly previous?: Partial<Figures> };
}

/** Sum of the non-null values, or null when every one is null (or there are none). */
function sumKnown(values: readonly (number | null)[]): number | null {
  return values.reduce<number | null>((sum, value) => (value === null ? sum : (sum ?? 0) + value), null);
}

/** A snapshot of `window` from models and class rows; a model named only by rows gets its totals from them. */
export function snapshot(window: TimeWindow, spec: SnapshotSpec = {}): StatsSnapshot {
  const classes: ClassStats[] = (spec.classes ?? []).map((row) => {
    const current = figures(row.current);
    return {
      model: row.model,
      className: row.className,
      current,
      previous: figures(row.previous),
      medianConfidence: row.medianConfidence ?? null,
      detections: row.detections === undefined ? current.inferences : row.detections,
      deploymentTypes: ['hosted'],
      serverVersions: row.serverVersions ?? DEFAULT_VERSIONS,
    };
  });
  const names = [...new Set([...(spec.models ?? []).map((m) => m.model), ...classes.map((row) => row.model)])];
  const models: ModelStats[] = names.map((model) => {
    const given = spec.models?.find((m) => m.model === model);
    const rows = classes.filter((row) => row.model === model);
    const versions = rows.length === 0 ? DEFAULT_VERSIONS : [...new Set(rows.flatMap((row) => row.serverVersions))];
    return {
      model,
      inferences: {
        current: given?.current !== undefined ? given.current : sumKnown(rows.map((row) => row.current.inferences)),
        previous: given?.previous !== undefined ? given.previous : sumKnown(rows.map((row) => row.previous.inferences)),
      },
      deploymentTypes: ['hosted'],
      serverVersions: given?.serverVersions ?? versions,
    };
  });
  const length = window.end.getTime() - window.start.getTime();
  return {
    window,
    previousWindow: { start: new Date(window.start.getTime() - length), end: window.start },
    totals: {
      current: figures({ inferences: sumKnown(models.map((m) => m.inferences.current)), ...spec.totals?.current }),
      previous: figures({ inferences: sumKnown(models.map((m) => m.inferences.previous)), ...spec.totals?.previous }),
    },
    models,
    classes,
  };
}

/** The detector's windows at `at` (default AT): the half hour defaults to the same figures as the hour. */
export function recentWindows(spec: { readonly at?: Date; readonly hour: SnapshotSpec; readonly short?: SnapshotSpec }): RecentWindows {
  const at = spec.at ?? AT;
  return { hour: snapshot(windowEnding(at, 60), spec.hour), short: snapshot(windowEnding(at, 30), spec.short ?? spec.hour) };
}

/** A level baseline; mad 0, 24 hours and unitSd 0 unless given. */
export function level(given: Partial<LevelBaseline> & Pick<LevelBaseline, 'median' | 'samples'>): LevelBaseline {
  return { mad: 0, hours: 24, unitSd: 0, ...given };
}

export interface ModelBaselineSpec {
  readonly hourCounts?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  readonly confidence?: LevelBaseline | null;
  readonly latency?: LevelBaseline | null;
  readonly classConfidence?: ReadonlyMap<string, LevelBaseline> | Readonly<Record<string, LevelBaseline>>;
  readonly classShares?: ReadonlyMap<string, number> | Readonly<Record<string, number>> | null;
}

const toMap = <K extends string | number, V>(value: ReadonlyMap<K, V> | Readonly<Record<K, V>>, key: (raw: string) => K): ReadonlyMap<K, V> =>
  value instanceof Map ? value : new Map(Object.entries(value as Record<string, V>).map(([k, v]) => [key(k), v]));

/** A model's baseline: nothing known unless given (no levels, no shares, no hour counts). */
export function modelBaseline(model: string, spec: ModelBaselineSpec = {}): ModelBaseline {
  return {
    model,
    hourCounts: toMap(spec.hourCounts ?? new Map<number, number>(), Number),
    confidence: spec.confidence ?? null,
    latency: spec.latency ?? null,
    classConfidence: toMap(spec.classConfidence ?? new Map<string, LevelBaseline>(), String),
    classShares: spec.classShares === undefined || spec.classShares === null ? null : toMap(spec.classShares, String),
  };
}

/** What expectedCount answers: a fixed count (or null) for every model and window, or a function of them. */
export type ExpectedSpec = number | ExpectedCount | null | ((model: string, window: TimeWindow) => number | ExpectedCount | null);

export interface FakeBookSpec {
  readonly models?: readonly ModelBaseline[];
  readonly expected?: ExpectedSpec;
  /** Days behind a numeric expected count; default 7. */
  readonly days?: number;
  readonly workspaceErrors?: { readonly errors: number; readonly requests: number } | null;
  readonly newestHour?: number | null;
}

export interface FakeBook extends BaselineBook {
  /** Every expectedCount call, in order. */
  readonly expectedCalls: { readonly model: string; readonly window: TimeWindow }[];
}

/** A BaselineBook with fixed answers: no expected counts, no models and no workspace errors unless given. */
export function fakeBook(spec: FakeBookSpec = {}): FakeBook {
  const expectedCalls: { model: string; window: TimeWindow }[] = [];
  const days = spec.days ?? 7;
  const answer = (value: number | ExpectedCount | null): ExpectedCount | null => (value === null ? null : typeof value === 'number' ? { expected: value, days } : value);
  return {
    newestHour: spec.newestHour ?? null,
    models: new Map((spec.models ?? []).map((m) => [m.model, m])),
    workspaceErrors: spec.workspaceErrors ?? null,
    expectedCalls,
    expectedCount(model, window) {
      expectedCalls.push({ model, window });
      const expected = spec.expected ?? null;
      return answer(typeof expected === 'function' ? expected(model, window) : expected);
    },
  };
}

/** What one rule sees for `model`: thresholds from resolveThresholds(settings).forModel(model). */
export function context(spec: { readonly model: string; readonly recent: RecentWindows; readonly book?: BaselineBook; readonly at?: Date; readonly settings?: AlertThresholdSettings }): ModelContext {
  const book = spec.book ?? fakeBook();
  return { at: spec.at ?? AT, model: spec.model, recent: spec.recent, book, baseline: book.models.get(spec.model), thresholds: resolveThresholds(spec.settings).forModel(spec.model) };
}

/** The one finding of `rule` for (model, className); throws when there is none or several. */
export function findingOf(findings: readonly Finding[], rule: RuleName, model: string, className: string | null = null): Finding {
  const found = findings.filter((f) => f.key.rule === rule && f.key.model === model && f.key.className === className);
  if (found.length !== 1) throw new Error(`expected one ${rule} finding for ${model}/${String(className)}, got ${found.length}`);
  return found[0] as Finding;
}

/** Each finding's class (null: the model) and verdict, in order. */
export const verdictsByClass = (findings: readonly Finding[]): [string | null, Verdict][] => findings.map((f) => [f.key.className, f.verdict]);
