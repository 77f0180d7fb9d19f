/**
 * Window figures as exact sums of minute figures, with a bounded cache of generated hours
 * (polling asks for mostly the same hours again and again).
 */
import { CONFIDENCE_SUM, DETECTIONS, FIELDS_PER_SLOT, INFERENCES, LATENCY_SUM, generateHour, slotCount, type HourBlock } from './minutes';
import type { ModelPlan } from './timeline';

/** A span of epoch minutes, `end` excluded. */
export interface MinuteRange {
  first: number;
  end: number;
}

export interface SlotTotals {
  inferences: number;
  detections: number;
  confidenceSum: number;
  latencySum: number;
  /** Indexes into plan.versions of the versions that served this slot's inferences. */
  versions: Set<number>;
  /** Weighted median of the per-minute mean confidences (weights: detections); null without data. */
  medianConfidence: number | null;
}

export interface ModelTotals {
  errors: number;
  /** Successful requests: the sum of the slots' inferences. */
  inferences: number;
  /** The model's classes in order, then the "" slot. */
  slots: SlotTotals[];
}

/** About 10 KB per block: the default holds four models over five weeks. */
const DEFAULT_MAX_BLOCKS = 4 * 24 * 7 * 5;

export class HourCache {
  private readonly blocks = new Map<string, HourBlock>();

  constructor(private readonly maxBlocks = DEFAULT_MAX_BLOCKS) {}

  get(plan: ModelPlan, hour: number): HourBlock {
    const key = `${plan.index}:${hour}`;
    let block = this.blocks.get(key);
    if (block === undefined) {
      block = generateHour(plan, hour);
      if (this.blocks.size >= this.maxBlocks) {
        // Oldest first: Map iterates in insertion order.
        const oldest = this.blocks.keys().next();
        if (oldest.done !== true) this.blocks.delete(oldest.value);
      }
      this.blocks.set(key, block);
    }
    return block;
  }

  get size(): number {
    return this.blocks.size;
  }
}

export function aggregateModel(cache: HourCache, plan: ModelPlan, range: MinuteRange, withMedian: boolean): ModelTotals {
  const slots = slotCount(plan);
  const sums = Array.from({ length: slots }, () => ({ inferences: 0, detections: 0, confidenceSum: 0, latencySum: 0, versions: new Set<number>() }));
  let errors = 0;

  const first = Math.max(range.first, plan.serving.first);
  const end = Math.min(range.end, plan.serving.end);
  // Per-minute means for the medians, in typed arrays: a week of minutes makes many samples.
  const samples = withMedian ? Array.from({ length: slots }, () => new MinuteSamples(Math.max(0, end - first))) : [];
  for (let minute = first; minute < end; ) {
    const hour = Math.floor(minute / 60);
    const block = cache.get(plan, hour);
    const stop = Math.min(end, (hour + 1) * 60);
    for (; minute < stop; minute++) {
      const i = minute - hour * 60;
      errors += block.errors[i] ?? 0;
      const version = block.version[i] ?? -1;
      for (let slot = 0; slot < slots; slot++) {
        const at = (i * slots + slot) * FIELDS_PER_SLOT;
        const inferences = block.figures[at + INFERENCES] ?? 0;
        if (inferences === 0) continue;
        const sum = sums[slot];
        if (sum === undefined) continue;
        const detections = block.figures[at + DETECTIONS] ?? 0;
        const confidenceSum = block.figures[at + CONFIDENCE_SUM] ?? 0;
        sum.inferences += inferences;
        sum.detections += detections;
        sum.confidenceSum += confidenceSum;
        sum.latencySum += block.figures[at + LATENCY_SUM] ?? 0;
        sum.versions.add(version);
        samples[slot]?.add(confidenceSum / detections, detections);
      }
    }
  }

  const slotTotals = sums.map((sum, slot) => ({
    ...sum,
    medianConfidence: samples[slot]?.weightedMedian() ?? null,
  }));
  return { errors, inferences: slotTotals.reduce((total, slot) => total + slot.inferences, 0), slots: slotTotals };
}

/** Values with weights, at most one per minute. */
export class MinuteSamples {
  private readonly values: Float64Array;
  private readonly weights: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
  }

  add(value: number, weight: number): void {
    this.values[this.count] = value;
    this.weights[this.count] = weight;
    this.count++;
  }

  /** The smallest value at which the cumulative weight reaches half of the total; null when empty. */
  weightedMedian(): number | null {
    if (this.count === 0) return null;
    const { values, weights } = this;
    const order = new Uint32Array(this.count);
    let total = 0;
    for (let i = 0; i < this.count; i++) {
      order[i] = i;
      total += weights[i] ?? 0;
    }
    order.sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    let cumulative = 0;
    for (const i of order) {
      cumulative += weights[i] ?? 0;
      if (cumulative >= total / 2) return values[i] ?? null;
    }
    return values[order[this.count - 1] ?? 0] ?? null;
  }
}
