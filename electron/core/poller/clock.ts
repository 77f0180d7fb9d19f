// Time and timers as a parameter, so the poller runs in simulated time in tests and in real
// time in the app and the CLI.

export interface Clock {
  now(): Date;
  /** Runs `fn` once after `ms`; returns a handle for clearTimeout. */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time. A pending poll keeps the process alive (as `pulsebar watch` wants) until stop(). */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
