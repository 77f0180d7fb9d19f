// Every alert rule's thresholds: their defaults, their allowed ranges and their overrides, first
// for the whole workspace and then per model. Checked once, when the settings are loaded, so a
// bad threshold fails loudly at start-up rather than as a rule that never (or always) fires.
import * as v from 'valibot';
import { RULE_NAMES, type RuleName } from './types';
import { describeValue } from '../describe-value';

/** The defaults. The index signature in `satisfies` lets each rule have keys past `enabled`. */
export const DEFAULT_RULE_THRESHOLDS = {
  ModelSilent: { enabled: true, silentMinutes: 30, minBaseline: 20, pendingPolls: 2, recoverPolls: 2 },
  TrafficDrop: { enabled: true, maxRatio: 0.5, maxZ: -3, minBaseline: 100, recoverRatio: 0.7, pendingPolls: 2, recoverPolls: 3 },
  ErrorRateUp: { enabled: true, factor: 2, minIncrease: 0.02, minZ: 3, minRequests: 50, minErrors: 5, criticalRate: 0.1, recoverMargin: 0.01, pendingPolls: 2, recoverPolls: 3 },
  ConfidenceDrop: { enabled: true, minDrop: 0.05, minRelativeDrop: 0.08, minZ: 3, maxVariance: 0.25, maxRobustZ: -3, minRobustDetections: 100, minDetections: 30, recoverDrop: 0.025, pendingPolls: 2, recoverPolls: 3 },
  ClassMixShift: { enabled: true, maxP: 0.001, minPsi: 0.1, minInferences: 200, minExpected: 5, recoverPsi: 0.05, pendingPolls: 2, recoverPolls: 3 },
  LatencyUp: { enabled: true, factor: 1.5, minIncreaseSeconds: 0.1, ewmaLambda: 0.3, ewmaWidth: 3, minRequests: 30, recoverFactor: 1.2, pendingPolls: 3, recoverPolls: 3 },
  ServerVersionChange: { enabled: true },
  MonitorUnavailable: { enabled: true, failedPolls: 3, recoverPolls: 1 },
} as const satisfies Record<RuleName, { readonly enabled: boolean } & Readonly<Record<string, number | boolean>>>;

/** The literal types of the defaults, widened to the number or boolean they stand for. */
type Widened<T> = { -readonly [K in keyof T]: T[K] extends boolean ? boolean : T[K] extends number ? number : T[K] };

/** One full set of thresholds, every rule and every key present. */
export type RuleThresholds = { -readonly [R in RuleName]: Widened<(typeof DEFAULT_RULE_THRESHOLDS)[R]> };

export type ThresholdOverrides = { readonly [R in RuleName]?: Partial<RuleThresholds[R]> };

export interface AlertThresholdSettings {
  /** Overrides for every model. */
  readonly rules?: ThresholdOverrides;
  /** Overrides for one model, by its id, on top of `rules`. */
  readonly models?: Readonly<Record<string, ThresholdOverrides>>;
}

export interface ResolvedThresholds {
  /**
   * Defaults ← `rules` ← that model's overrides; null (the workspace) or a model without
   * overrides gets defaults ← `rules`. The answer is shared and frozen: do not modify it.
   */
  forModel(model: string | null): RuleThresholds;
}

