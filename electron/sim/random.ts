/**
 * Seeded, hash-based randomness. Every stream is keyed by a string (seed, model, class,
 * purpose) and a minute index, so any minute can be regenerated alone and always yields
 * the same numbers: that is what makes overlapping windows agree.
 */

/** FNV-1a over UTF-16 code units, finished with murmur3's avalanche. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3 finaliser: spreads every input bit over the whole word. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a stream key with a minute index into the 32-bit state of one minute's stream. */
export function streamSeed(key: number, minute: number): number {
  return fmix32(key ^ fmix32(Math.imul(minute >>> 0, 0x9e3779b1) + 0x7f4a7c15));
}

/** A uniform generator on [0, 1). */
export type Uniform = () => number;

/** mulberry32: tiny, fast, and good enough for simulated traffic. */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one stream key at one minute. */
export function minuteRandom(key: number, minute: number): Uniform {
  return mulberry32(streamSeed(key, minute));
}

/** Standard normal deviate (Box-Muller; one of the pair is dropped to keep streams simple). */
export function normal(random: Uniform): number {
  const u = 1 - random(); // (0, 1]: log stays finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson deviate: exact inversion (one uniform) for small means, normal approximation above. */
export function poisson(random: Uniform, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const u = random();
    let k = 0;
    let probability = Math.exp(-mean);
    let cumulative = probability;
    // The k < 1000 bound only guards against rounding leaving u above the last cumulative sum.
    while (u > cumulative && k < 1000) {
      k++;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
}

/** Binomial deviate: exact inversion (one uniform) for small means, normal approximation above. */
export function binomial(random: Uniform, trials: number, probability: number): number {
  if (trials <= 0 || probability <= 0) return 0;
  if (probability >= 1) return trials;
  // Draw the rarer outcome, so that the inversion stays short and (1 - p)^n cannot underflow.
  if (probability > 0.5) return trials - binomial(random, trials, 1 - probability);
  const mean = trials * probability;
  if (mean < 30) {
    const u = random();
    const odds = probability / (1 - probability);
    let k = 0;
    let term = Math.pow(1 - probability, trials);
    let cumulative = term;
    while (u > cumulative && k < trials) {
      term *= (odds * (trials - k)) / (k + 1);
      k++;
      cumulative += term;
    }
    return k;
  }
  const draw = Math.round(mean + Math.sqrt(mean * (1 - probability)) * normal(random));
  return Math.min(trials, Math.max(0, draw));
}
