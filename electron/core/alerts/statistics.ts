// The statistics behind the alert rules: small pure functions with no dependencies, so that each
// rule's arithmetic can be checked against textbook values on its own.
//
// Bad *data* (a count that cannot be a proportion, an empty sample) gives null, which a rule reads
// as "too little data to say"; a bad *argument* from the calling code (a negative degrees of
// freedom, arrays of different lengths) throws a RangeError.

/**
 * How far a count is above what a Poisson rate predicts, in standard deviations:
 * z = (observed − expected) / √expected.
 * Null when expected ≤ 0 or either figure is not finite (no rate to compare with).
 */
export function poissonZ(observed: number, expected: number): number | null {
  if (!Number.isFinite(observed) || !Number.isFinite(expected) || expected <= 0) return null;
  return (observed - expected) / Math.sqrt(expected);
}

/**
 * Pooled two-proportion z for p1 = x1/n1 being higher than p2 = x2/n2:
 * p = (x1 + x2) / (n1 + n2), z = (p1 − p2) / √(p·(1 − p)·(1/n1 + 1/n2)); positive when p1 > p2.
 * Null when n1 or n2 is 0, when the pooled proportion is 0 or 1 (no variance to scale by), or when
 * the figures are not proportions (x outside 0..n, not finite).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number | null {
  if (!isProportion(x1, n1) || !isProportion(x2, n2)) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled <= 0 || pooled >= 1) return null;
  return (x1 / n1 - x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
}

function isProportion(x: number, n: number): boolean {
  return Number.isFinite(x) && Number.isFinite(n) && n > 0 && x >= 0 && x <= n;
}

/**
 * P(X ≥ x) for X chi-square with df degrees of freedom: the regularized upper incomplete gamma
 * Q(df/2, x/2) = Γ(df/2, x/2) / Γ(df/2). 1 for x ≤ 0, 0 for x = ∞.
 * Accurate to better than 1e-12 relative, down to p ≈ 1e-300 (computed in log space, so the
 * prefactor does not underflow before the result does); below the doubles' range it gives 0.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(Number.isFinite(df) && df > 0)) throw new RangeError(`df must be a positive number (got ${df}).`);
  if (Number.isNaN(x)) throw new RangeError('x must be a number (got NaN).');
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return regularizedGammaQ(df / 2, x / 2);
}

const MAX_ITERATIONS = 100_000;
const EPSILON = Number.EPSILON;
/** Lentz's guard against a zero denominator. */
const TINY = 1e-300;

/** Q(a, x) = 1 − P(a, x), for a > 0 and finite x > 0. */
function regularizedGammaQ(a: number, x: number): number {
  // The series converges fast below a + 1, the continued fraction above: Numerical Recipes §6.2.
  return x < a + 1 ? 1 - lowerGammaSeries(a, x) : upperGammaContinuedFraction(a, x);
}

/** P(a, x) = e^(−x)·x^a / Γ(a) · Σₙ xⁿ / (a·(a+1)···(a+n)). */
function lowerGammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a) + Math.log(sum));
}

/**
 * Q(a, x) = e^(−x)·x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ···))),
 * evaluated by the modified Lentz method.
 */
function upperGammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a) + Math.log(fraction));
}

/** Lanczos coefficients for g = 7, n = 9: about 15 significant digits over the positive reals. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln Γ(z) for z > 0 by the Lanczos approximation:
 * Γ(z+1) = √(2π)·t^(z+½)·e^(−t)·A(z), t = z + g + ½, A(z) = c₀ + Σₖ cₖ/(z+k);
 * below ½ through the reflection Γ(z)·Γ(1−z) = π / sin(πz).
 */
function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const shifted = z - 1;
  let series = LANCZOS[0];
  for (let k = 1; k < LANCZOS.length; k++) series += (LANCZOS[k] ?? 0) / (shifted + k);
  const t = shifted + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * A share below this is taken as a class never seen in the baseline, and raised to it: a class
 * that was never seen and now appears is a shift, which a share of exactly 0 would turn into a
 * division by zero rather than into a strong rejection.
 */
