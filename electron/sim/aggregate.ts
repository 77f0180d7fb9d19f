/**
 * Window figures as exact sums of minute figures, with a bounded cache of generated hours
 * (polling asks for mostly the same hours again and again).
 *
 * Whole hours inside a window are added from per-hour totals where the order of addition
 * cannot matter (counts are integers, version sets, the median's multiset of samples); the
 * float sums (confidence, response time) are still added minute by minute in time order, so
 * that every result has the bits of a plain minute-by-minute scan.
 */
import { HourSummary, partOfRun, partialRun } from './hour-summary';
import { CONFIDENCE_SUM, DETECTIONS, INFERENCES, LATENCY_SUM, generateHour, slotCount } from './minutes';
import { spanRuns } from './span-runs';
import type { ModelPlan } from './timeline';
import { MedianWorkspace, weightedMedianOfRuns, type SortedRun } from './weighted-median';

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

/** Hours kept per model by default: five weeks, room for a 7-day window and its previous period, or a four-week replay. */
export const DEFAULT_HOURS_PER_MODEL = 24 * 7 * 5;

/** Keys are hour * MODEL_KEYS + model index: unique while a scenario has fewer models than this. */
const MODEL_KEYS = 2 ** 20;

/** About 15 KB per entry (one model's hour with its sorted runs): the default holds four models over five weeks. */
const DEFAULT_MAX_BLOCKS = 4 * DEFAULT_HOURS_PER_MODEL;

export class HourCache {
  private readonly hours = new Map<number, HourSummary>();

  constructor(private readonly maxBlocks = DEFAULT_MAX_BLOCKS) {}

  get(plan: ModelPlan, hour: number): HourSummary {
    // A number key is cheaper than a string, and a 7-day window looks up hundreds of hours.
    if (plan.index >= MODEL_KEYS) throw new RangeError(`HourCache: at most ${MODEL_KEYS} models`);
    const key = hour * MODEL_KEYS + plan.index;
    let summary = this.hours.get(key);
    if (summary === undefined) {
      summary = new HourSummary(generateHour(plan, hour));
      if (this.hours.size >= this.maxBlocks) {
        // Oldest first: Map iterates in insertion order. A sliding window leaves old hours behind.
        const oldest = this.hours.keys().next();
        if (oldest.done !== true) this.hours.delete(oldest.value);
      }
      this.hours.set(key, summary);
    }
    return summary;
  }

  get size(): number {
    return this.hours.size;
  }
}

export function aggregateModel(cache: HourCache, plan: ModelPlan, range: MinuteRange, withMedian: boolean): ModelTotals {
  const slots = slotCount(plan);
  const first = Math.max(range.first, plan.serving.first);
  const end = Math.min(range.end, plan.serving.end);
  // The window's hours in order, minutes [from, to) of each: only the first and the last can be partial.
  const blocks: HourSummary[] = [];
  const firstHour = Math.floor(first / 60);
  if (first < end) for (let hour = firstHour; hour * 60 < end; hour++) blocks.push(cache.get(plan, hour));
  const last = blocks.length - 1;
  const firstFrom = first - firstHour * 60;
  const lastTo = end - (firstHour + last) * 60;

  let errors = 0;
  for (let b = 0; b <= last; b++) {
    const block = blocks[b];
    if (block === undefined) continue;
    const from = b === 0 ? firstFrom : 0;
    const to = b === last ? lastTo : 60;
    if (from === 0 && to === 60) errors += block.errorTotal;
    else for (let i = from; i < to; i++) errors += block.errors[i] ?? 0;
  }

  const median = withMedian ? { work: new MedianWorkspace(), partial: [partialRun(), partialRun()] } : undefined;
  const slotTotals: SlotTotals[] = [];
  for (let slot = 0; slot < slots; slot++) {
    let inferences = 0;
    let detections = 0;
    const versions = new Set<number>();
    let lastVersion: number | undefined;
    const runs: SortedRun[] = [];
    for (let b = 0; b <= last; b++) {
      const block = blocks[b];
      if (block === undefined) continue;
      const from = b === 0 ? firstFrom : 0;
      const to = b === last ? lastTo : 60;
      if (from === 0 && to === 60) {
        // A whole hour: its totals are sums of integers, exact in any order.
        const hourInferences = block.inferenceTotals[slot] ?? 0;
        if (hourInferences === 0) continue;
        inferences += hourInferences;
        detections += block.detectionTotals[slot] ?? 0;
        for (const version of block.versions[slot] ?? []) {
          // Hours mostly repeat the version before: skip re-adding it (the set has it already).
          if (version !== lastVersion) versions.add(version);
          lastVersion = version;
        }
        continue;
      }
      let any = false;
      for (let i = from; i < to; i++) {
        const count = block.figures[block.at(i, slot, INFERENCES)] ?? 0;
        if (count === 0) continue;
        any = true;
        inferences += count;
        detections += block.figures[block.at(i, slot, DETECTIONS)] ?? 0;
        const version = block.version[i] ?? -1;
        if (version !== lastVersion) versions.add(version);
        lastVersion = version;
      }
      const into = median?.partial[b === 0 ? 0 : 1];
      if (any && into !== undefined) runs.push(partOfRun(block.run(slot), from, to, into));
    }
    let medianConfidence: number | null = null;
    if (median !== undefined && inferences > 0) {
      // Whole hours' samples come as runs over aligned spans; the partial hours' are in already.
      spanRuns((hour) => cache.get(plan, hour), Math.ceil(first / 60), Math.floor(end / 60), slot, runs);
      medianConfidence = weightedMedianOfRuns(runs, median.work);
    }
    const { confidenceSum, latencySum } = minuteSums(blocks, slot, firstFrom, lastTo);
    slotTotals.push({ inferences, detections, confidenceSum, latencySum, versions, medianConfidence });
  }
  return { errors, inferences: slotTotals.reduce((total, slot) => total + slot.inferences, 0), slots: slotTotals };
}

/**
 * A slot's confidence and response-time sums, minute by minute in time order, as floats must
 * be added for the same bits (one loop for both: two independent chains run faster than one).
 * Minutes without inferences hold zeros, and adding +0 to a sum that starts at +0 changes
 * nothing, so they need no test.
 */
function minuteSums(blocks: readonly HourSummary[], slot: number, firstFrom: number, lastTo: number): { confidenceSum: number; latencySum: number } {
  let confidenceSum = 0;
  let latencySum = 0;
  const last = blocks.length - 1;
  for (let b = 0; b <= last; b++) {
    const block = blocks[b];
    if (block === undefined) continue;
    const { figures, stride } = block;
    const stop = block.at(b === last ? lastTo : 60, slot, CONFIDENCE_SUM);
    for (let at = block.at(b === 0 ? firstFrom : 0, slot, CONFIDENCE_SUM); at < stop; at += stride) {
      confidenceSum += figures[at] ?? 0;
      latencySum += figures[at + LATENCY_SUM - CONFIDENCE_SUM] ?? 0;
    }
  }
  return { confidenceSum, latencySum };
}
