/**
 * A scenario turned into plans: times as minute indexes, random stream keys, and the
 * behaviour of each model at any minute with its incidents applied.
 *
 * Minutes are counted from the Unix epoch (minute m starts at m * 60 000 ms UTC); a minute
 * belongs to a span when its start does.
 */
import { HOUR_MS, MINUTE_MS } from '../core/time';
import { hashString } from './random';
import type { Incident, Scenario, ScenarioModel } from './scenario-schema';

export const MINUTES_PER_DAY = 1440;

/** First minute whose start is at or after `ms`: spans are [first, firstMinuteAt(end)). */
export function firstMinuteAt(ms: number): number {
  return Math.ceil(ms / MINUTE_MS);
}

export function scenarioStartMs(scenario: Scenario): number {
  return Date.parse(scenario.start);
}

export function scenarioEndMs(scenario: Scenario): number {
  return scenarioStartMs(scenario) + scenario.hours * HOUR_MS;
}

export interface ClassPlan {
  name: string;
  share: number;
  detectionsPerInference: number;
  confidence: number;
  confidenceSd: number;
  /** Stream key of (seed, model, class). */
  key: number;
}

interface MinuteSpan {
  first: number;
  /** Exclusive. */
  end: number;
}

type Effect =
  | { kind: 'confidence'; classIndex: number | null; delta: number }
  | { kind: 'latency'; factor: number }
  | { kind: 'errors'; errorRate: number }
  | { kind: 'traffic'; factor: number }
  | { kind: 'outage' }
  | { kind: 'shares'; shares: number[] };

interface TimedEffect extends MinuteSpan {
  effect: Effect;
}

export interface ModelPlan {
  index: number;
  name: string;
  deployment: string;
  /** versions[0] is the model's serverVersion, then each server_version change in time order. */
  versions: string[];
  /** Classes in file order; the slot after the last one is the "" (no detection) row. */
  classes: ClassPlan[];
  /** Stream key of (seed, model) for counts and of (seed, model, "") for the empty row. */
  key: number;
  emptyKey: number;
  /** Minutes in which the model exists: from max(start, from) up to `to` (or forever). */
  serving: MinuteSpan;
  source: ScenarioModel;
  effects: TimedEffect[];
  versionChanges: { first: number; version: number }[];
}

/** What one model does during one minute, incidents included. */
export interface MinuteBehaviour {
  serving: boolean;
  requestsPerMinute: number;
  errorRate: number;
  emptyRate: number;
  /** Normalised class shares, by class index. */
  shares: readonly number[];
  /** Added to each class's mean confidence. */
  confidenceDelta: readonly number[];
  latencySeconds: number;
  versionIndex: number;
}

export function planModels(scenario: Scenario): ModelPlan[] {
  const startMs = scenarioStartMs(scenario);
  const endMinute = firstMinuteAt(scenarioEndMs(scenario));
  return scenario.models.map((model, index) => {
    const key = (...parts: string[]) => hashString([String(scenario.seed), model.name, ...parts].join('\u0000'));
    const classes = model.classes.map((cls) => ({ ...cls, key: key('class', cls.name) }));
    const classIndex = new Map(classes.map((cls, i) => [cls.name, i]));
    const own = scenario.incidents.filter((incident) => incident.model === model.name);
    const versionIncidents = own
      .filter((incident) => incident.kind === 'server_version')
      .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
    return {
      index,
      name: model.name,
      deployment: model.deployment,
      versions: [model.serverVersion, ...versionIncidents.map((incident) => incident.version)],
      classes,
      key: key('model'),
      emptyKey: key('class', ''),
      serving: {
        first: firstMinuteAt(Math.max(startMs, model.from === undefined ? startMs : Date.parse(model.from))),
        end: model.to === undefined ? Number.POSITIVE_INFINITY : firstMinuteAt(Date.parse(model.to)),
      },
      source: model,
      effects: own.flatMap((incident) => timedEffect(incident, classIndex, classes.length, endMinute)),
      versionChanges: versionIncidents.map((incident, i) => ({ first: firstMinuteAt(Date.parse(incident.from)), version: i + 1 })),
    };
  });
}

/**
 * Incidents stop at the scenario's end at the latest: time past the end runs normally.
 * A server_version change is not a disturbance but a new state, so it is kept (see versionAt).
 */