const UNSEEN_SHARE = 1e-6;

export interface GoodnessOfFit {
  /** Pearson's Σ (O − E)² / E over the categories tested. */
  readonly statistic: number;
  /** categories − 1. */
  readonly df: number;
  /** P(χ²(df) ≥ statistic): small when the observed mix does not fit the expected shares. */
  readonly p: number;
  /** How many categories were tested, after merging the small ones. */
  readonly categories: number;
}

/**
 * Pearson's chi-square goodness of fit of observed counts to expected shares:
 * E_i = share_i / Σ share · Σ observed, statistic = Σ (O_i − E_i)² / E_i, df = categories − 1,
 * p = chiSquareSurvival(statistic, df).
 *
 * The approximation needs expected counts of about 5 or more, so categories expected below
 * `minExpected` are pooled into one; if the pool is itself still below it, it is merged into the
 * smallest remaining category. Categories never seen in the baseline (share below 1e-6) that hold
 * observations are kept apart, at a share of 1e-6: pooled, a new class would be diluted into the
 * noise of the others, and its appearance is exactly the shift the test is for. Unseen categories
 * with no observations say nothing and are left out.
 *
 * Null when nothing was observed, when the shares are invalid (negative, not finite, all 0),
 * when an observed count is negative or not finite, or when fewer than 2 categories remain.
 * Throws a RangeError when the arrays differ in length or minExpected is negative.
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expectedShares: readonly number[], minExpected = 5): GoodnessOfFit | null {
  if (observed.length !== expectedShares.length) {
    throw new RangeError(`observed and expectedShares must have the same length (got ${observed.length} and ${expectedShares.length}).`);
  }
  if (!(minExpected >= 0)) throw new RangeError(`minExpected must be 0 or more (got ${minExpected}).`);
  if (!observed.every((count) => Number.isFinite(count) && count >= 0)) return null;
  const total = sum(observed);
  if (total <= 0) return null;
  const shares = normalise(expectedShares);
  if (shares === null) return null;

  // Each category as [observed, share], unseen ones raised to the floor (and kept apart).
  const unseen: [number, number][] = [];
  const seen: [number, number][] = [];
  shares.forEach((share, i) => {
    const count = observed[i] ?? 0;
    if (share >= UNSEEN_SHARE) seen.push([count, share]);
    else if (count > 0) unseen.push([count, UNSEEN_SHARE]);
  });
  const shareTotal = sum(seen.map(([, share]) => share)) + sum(unseen.map(([, share]) => share));
  const toCell = ([count, share]: [number, number]): Cell => ({ observed: count, expected: (share / shareTotal) * total });

  const cells = mergeSmall(seen.map(toCell), minExpected);
  cells.push(...unseen.map(toCell));
  if (cells.length < 2) return null;
  const statistic = sum(cells.map((cell) => (cell.observed - cell.expected) ** 2 / cell.expected));
  const df = cells.length - 1;
  return { statistic, df, p: chiSquareSurvival(statistic, df), categories: cells.length };
}

interface Cell {
  observed: number;
  expected: number;
}

/** Pools the cells expected below `minExpected`; a pool still below it joins the smallest other cell. */
function mergeSmall(cells: readonly Cell[], minExpected: number): Cell[] {
  const large = cells.filter((cell) => cell.expected >= minExpected).map((cell) => ({ ...cell }));
  const small = cells.filter((cell) => cell.expected < minExpected);
  if (small.length === 0) return large;
  const pool: Cell = { observed: sum(small.map((cell) => cell.observed)), expected: sum(small.map((cell) => cell.expected)) };
  const smallest = large.reduce<Cell | undefined>((least, cell) => (least === undefined || cell.expected < least.expected ? cell : least), undefined);
  if (pool.expected >= minExpected || smallest === undefined) return [...large, pool];
  smallest.observed += pool.observed;
  smallest.expected += pool.expected;
  return large;
}

