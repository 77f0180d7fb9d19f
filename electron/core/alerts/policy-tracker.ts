// What the policy remembers about each firing alert between polls, kept in step with the
// lifecycle's events and its list of active alerts.
import type { PolicyInput } from './policy';
import { keyPairId } from './policy-snoozes';
import { alertKeyId, type AlertKey, type Severity } from './types';

export interface TrackedAlert {
  readonly id: string;
  readonly key: AlertKey;
  severity: Severity;
  message: string;
  readonly startedAt: Date;
  flapping: boolean;
  /** When the user was last told it is firing (alert, repeat or digest); null = never. */
  notifiedAt: Date | null;
  repeats: number;
  /**
   * It fired, or was still untold, while its model had no traffic: a traffic drop or an error
   * rate over the silent hour is the silence's echo, so it is never told (the silence was).
   */
  echo: boolean;
  /** It would have been sent during quiet hours: the next digest tells of it even if it resolves first. */
  heldInQuiet: boolean;
}

/** An alert instance that ended at this poll. */
export interface ClosedAlert {
  readonly alert: TrackedAlert;
  readonly resolvedAt: Date;
}

export interface PollChanges {
  readonly closed: readonly ClosedAlert[];
  /** (rule, model) pairs with an alert that resolved at this poll. */
  readonly resolvedPairs: ReadonlySet<string>;
  /** (rule, model) pairs with an alert firing after this poll. */
  readonly firingPairs: ReadonlySet<string>;
}

/**
 * Applies one poll to `tracked` (alert id → instance). Events are applied in time order; then
 * `active` is authoritative: an active alert not tracked yet starts an instance, and a tracked
 * one missing from `active` is closed at `input.at` even if its resolved event went missing.
 */
export function applyPoll(tracked: Map<string, TrackedAlert>, input: PolicyInput): PollChanges {
  const closed: ClosedAlert[] = [];
  const resolvedPairs = new Set<string>();
  const close = (alert: TrackedAlert, resolvedAt: Date): void => {
    tracked.delete(alert.id);
    closed.push({ alert, resolvedAt });
    resolvedPairs.add(keyPairId(alert.key));
  };

  const events = [...input.events].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const event of events) {
    const id = alertKeyId(event.key);
    const current = tracked.get(id);
    if (event.event === 'resolved') {
      if (current) close(current, event.at);
      else resolvedPairs.add(keyPairId(event.key)); // still ends an until-resolved snooze
    } else if (current) {
      current.severity = event.severity;
      current.message = event.message;
    } else {
      tracked.set(id, newInstance(id, event.key, event.severity, event.message, event.startedAt, false));
    }
  }

  const activeIds = new Set<string>();
  const firingPairs = new Set<string>();
  for (const active of input.active) {
    const id = alertKeyId(active.key);
    activeIds.add(id);
    firingPairs.add(keyPairId(active.key));
    const current = tracked.get(id);
    if (current) {
      current.severity = active.severity;
      current.message = active.message;
      current.flapping = active.flapping;
    } else {
      tracked.set(id, newInstance(id, active.key, active.severity, active.message, active.startedAt, active.flapping));
    }
  }
  for (const alert of [...tracked.values()]) {
    if (!activeIds.has(alert.id)) close(alert, input.at);
  }
  return { closed, resolvedPairs, firingPairs };
}

function newInstance(id: string, key: AlertKey, severity: Severity, message: string, startedAt: Date, flapping: boolean): TrackedAlert {
  return { id, key, severity, message, startedAt, flapping, notifiedAt: null, repeats: 0, echo: false, heldInQuiet: false };
}