function timedEffect(
  incident: Incident,
  classIndex: ReadonlyMap<string, number>,
  classCount: number,
  scenarioEndMinute: number,
): TimedEffect[] {
  if (incident.kind === 'server_version') return [];
  const span = {
    first: firstMinuteAt(Date.parse(incident.from)),
    end: Math.min(firstMinuteAt(Date.parse(incident.to)), scenarioEndMinute),
  };
  switch (incident.kind) {
    case 'confidence_drop':
      return [{ ...span, effect: { kind: 'confidence', classIndex: incident.class === undefined ? null : (classIndex.get(incident.class) ?? null), delta: incident.delta } }];
    case 'latency_rise':
      return [{ ...span, effect: { kind: 'latency', factor: incident.factor } }];
    case 'error_rise':
      return [{ ...span, effect: { kind: 'errors', errorRate: incident.errorRate } }];
    case 'traffic_drop':
      return [{ ...span, effect: { kind: 'traffic', factor: incident.factor } }];
    case 'outage':
      return [{ ...span, effect: { kind: 'outage' } }];
    case 'class_shift': {
      const shares = new Array<number>(classCount).fill(0);
      for (const [name, share] of Object.entries(incident.shares)) {
        const i = classIndex.get(name);
        if (i !== undefined) shares[i] = share;
      }
      return [{ ...span, effect: { kind: 'shares', shares: normalise(shares) } }];
    }
  }
}

/** The daily cosine: 1 on average, 1 + amplitude at the peak hour, 1 - amplitude twelve hours later. */
export function diurnalFactor(amplitude: number, peakHourUtc: number, minute: number): number {
  const minuteOfDay = ((minute % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const hourOfDay = (minuteOfDay + 0.5) / 60;
  return 1 + amplitude * Math.cos((2 * Math.PI * (hourOfDay - peakHourUtc)) / 24);
}

export function versionAt(plan: ModelPlan, minute: number): number {
  let version = 0;
  for (const change of plan.versionChanges) if (change.first <= minute) version = change.version;
  return version;
}

export function behaviourAt(plan: ModelPlan, minute: number): MinuteBehaviour {
  const model = plan.source;
  let serving = minute >= plan.serving.first && minute < plan.serving.end;
  let traffic = 1;
  let errorRate = model.errorRate;
  let latencyFactor = 1;
  let shares: readonly number[] = baseShares(plan);
  let confidenceDelta: readonly number[] = noDeltas(plan);
  // Overlapping incidents compose: factors multiply, deltas add, the later-listed rate or shares win.
  for (const { first, end, effect } of plan.effects) {
    if (minute < first || minute >= end) continue;
    switch (effect.kind) {
      case 'confidence':
        confidenceDelta = confidenceDelta.map((delta, i) => (effect.classIndex === null || effect.classIndex === i ? delta + effect.delta : delta));
        break;
      case 'latency':
        latencyFactor *= effect.factor;
        break;
      case 'errors':
        errorRate = effect.errorRate;
        break;
      case 'traffic':
        traffic *= effect.factor;
        break;
      case 'outage':
        serving = false;
        break;
      case 'shares':
        shares = effect.shares;
        break;
    }
  }
  return {
    serving,
    requestsPerMinute: serving ? (model.requestsPerHour / 60) * diurnalFactor(model.diurnalAmplitude, model.peakHourUtc, minute) * traffic : 0,
    errorRate,
    emptyRate: model.emptyRate,
    shares,
    confidenceDelta,
    latencySeconds: model.latencySeconds * latencyFactor,
    versionIndex: versionAt(plan, minute),
  };
}

const baseShareCache = new WeakMap<ModelPlan, number[]>();
const zeroDeltaCache = new WeakMap<ModelPlan, readonly number[]>();

/** Shared by every minute without a confidence incident, so that those minutes allocate nothing. */
function noDeltas(plan: ModelPlan): readonly number[] {
  let zeros = zeroDeltaCache.get(plan);
  if (zeros === undefined) {
    zeros = Object.freeze(new Array<number>(plan.classes.length).fill(0));
    zeroDeltaCache.set(plan, zeros);
  }
  return zeros;
}

function baseShares(plan: ModelPlan): number[] {
  let shares = baseShareCache.get(plan);
  if (shares === undefined) {
    shares = normalise(plan.classes.map((cls) => cls.share));
    baseShareCache.set(plan, shares);
  }
  return shares;
}

function normalise(values: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((value) => value / sum) : values;
}