/**
 * Population stability index of an actual mix against an expected one:
 * PSI = Σ (a_i − e_i)·ln(a_i / e_i), with both vectors normalised to sum 1, floored at `floor`
 * and normalised again, so that a category empty on one side gives a large term, not infinity.
 * 0 for identical mixes; by convention under 0.1 is stable, above 0.25 a major shift.
 * Throws a RangeError when the lengths differ, a share is negative or not finite, a vector sums
 * to 0, or floor is not in (0, 1).
 */
export function populationStabilityIndex(actualShares: readonly number[], expectedShares: readonly number[], floor = 1e-4): number {
  if (actualShares.length !== expectedShares.length) {
    throw new RangeError(`actualShares and expectedShares must have the same length (got ${actualShares.length} and ${expectedShares.length}).`);
  }
  if (!(floor > 0 && floor < 1)) throw new RangeError(`floor must be a number from 0 to 1, both excluded (got ${floor}).`);
  const actual = flooredShares(actualShares, floor, 'actualShares');
  const expected = flooredShares(expectedShares, floor, 'expectedShares');
  let index = 0;
  actual.forEach((a, i) => {
    const e = expected[i] ?? floor;
    index += (a - e) * Math.log(a / e);
  });
  return index;
}

function flooredShares(shares: readonly number[], floor: number, name: string): number[] {
  const normalised = normalise(shares);
  if (normalised === null) throw new RangeError(`${name} must be numbers, 0 or more, with a sum above 0.`);
  return normalise(normalised.map((share) => Math.max(share, floor))) ?? normalised;
}

/** The shares scaled to sum 1; null when one is negative or not finite, or they sum to 0. */
function normalise(shares: readonly number[]): number[] | null {
  if (!shares.every((share) => Number.isFinite(share) && share >= 0)) return null;
  const total = sum(shares);
  return total > 0 && Number.isFinite(total) ? shares.map((share) => share / total) : null;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The middle value (the mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** MAD = median(|x_i − median(x)|), raw (not scaled to a standard deviation); null when empty. */
export function medianAbsoluteDeviation(values: readonly number[]): number | null {
  const centre = median(values);
  return centre === null ? null : median(values.map((value) => Math.abs(value - centre)));
}

/** 1 / Φ⁻¹(¾): scales a MAD to the standard deviation of normal data. */
const MAD_TO_SD = 1.4826;

/**
 * How unusual a value is against a sample, robust to outliers in the sample:
 * z = (value − median) / max(1.4826·MAD, minScale). `minScale` keeps a flat sample (MAD 0) from
 * making any small wobble infinitely unusual; it must be above 0. Null when the sample is empty.
 */
export function robustZ(value: number, sample: readonly number[], minScale: number): number | null {
  if (!(minScale > 0)) throw new RangeError(`minScale must be above 0 (got ${minScale}).`);
  const centre = median(sample);
  const mad = medianAbsoluteDeviation(sample);
  if (centre === null || mad === null) return null;
  return (value - centre) / Math.max(MAD_TO_SD * mad, minScale);
}

/** One step of an exponentially weighted moving average: λ·observation + (1 − λ)·previous, λ in (0, 1]. */
export function ewmaStep(previous: number, observation: number, lambda: number): number {
  requireLambda(lambda);
  return lambda * observation + (1 - lambda) * previous;
}

/**
 * The EWMA chart's upper control limit once it has settled: mean + width·sd·√(λ / (2 − λ)).
 * The asymptotic limit rather than the exact one for step t, which is tighter early on: the
 * rules start their EWMA from a long baseline, so the early steps are not the ones that matter.
 */
export function ewmaUpperLimit(mean: number, sd: number, lambda: number, width: number): number {
  requireLambda(lambda);
  return mean + width * sd * Math.sqrt(lambda / (2 - lambda));
}

function requireLambda(lambda: number): void {
  if (!(lambda > 0 && lambda <= 1)) throw new RangeError(`lambda must be a number from 0 (excluded) to 1 (got ${lambda}).`);
}
