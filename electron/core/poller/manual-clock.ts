// A Clock whose time moves only when told: `pulsebar replay` runs weeks of polls in seconds by
// jumping from one timer to the next (nothing sleeps).
import type { Clock } from './clock';

interface Timer {
  readonly at: number;
  readonly fn: () => void;
}

export class ManualClock implements Clock {
  #nowMs: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  constructor(startMs: number) {
    this.#nowMs = startMs;
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#nowMs + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** When the next timer is due, or undefined when none is set. */
  nextAt(): number | undefined {
    let first: number | undefined;
    for (const timer of this.#timers.values()) if (first === undefined || timer.at < first) first = timer.at;
    return first;
  }

  /** Moves time to the next timer and runs it (the earliest set first on a tie); false when none is set. */
  fireNext(): boolean {
    let next: [number, Timer] | undefined;
    for (const entry of this.#timers) if (next === undefined || entry[1].at < next[1].at) next = entry;
    if (next === undefined) return false;
    this.#timers.delete(next[0]);
    this.#nowMs = Math.max(this.#nowMs, next[1].at);
    next[1].fn();
    return true;
  }
}
