// When the next poll runs. Pure, so the back-off policy is tested on its own.
import { MINUTE_MS } from '../time';

export const DEFAULT_INTERVAL_MINUTES = 5;
export const MIN_INTERVAL_MINUTES = 1;
/** ±10 %: many Pulsebars started together (after an outage, at login) drift apart. */
export const JITTER = 0.1;
/** Back-off never waits longer than this (unless the interval itself is longer). */
export const MAX_BACKOFF_MS = 30 * MINUTE_MS;

export interface DelayInput {
  readonly intervalMs: number;
  /** Failed polls in a row, the one just finished included; 0 after a success. */
  readonly consecutiveFailures: number;
  /** The server's Retry-After from the poll just finished, if any. */
  readonly retryAfterSeconds?: number | undefined;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

/**
 * The interval after a success; after the n-th failure in a row, interval × 2^(n-1) (5, 10,
 * 20 … minutes). Jitter applies to both; a Retry-After is a floor; back-off is capped at
 * 30 min, and so is a Retry-After beyond it (a bogus date must not stop polling for days; a
 * server still limiting costs one request per half hour).
 */
export function nextPollDelayMs(input: DelayInput): number {
  const { intervalMs, consecutiveFailures, retryAfterSeconds, random } = input;
  const doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 16); // 2^16 intervals is past any cap
  const base = intervalMs * 2 ** doublings;
  const jittered = base * (1 + JITTER * (2 * clampUnit(random()) - 1));
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  const cap = Math.max(MAX_BACKOFF_MS, intervalMs);
  const delay = consecutiveFailures === 0 && floor === 0 ? jittered : Math.min(Math.max(jittered, floor), cap);
  return Math.max(0, Math.round(delay));
}

/** A random source outside [0, 1) must not turn into a negative or huge delay. */
function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
}
