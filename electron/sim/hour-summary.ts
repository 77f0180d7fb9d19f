/**
 * One generated hour of one model, ready for window aggregation: whole-hour totals of the
 * counts and (on demand) each slot's per-minute mean confidences sorted for the median. A
 * window then adds whole hours at once wherever the result cannot depend on the order of
 * addition, and minute by minute where it can.
 */
import { CONFIDENCE_SUM, DETECTIONS, FIELDS_PER_SLOT, INFERENCES, type HourBlock } from './minutes';
import type { SortedRun } from './weighted-median';

/** A slot's sorted run, with the minute (0-59) of each value so that part of the hour can be picked. */
export interface MinuteRun extends SortedRun {
  minutes: Uint8Array;
}

export class HourSummary {
  readonly hour: number;
  readonly slotCount: number;
  /** Failed requests per minute, and their sum. */
  readonly errors: Float64Array;
  readonly errorTotal: number;
  /** Index into plan.versions of the version serving each minute; -1 when not serving. */
  readonly version: Int16Array;
  /** The block's [minute][slot][field] figures: see at(). */
  readonly figures: Float64Array;
  /** Distance in `figures` from one minute to the next. */
  readonly stride: number;
  /** Per slot: sums over the hour of the counts (integers, so exact in any order). */
  readonly inferenceTotals: Float64Array;
  readonly detectionTotals: Float64Array;
  /** Per slot: the versions that served its inferences, in the order first seen. */
  readonly versions: readonly (readonly number[])[];
  private readonly runs: (MinuteRun | undefined)[];
  /** Merged runs of the aligned spans of hours that start with this one (see span-runs.ts), by span and slot. */
  private spans: Map<number, SortedRun> | undefined;

  constructor(block: HourBlock) {
    const slots = block.slotCount;
    this.hour = block.hour;
    this.slotCount = slots;
    this.errors = block.errors;
    this.version = block.version;
    this.figures = block.figures;
    this.stride = slots * FIELDS_PER_SLOT;
    this.inferenceTotals = new Float64Array(slots);
    this.detectionTotals = new Float64Array(slots);
    const versions: number[][] = Array.from({ length: slots }, () => []);
    let errorTotal = 0;
    for (let i = 0; i < 60; i++) {
      errorTotal += block.errors[i] ?? 0;
      for (let slot = 0; slot < slots; slot++) {
        const inferences = this.figures[this.at(i, slot, INFERENCES)] ?? 0;
        if (inferences === 0) continue;
        this.inferenceTotals[slot] = (this.inferenceTotals[slot] ?? 0) + inferences;
        this.detectionTotals[slot] = (this.detectionTotals[slot] ?? 0) + (this.figures[this.at(i, slot, DETECTIONS)] ?? 0);
        const seen = versions[slot];
        const version = block.version[i] ?? -1;
        if (seen !== undefined && !seen.includes(version)) seen.push(version);
      }
    }
    this.errorTotal = errorTotal;
    this.versions = versions;
    this.runs = new Array<MinuteRun | undefined>(slots);
  }

  /** Where a minute's field of a slot is in `figures`. */
  at(minute: number, slot: number, field: number): number {
    return minute * this.stride + slot * FIELDS_PER_SLOT + field;
  }

  /**
   * The slot's minutes with inferences, sorted by mean confidence (confidence sum / detections,
   * the same division as a minute-by-minute scan), weighted by detections. Built on first use:
   * hours only ever seen as a previous period never need it.
   */
  run(slot: number): MinuteRun {
    let run = this.runs[slot];
    if (run === undefined) {
      run = this.buildRun(slot);
      this.runs[slot] = run;
    }
    return run;
  }

  /** The run of `slot` over the `hours` hours from this one, built by `build` on first use. */
  spanRun(hours: number, slot: number, build: () => SortedRun): SortedRun {
    this.spans ??= new Map();
    const key = hours * this.slotCount + slot;
    let run = this.spans.get(key);
    if (run === undefined) {
      run = build();
      this.spans.set(key, run);
    }
    return run;
  }

  private buildRun(slot: number): MinuteRun {
    const values = new Float64Array(60);
    const minutes = new Uint8Array(60);
    let n = 0;
    for (let i = 0; i < 60; i++) {
      if ((this.figures[this.at(i, slot, INFERENCES)] ?? 0) === 0) continue;
      const mean = (this.figures[this.at(i, slot, CONFIDENCE_SUM)] ?? 0) / (this.figures[this.at(i, slot, DETECTIONS)] ?? 0);
      // Insertion sort as the minutes come: 60 at most, and no comparator calls.
      let j = n++;
      for (; j > 0 && (values[j - 1] ?? 0) > mean; j--) {
        values[j] = values[j - 1] ?? 0;
        minutes[j] = minutes[j - 1] ?? 0;
      }
      values[j] = mean;
      minutes[j] = i;
    }
    const cumulative = new Float64Array(n + 1);
    for (let j = 0; j < n; j++) {
      cumulative[j + 1] = (cumulative[j] ?? 0) + (this.figures[this.at(minutes[j] ?? 0, slot, DETECTIONS)] ?? 0);
    }
    return { values: values.slice(0, n), cumulative, length: n, minutes: minutes.slice(0, n) };
  }
}

/** A run to fill with part of an hour: room for all its minutes. */
export function partialRun(): SortedRun {
  return { values: new Float64Array(60), cumulative: new Float64Array(61), length: 0 };
}

/** Fills `into` with the part of `run` whose minutes fall in [from, to): still sorted, weights re-accumulated. */
export function partOfRun(run: MinuteRun, from: number, to: number, into: SortedRun): SortedRun {
  let kept = 0;
  for (let j = 0; j < run.length; j++) {
    const minute = run.minutes[j] ?? 0;
    if (minute < from || minute >= to) continue;
    into.values[kept] = run.values[j] ?? 0;
    into.cumulative[kept + 1] = (into.cumulative[kept] ?? 0) + ((run.cumulative[j + 1] ?? 0) - (run.cumulative[j] ?? 0));
    kept++;
  }
  into.length = kept;
  return into;
}
