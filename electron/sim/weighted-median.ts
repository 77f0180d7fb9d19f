/**
 * The exact weighted median of values held in several sorted runs (a window's cached hours),
 * found without merging them: each round counts the weight below a pivot by binary search
 * in every run and drops the side that cannot hold the median.
 *
 * The median is the smallest value v with W(≤ v) ≥ total / 2, W being the weight of the
 * values ≤ v. That depends only on the multiset of (value, weight) pairs, not on their order,
 * as long as weights add up exactly: here they are detection counts, integers far below 2^53,
 * so any order of addition gives the same sums as a minute-by-minute scan.
 */

export interface SortedRun {
  /** values[0..length), ascending (the arrays may be longer: reused buffers). */
  values: Float64Array;
  /** cumulative[j] is the weight of values[0..j), for j up to length; cumulative[0] = 0. */
  cumulative: Float64Array;
  length: number;
}

/** Below this many candidates left, walking through them in order beats more rounds. */
const FEW = 32;

/** Buffers for one median at a time, reused across slots and calls (sized by the number of runs). */
export class MedianWorkspace {
  lo = new Int32Array(0);
  hi = new Int32Array(0);
  lessAt = new Int32Array(0);
  atMostAt = new Int32Array(0);
  keys = new Float64Array(0);
  weights = new Float64Array(0);

  fit(runs: number): void {
    if (this.lo.length >= runs) return;
    const size = Math.max(runs, 2 * this.lo.length, 16);
    this.lo = new Int32Array(size);
    this.hi = new Int32Array(size);
    this.lessAt = new Int32Array(size);
    this.atMostAt = new Int32Array(size);
    this.keys = new Float64Array(size);
    this.weights = new Float64Array(size);
  }
}

export function weightedMedianOfRuns(runs: readonly SortedRun[], work: MedianWorkspace = new MedianWorkspace()): number | null {
  const k = runs.length;
  work.fit(k);
  // Each run's candidates are [lo, hi); the weight of everything dropped below is `below`.
  const { lo, hi, lessAt, atMostAt } = work;
  let total = 0;
  let left = 0;
  let active = 0;
  for (let r = 0; r < k; r++) {
    const run = runs[r];
    const length = run?.length ?? 0;
    lo[r] = 0;
    hi[r] = length;
    total += run?.cumulative[length] ?? 0;
    left += length;
    if (length > 0) active++;
  }
  if (left === 0) return null;
  const half = total / 2;
  let below = 0;
  let above = 0;
  let guessing = true;

  while (left > FEW && active > 1) {
    // Guess where the median is among the candidates (fast when the runs look alike); after a
    // guess that dropped little, take the midpoint pivot, which always drops a quarter.
    const pivot = guessing ? quantilePivot(runs, work, (half - below) / (total - below - above)) : midpointPivot(runs, work, left);
    // Weight of the values < pivot and <= pivot, on top of what was dropped below.
    let less = below;
    let atMost = below;
    for (let r = 0; r < k; r++) {
      const run = runs[r];
      const from = lo[r] ?? 0;
      const to = hi[r] ?? 0;
      if (run === undefined || from === to) continue;
      const l = lowerBound(run.values, pivot, from, to);
      const u = upperBound(run.values, pivot, l, to);
      lessAt[r] = l;
      atMostAt[r] = u;
      const base = run.cumulative[from] ?? 0;
      less += (run.cumulative[l] ?? 0) - base;
      atMost += (run.cumulative[u] ?? 0) - base;
    }
    if (less < half && atMost >= half) return pivot;
    const before = left;
    left = 0;
    active = 0;
    const up = atMost < half;
    if (up) below = atMost; // the median is above the pivot: drop everything up to it
    else above = total - less; // below it: drop the pivot and everything above
    for (let r = 0; r < k; r++) {
      if (lo[r] === hi[r]) continue;
      if (up) lo[r] = atMostAt[r] ?? 0;
      else hi[r] = lessAt[r] ?? 0;
      const size = (hi[r] ?? 0) - (lo[r] ?? 0);
      left += size;
      if (size > 0) active++;
    }
    guessing = 4 * left <= 3 * before;
  }
  return active === 1 ? withinOneRun(runs, lo, hi, below, half) : walkInOrder(runs, lo, hi, below, half);
}

/** The median when one run holds all the candidates left: a binary search on its weights. */
function withinOneRun(runs: readonly SortedRun[], lo: Int32Array, hi: Int32Array, below: number, half: number): number | null {
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const from = lo[r] ?? 0;
    const to = hi[r] ?? 0;
    if (run === undefined || from === to) continue;
    // First j with below + weight of [from, j] >= half, i.e. cumulative[j + 1] >= half - below + cumulative[from].
    const need = half - below + (run.cumulative[from] ?? 0);
    const j = Math.min(to - 1, lowerBound(run.cumulative, need, from + 1, to + 1) - 1);
    return run.values[j] ?? null;
  }
  return null;
}