/** A bad threshold setting; `path` names it as in the message, like `alerts.rules.TrafficDrop.maxRatio`. */
export class ThresholdError extends RangeError {
  readonly path: string;
  static {
    this.prototype.name = 'ThresholdError';
  }
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

/** What the settings are called in messages: the key they live under in the settings file. */
const ROOT = 'alerts';

type ThresholdName = { [R in RuleName]: keyof RuleThresholds[R] }[RuleName];

type Range =
  | { readonly kind: 'flag' }
  | { readonly kind: 'whole' | 'number'; readonly min: number; readonly max: number; readonly minExcluded?: boolean };

const flag: Range = { kind: 'flag' };
const polls: Range = { kind: 'whole', min: 1, max: 20 };
const atLeastOne: Range = { kind: 'whole', min: 1, max: Number.POSITIVE_INFINITY };
/** Ratios, shares and rates: 0 would switch the rule off silently, so it is refused (use enabled). */
const share: Range = { kind: 'number', min: 0, max: 1, minExcluded: true };
const positiveZ: Range = { kind: 'number', min: 1, max: 10 };
const negativeZ: Range = { kind: 'number', min: -10, max: -1 };
const factor: Range = { kind: 'number', min: 1, max: 100, minExcluded: true };
const psi: Range = { kind: 'number', min: 0, max: 10, minExcluded: true };

/** One range per threshold name: a name means the same thing in every rule that has it. */
const RANGES: Record<ThresholdName, Range> = {
  enabled: flag,
  pendingPolls: polls,
  recoverPolls: polls,
  silentMinutes: { kind: 'whole', min: 5, max: 1440 },
  minBaseline: atLeastOne,
  minRequests: atLeastOne,
  minErrors: atLeastOne,
  minDetections: atLeastOne,
  minRobustDetections: atLeastOne,
  minInferences: atLeastOne,
  failedPolls: atLeastOne,
  // Compared with expected counts, which are fractional.
  minExpected: { kind: 'number', min: 1, max: Number.POSITIVE_INFINITY },
  maxRatio: share,
  recoverRatio: share,
  minIncrease: share,
  criticalRate: share,
  recoverMargin: share,
  minDrop: share,
  minRelativeDrop: share,
  recoverDrop: share,
  ewmaLambda: share,
  // Past 0.5 a "significant" shift would be more likely than not under no shift at all.
  maxP: { kind: 'number', min: 0, max: 0.5, minExcluded: true },
  // The variance of a confidence in [0, 1] is at most 0.25.
  maxVariance: { kind: 'number', min: 0, max: 0.25, minExcluded: true },
  minZ: positiveZ,
  ewmaWidth: positiveZ,
  maxZ: negativeZ,
  maxRobustZ: negativeZ,
  factor,
  recoverFactor: factor,
  minPsi: psi,
  recoverPsi: psi,
  minIncreaseSeconds: { kind: 'number', min: 0, max: 60 },
};

/**
 * Pairs whose recovery threshold must lie past the firing one, so that a value cannot both
 * breach and recover, and an alert does not flap on a value hovering at the threshold.
 */
const HYSTERESIS: readonly { readonly rule: RuleName; readonly recover: ThresholdName; readonly fire: ThresholdName; readonly recoverAbove: boolean }[] = [
  { rule: 'TrafficDrop', recover: 'recoverRatio', fire: 'maxRatio', recoverAbove: true },
  { rule: 'ErrorRateUp', recover: 'recoverMargin', fire: 'minIncrease', recoverAbove: false },
  { rule: 'ConfidenceDrop', recover: 'recoverDrop', fire: 'minDrop', recoverAbove: false },
  { rule: 'ClassMixShift', recover: 'recoverPsi', fire: 'minPsi', recoverAbove: false },
  { rule: 'LatencyUp', recover: 'recoverFactor', fire: 'factor', recoverAbove: false },
];

const settingsSchema = buildSettingsSchema();

/** Checks the settings and fills the defaults; throws a ThresholdError naming the first bad setting. */
export function resolveThresholds(settings: AlertThresholdSettings = {}): ResolvedThresholds {
  const checked = checkShape(settings);
  const workspace = applyOverrides(DEFAULT_RULE_THRESHOLDS, checked.rules, `${ROOT}.rules`, () => 'the default');
  const byModel = new Map<string, RuleThresholds>();
  for (const [model, overrides] of Object.entries(checked.models ?? {})) {
    // The poller fetches one short window for the whole workspace.
    if (overrides.ModelSilent?.silentMinutes !== undefined) {
      const path = `${ROOT}.models[${JSON.stringify(model)}].ModelSilent.silentMinutes`;
      throw new ThresholdError(path, `${path} cannot differ between models: set it for all of them in ${ROOT}.rules.ModelSilent.silentMinutes.`);
    }
    const inherited = (rule: RuleName, key: string) => (isSet(checked.rules?.[rule], key) ? `from ${ROOT}.rules` : 'the default');
    byModel.set(model, applyOverrides(workspace, overrides, `${ROOT}.models[${JSON.stringify(model)}]`, inherited));
  }
  return { forModel: (model) => (model === null ? undefined : byModel.get(model)) ?? workspace };
}

/** Checks settings read from JSON (a settings file, IPC); throws the same errors as resolveThresholds. */
export function parseAlertThresholdSettings(input: unknown): AlertThresholdSettings {
  if (input === undefined) return {};
  const settings = checkShape(input);
  resolveThresholds(settings); // for the checks across fields
  return settings;
}

function checkShape(input: unknown): AlertThresholdSettings {
  const result = v.safeParse(settingsSchema, input, { abortEarly: true });
  if (result.success) return result.output as AlertThresholdSettings;
  const issue = result.issues[0];
  const path = formatPath((issue.path ?? []).map((item) => String(item.key)));
  throw new ThresholdError(path, `${path} ${issue.message}`);
}

/** `base` with `overrides` on top (undefined values leave `base`), checked across fields and frozen. */
function applyOverrides(base: RuleThresholds, overrides: ThresholdOverrides | undefined, path: string, inherited: (rule: RuleName, key: string) => string): RuleThresholds {
  const merged: Record<string, Readonly<Record<string, number | boolean>>> = {};
  for (const rule of RULE_NAMES) {
    const values: Record<string, number | boolean> = { ...base[rule] };
    for (const [key, value] of Object.entries(overrides?.[rule] ?? {})) {
      if (value !== undefined) values[key] = value;
    }
    merged[rule] = Object.freeze(values);
  }
  for (const { rule, recover, fire, recoverAbove } of HYSTERESIS) {
    const values = merged[rule] ?? {};
    const recoverValue = Number(values[recover]);
    const fireValue = Number(values[fire]);
    if (recoverAbove ? recoverValue > fireValue : recoverValue < fireValue) continue;
    const label = (key: string, value: number) => (isSet(overrides?.[rule], key) ? `${key} (${value})` : `${key} (${value}, ${inherited(rule, key)})`);
    throw new ThresholdError(
      `${path}.${rule}`,
      `${path}.${rule}: ${label(recover, recoverValue)} must be ${recoverAbove ? 'greater' : 'less'} than ${label(fire, fireValue)}, ` +
        'so that recovering takes a clear margin past the firing threshold.',
    );
  }
  return Object.freeze(merged) as RuleThresholds;
}

function isSet(overrides: object | undefined, key: string): boolean {
  return overrides !== undefined && (overrides as Record<string, unknown>)[key] !== undefined;
}

function buildSettingsSchema() {
  const ruleOverrides = Object.fromEntries(
    RULE_NAMES.map((rule) => {
      const keys = Object.keys(DEFAULT_RULE_THRESHOLDS[rule]) as ThresholdName[];
      const entries = Object.fromEntries(keys.map((key) => [key, v.optional(thresholdSchema(RANGES[key]))]));
      return [rule, v.optional(objectOf(entries, `an object of ${rule} thresholds`, `${rule} threshold`, keys))];
    }),
  );
  const overrides = objectOf(ruleOverrides, 'an object of rule names to thresholds', 'rule', RULE_NAMES);
  const models = v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, (issue) => `must be an object of model ids to rule overrides (got ${describeValue(issue.input)}).`),
    // valibot's record drops these keys silently (they could reach the prototype); refuse them instead.
    v.check(
      (byModel) => !Object.keys(byModel).some(isReservedKey),
      (issue) => `cannot hold the model id ${JSON.stringify(Object.keys(issue.input as object).find(isReservedKey))} (${RESERVED_KEYS.join(', ')} are reserved).`,
    ),
    v.record(v.string(), overrides),
  );
  return objectOf({ rules: v.optional(overrides), models: v.optional(models) }, 'an object with rules and/or models', 'setting', ['rules', 'models']);
}

