import { describe, expect, it } from 'vitest';
import { nextPollDelayMs } from '../../../electron/core/poller/schedule';

const MIN = 60_000;
const interval = 5 * MIN;
const mid = () => 0.5; // no jitter

describe('nextPollDelayMs', () => {
  it('after a success: the interval, jittered by at most ±10 %', () => {
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 0, random: mid })).toBe(interval);
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 0, random: () => 0 })).toBe(0.9 * interval);
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 0, random: () => 0.999999 })).toBeCloseTo(1.1 * interval, -1);
  });

  it('after failures: 5, 10, 20 min … capped at 30 min', () => {
    const delays = [1, 2, 3, 4, 5, 30].map((n) => nextPollDelayMs({ intervalMs: interval, consecutiveFailures: n, random: mid }) / MIN);
    expect(delays).toEqual([5, 10, 20, 30, 30, 30]);
  });

  it('Retry-After is a floor when longer than the back-off, and is capped too', () => {
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 1, retryAfterSeconds: 120, random: mid })).toBe(5 * MIN);
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 1, retryAfterSeconds: 900, random: mid })).toBe(15 * MIN);
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 1, retryAfterSeconds: 900, random: () => 0 })).toBe(15 * MIN);
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 1, retryAfterSeconds: 86_400, random: mid })).toBe(30 * MIN);
    // After a good poll whose hourly fetch was rate-limited.
    expect(nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 0, retryAfterSeconds: 600, random: mid })).toBe(10 * MIN);
  });

  it('an interval longer than the cap is still the interval', () => {
    expect(nextPollDelayMs({ intervalMs: 60 * MIN, consecutiveFailures: 3, random: mid })).toBe(60 * MIN);
  });

  it('a random source out of range cannot make the delay negative or unbounded', () => {
    for (const value of [-5, 7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const delay = nextPollDelayMs({ intervalMs: interval, consecutiveFailures: 0, random: () => value });
      expect(delay).toBeGreaterThanOrEqual(0.9 * interval);
      expect(delay).toBeLessThanOrEqual(1.1 * interval);
    }
  });
});