/** The median among few candidates: take them in ascending order, adding weights from `below`. */
function walkInOrder(runs: readonly SortedRun[], lo: Int32Array, hi: Int32Array, below: number, half: number): number | null {
  let cumulative = below;
  let last: number | null = null;
  for (;;) {
    let next = -1;
    let smallest = Number.POSITIVE_INFINITY;
    for (let r = 0; r < runs.length; r++) {
      const from = lo[r] ?? 0;
      if (from === hi[r]) continue;
      const value = runs[r]?.values[from] ?? 0;
      if (next === -1 || value < smallest) {
        next = r;
        smallest = value;
      }
    }
    const run = runs[next];
    if (run === undefined) return last;
    const j = lo[next] ?? 0;
    lo[next] = j + 1;
    cumulative += (run.cumulative[j + 1] ?? 0) - (run.cumulative[j] ?? 0);
    last = smallest;
    if (cumulative >= half) return smallest;
  }
}

/**
 * The count-weighted median of the runs' middle candidates: the runs whose middle is at most
 * the pivot hold half of the candidates or more, and half of theirs are at most the pivot
 * (likewise at least), so a round with this pivot drops a quarter of the candidates or more.
 */
function midpointPivot(runs: readonly SortedRun[], work: MedianWorkspace, left: number): number {
  const { lo, hi, keys, weights } = work;
  let m = 0;
  for (let r = 0; r < runs.length; r++) {
    const from = lo[r] ?? 0;
    const to = hi[r] ?? 0;
    if (from === to) continue;
    keys[m] = runs[r]?.values[from + ((to - from - 1) >> 1)] ?? 0;
    weights[m] = to - from;
    m++;
  }
  return weightedSelect(keys, weights, m, left / 2);
}

/**
 * Each run's candidate at `fraction` of its candidates' weight, then the weight-weighted
 * quantile of those: close to the median when the runs are alike, as a window's hours are.
 */
function quantilePivot(runs: readonly SortedRun[], work: MedianWorkspace, fraction: number): number {
  const { lo, hi, keys, weights } = work;
  let m = 0;
  let weight = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const from = lo[r] ?? 0;
    const to = hi[r] ?? 0;
    if (run === undefined || from === to) continue;
    const base = run.cumulative[from] ?? 0;
    const own = (run.cumulative[to] ?? 0) - base;
    // First j with cumulative[j + 1] >= base + fraction * own, within [from, to).
    const j = Math.min(to - 1, lowerBound(run.cumulative, base + fraction * own, from + 1, to + 1) - 1);
    keys[m] = run.values[j] ?? 0;
    weights[m] = own;
    weight += own;
    m++;
  }
  return weightedSelect(keys, weights, m, fraction * weight);
}

/**
 * The smallest of keys[0..m) at which the weight of the keys at most it reaches `target`
 * (the largest key when none does). Quickselect: reorders keys and weights in place.
 */
function weightedSelect(keys: Float64Array, weights: Float64Array, m: number, target: number): number {
  let from = 0;
  let to = m;
  let under = 0;
  while (to - from > 1) {
    const pivot = keys[from + ((to - from) >> 1)] ?? 0;
    // Three-way partition: [from, lt) < pivot, [lt, gt) = pivot, [gt, to) > pivot.
    let lt = from;
    let gt = to;
    let i = from;
    let lessWeight = 0;
    let equalWeight = 0;
    while (i < gt) {
      const key = keys[i] ?? 0;
      if (key < pivot) {
        lessWeight += weights[i] ?? 0;
        swap(keys, weights, i++, lt++);
      } else if (key > pivot) {
        swap(keys, weights, i, --gt);
      } else {
        equalWeight += weights[i] ?? 0;
        i++;
      }
    }
    if (lt > from && under + lessWeight >= target) {
      to = lt;
    } else if (under + lessWeight + equalWeight >= target || gt === to) {
      return pivot;
    } else {
      under += lessWeight + equalWeight;
      from = gt;
    }
  }
  return keys[from] ?? 0;
}

function swap(keys: Float64Array, weights: Float64Array, a: number, b: number): void {
  const key = keys[a] ?? 0;
  keys[a] = keys[b] ?? 0;
  keys[b] = key;
  const weight = weights[a] ?? 0;
  weights[a] = weights[b] ?? 0;
  weights[b] = weight;
}

/** First index in [from, to) whose value is >= x (to when none). */
function lowerBound(values: Float64Array, x: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if ((values[mid] ?? 0) < x) from = mid + 1;
    else to = mid;
  }
  return from;
}

/** First index in [from, to) whose value is > x (to when none). */
function upperBound(values: Float64Array, x: number, from: number, to: number): number {
  while (from < to) {
    const mid = (from + to) >>> 1;
    if ((values[mid] ?? 0) <= x) from = mid + 1;
    else to = mid;
  }
  return from;
}