/** A plain object (arrays refused: valibot's objects would take them) with only these keys. */
function objectOf(entries: v.ObjectEntries, what: string, noun: string, known: readonly string[]) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, (issue) => `must be ${what} (got ${describeValue(issue.input)}).`),
    // Past the check above, the only issue left is an unknown key, which the path names.
    v.strictObject(entries, `is not a known ${noun}; the known ones are ${known.join(', ')}.`),
  );
}

function thresholdSchema(range: Range) {
  if (range.kind === 'flag') return v.boolean((issue) => `must be true or false (got ${describeValue(issue.input)}).`);
  const message = (issue: v.BaseIssue<unknown>) => `must be ${describeRange(range)} (got ${describeValue(issue.input)}).`;
  return v.pipe(
    v.number(message),
    v.check((value) => isWithin(value, range), message),
  );
}

function isWithin(value: number, range: Exclude<Range, { kind: 'flag' }>): boolean {
  if (!Number.isFinite(value) || (range.kind === 'whole' && !Number.isInteger(value))) return false;
  return (range.minExcluded === true ? value > range.min : value >= range.min) && value <= range.max;
}

function describeRange(range: Exclude<Range, { kind: 'flag' }>): string {
  const kind = range.kind === 'whole' ? 'a whole number' : 'a number';
  if (range.max === Number.POSITIVE_INFINITY) return `${kind}, ${range.min} or more`;
  return `${kind} from ${range.min}${range.minExcluded === true ? ' (excluded)' : ''} to ${range.max}`;
}

/** `alerts.models["hard-hat"].ConfidenceDrop.minDrop`: model ids always quoted, since they hold dashes. */
function formatPath(keys: readonly string[]): string {
  let text = ROOT;
  keys.forEach((key, i) => {
    const isModelId = i === 1 && keys[0] === 'models';
    text += !isModelId && /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  });
  return text;
}

const RESERVED_KEYS = ['__proto__', 'prototype', 'constructor'] as const;
const isReservedKey = (key: string): boolean => (RESERVED_KEYS as readonly string[]).includes(key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
