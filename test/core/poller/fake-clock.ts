// A Clock in simulated time: timers run only when a test advances the clock, in time order,
// and pending promise reactions are drained after each one, so a test reads like a timeline.
import type { Clock } from '../../../electron/core/poller';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly fn: () => void;
}

/** Lets every queued promise reaction run (setImmediate fires only once the microtask queue is empty). */
export const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  #nowMs: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(start: Date | number) {
    this.#nowMs = typeof start === 'number' ? start : start.getTime();
  }

  get nowMs(): number {
    return this.#nowMs;
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#nowMs + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the next timer is due, if any. */
  nextTimerAt(): number | undefined {
    return this.#next()?.at;
  }

  /** Moves time forward by `ms`, running each timer that falls due on the way at its own time. */
  async advance(ms: number): Promise<void> {
    const target = this.#nowMs + ms;
    await flushPromises();
    for (let timer = this.#next(); timer !== undefined && timer.at <= target; timer = this.#next()) {
      this.#timers.delete(timer.id);
      this.#nowMs = Math.max(this.#nowMs, timer.at);
      timer.fn();
      await flushPromises();
    }
    this.#nowMs = target;
    await flushPromises();
  }

  /** Advances to the next timer and runs it (and whatever falls due at the same time). */
  async runNext(): Promise<number> {
    const at = this.nextTimerAt();
    if (at === undefined) throw new Error('FakeClock: no timer pending');
    await this.advance(at - this.#nowMs);
    return at;
  }

  /** Sets the time without running timers (for driving pollOnce directly). */
  set(ms: number): void {
    this.#nowMs = ms;
  }

  #next(): Timer | undefined {
    let first: Timer | undefined;
    for (const timer of this.#timers.values()) if (first === undefined || timer.at < first.at) first = timer; // Map order breaks ties: first set runs first
    return first;
  }
}
