import { describe, expect, it } from 'vitest';
import { binomial, hashString, minuteRandom, mulberry32, normal, poisson } from '../../electron/sim/random';

const draws = (count: number, draw: (i: number) => number) => Array.from({ length: count }, (_, i) => draw(i));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('seeded streams', () => {
  it('give the same numbers for the same key and minute, different ones otherwise', () => {
    const key = hashString('42\u0000hard-hat-sample-8j2w3\u0000model');
    const a = minuteRandom(key, 29_000_000);
    const b = minuteRandom(key, 29_000_000);
    const firstA = draws(5, () => a());
    expect(draws(5, () => b())).toEqual(firstA);
    const nextMinute = minuteRandom(key, 29_000_001);
    expect(draws(5, () => nextMinute())).not.toEqual(firstA);
    expect(hashString('a')).not.toBe(hashString('b'));
  });

  it('are uniform on [0, 1)', () => {
    const random = mulberry32(1);
    const values = draws(20_000, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 1);
  });

  it('draw Poisson, binomial and normal deviates with the right means', () => {
    const random = mulberry32(2);
    expect(mean(draws(5000, () => poisson(random, 3)))).toBeCloseTo(3, 0);
    expect(mean(draws(5000, () => poisson(random, 80))) / 80).toBeCloseTo(1, 1);
    expect(mean(draws(5000, () => binomial(random, 40, 0.25)))).toBeCloseTo(10, 0);
    expect(mean(draws(5000, () => binomial(random, 1000, 0.3))) / 300).toBeCloseTo(1, 1);
    expect(mean(draws(5000, () => normal(random)))).toBeCloseTo(0, 1);
  });

  it('keep binomial draws within [0, n]', () => {
    const random = mulberry32(3);
    for (const [n, p] of [[0, 0.5], [10, 0], [10, 1], [100, 0.001], [100, 0.999], [5000, 0.5]] as const) {
      for (let i = 0; i < 200; i++) {
        const k = binomial(random, n, p);
        expect(Number.isInteger(k)).toBe(true);
        expect(k).toBeGreaterThanOrEqual(0);
        expect(k).toBeLessThanOrEqual(n);
      }
    }
    expect(poisson(random, 0)).toBe(0);
  });
});
