/**
 * One model's figures, minute by minute, generated an hour at a time. Each minute is
 * drawn only from streams keyed by (seed, model[, class], minute), so any hour can be
 * regenerated alone, in any order, with the same result.
 */
import { binomial, minuteRandom, normal, poisson, type Uniform } from './random';
import { behaviourAt, type ModelPlan } from './timeline';

/** Per slot and minute: successful inferences, detections, sum of confidences, sum of response times. */
export const FIELDS_PER_SLOT = 4;
export const INFERENCES = 0;
export const DETECTIONS = 1;
export const CONFIDENCE_SUM = 2;
export const LATENCY_SUM = 3;

export interface HourBlock {
  /** Epoch hour: minutes hour * 60 up to hour * 60 + 59. */
  hour: number;
  /** Slots: the model's classes in order, then the "" (no detection) slot. */
  slotCount: number;
  /** [minute][slot][field], flattened. */
  figures: Float64Array;
  /** Failed requests per minute. */
  errors: Float64Array;
  /** Index into plan.versions of the version serving each minute; -1 when not serving. */
  version: Int16Array;
}

export function slotCount(plan: ModelPlan): number {
  return plan.classes.length + 1;
}

export function figureIndex(block: HourBlock, minuteInHour: number, slot: number, field: number): number {
  return (minuteInHour * block.slotCount + slot) * FIELDS_PER_SLOT + field;
}

export function generateHour(plan: ModelPlan, hour: number): HourBlock {
  const slots = slotCount(plan);
  const block: HourBlock = {
    hour,
    slotCount: slots,
    figures: new Float64Array(60 * slots * FIELDS_PER_SLOT),
    errors: new Float64Array(60),
    version: new Int16Array(60).fill(-1),
  };
  for (let i = 0; i < 60; i++) generateMinute(plan, block, i);
  return block;
}

function generateMinute(plan: ModelPlan, block: HourBlock, i: number): void {
  const minute = block.hour * 60 + i;
  const state = behaviourAt(plan, minute);
  if (!state.serving) return;
  block.version[i] = state.versionIndex;

  const random = minuteRandom(plan.key, minute);
  const requests = poisson(random, state.requestsPerMinute);
  const errors = binomial(random, requests, state.errorRate);
  const successes = requests - errors;
  const empty = binomial(random, successes, state.emptyRate);
  block.errors[i] = errors;

  // Multinomial split of the non-empty inferences as a chain of binomials.
  // The last class with a share takes all that remains, so no inference is lost to rounding.
  let remaining = successes - empty;
  let shareLeft = state.shares.reduce((a, b) => a + b, 0);
  const lastWithShare = state.shares.findLastIndex((share) => share > 0);
  const emptySlot = plan.classes.length;
  plan.classes.forEach((cls, c) => {
    const share = state.shares[c] ?? 0;
    const count = c === lastWithShare ? remaining : share > 0 ? binomial(random, remaining, Math.min(1, share / shareLeft)) : 0;
    remaining -= count;
    shareLeft -= share;
    if (count === 0) return;
    const classRandom = minuteRandom(cls.key, minute);
    const detections = count + poisson(classRandom, count * (cls.detectionsPerInference - 1));
    const mean = cls.confidence + (state.confidenceDelta[c] ?? 0);
    const confidence = clamp01(mean + (cls.confidenceSd / Math.sqrt(detections)) * normal(classRandom));
    const latency = meanLatency(classRandom, state.latencySeconds, plan.source.latencyJitter, count);
    write(block, i, c, count, detections, confidence * detections, latency * count);
  });
  if (empty > 0) {
    const latency = meanLatency(minuteRandom(plan.emptyKey, minute), state.latencySeconds, plan.source.latencyJitter, empty);
    write(block, i, emptySlot, empty, empty, 0, latency * empty);
  }
}

/**
 * Mean response time of `count` requests whose times vary by `jitter` (relative sd):
 * a mean-preserving log-normal, so it never goes negative.
 */
function meanLatency(random: Uniform, seconds: number, jitter: number, count: number): number {
  const sigma = Math.sqrt(Math.log(1 + (jitter * jitter) / count));
  return seconds * Math.exp(sigma * normal(random) - (sigma * sigma) / 2);
}

function write(block: HourBlock, i: number, slot: number, inferences: number, detections: number, confidenceSum: number, latencySum: number): void {
  const at = figureIndex(block, i, slot, 0);
  block.figures[at + INFERENCES] = inferences;
  block.figures[at + DETECTIONS] = detections;
  block.figures[at + CONFIDENCE_SUM] = confidenceSum;
  block.figures[at + LATENCY_SUM] = latencySum;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
