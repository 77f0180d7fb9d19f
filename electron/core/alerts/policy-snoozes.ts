// The snoozes the user asked for: which (rule, model) pairs stay silent, and until when.
import type { AlertKey, RuleName } from './types';

/**
 * Silences one rule on one model (model null: the rule's workspace alert, e.g.
 * MonitorUnavailable; it is not a wildcard over models). Every class of the model is covered.
 */
export interface Snooze {
  readonly rule: RuleName;
  readonly model: string | null;
  /** Silent while `at` < until; null = until the pair's alert resolves. */
  readonly until: Date | null;
}

export function pairId(rule: RuleName, model: string | null): string {
  return JSON.stringify([rule, model]);
}

export function keyPairId(key: AlertKey): string {
  return pairId(key.rule, key.model);
}

export class SnoozeBook {
  private readonly byPair = new Map<string, Snooze>();

  constructor(initial: readonly Snooze[] = []) {
    for (const snooze of initial) this.add(snooze);
  }

  /** A second snooze of the same pair replaces the first. */
  add(snooze: Snooze): void {
    if (snooze.until !== null && !(snooze.until instanceof Date && Number.isFinite(snooze.until.getTime()))) {
      throw new RangeError(`snooze until must be a valid Date or null (got ${String(snooze.until)}).`);
    }
    this.byPair.set(pairId(snooze.rule, snooze.model), { rule: snooze.rule, model: snooze.model, until: snooze.until });
  }

  remove(rule: RuleName, model: string | null): void {
    this.byPair.delete(pairId(rule, model));
  }

  /** Snoozes in force at `atMs`; expired timed ones are forgotten. */
  inForce(atMs: number): Snooze[] {
    for (const [id, snooze] of this.byPair) {
      if (snooze.until !== null && atMs >= snooze.until.getTime()) this.byPair.delete(id);
    }
    return [...this.byPair.values()];
  }

  /**
   * Ends until-resolved snoozes of pairs that had an alert resolve, once none of the pair's
   * alerts (another class, say) is still firing: "until it resolves" means the whole problem.
   */
  endResolved(resolvedPairs: ReadonlySet<string>, firingPairs: ReadonlySet<string>): void {
    for (const [id, snooze] of this.byPair) {
      if (snooze.until === null && resolvedPairs.has(id) && !firingPairs.has(id)) this.byPair.delete(id);
    }
  }
}
