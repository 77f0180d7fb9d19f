// The notification policy: which alert changes become native notifications. A notification
// must mean something broke and must never spam, so everything here is about holding back:
// muting, snoozes, flapping, per-model spacing, an hourly cap and quiet hours. Pure and
// deterministic: time comes only from the inputs.
//
// Decisions beyond the rules themselves:
// - Per model, one incident (see policy-incidents): alerts that fire while the user already
//   knows the model is in trouble join it silently unless they are more severe; one resolved
//   message names them all once the last has resolved, flapping or not (a resolved alert has
//   no flapping state left to wait on).
// - Hourly cap: the most urgent notifications fill the free slots (alerts before resolutions,
//   critical first); the rest is held, and the first poll with a free slot sends one digest of
//   everything sendable then. A digest ignores per-model spacing but counts for it.
// - Muting delays resolved messages, it never drops them; only a snooze drops what it covers.
// - Alerts held by Roboflow being unreachable may be told once it answers; alerts held by their
//   model's silence are its echo and are never told (see TrackedAlert.echo).
// - A repeat due together with a new alert of the same model (an escalation) rides in it.
import { HOUR_MS, MINUTE_MS } from '../time';
import { alertText, compareBySeverity, digestText, formatClock, highestSeverity, repeatText, resolvedText } from './notification-text';
import { IncidentBook } from './policy-incidents';
import { digestItems, groupByModel, isEmpty, mutingOf, uniqueKeys, type Outgoing, type Pending } from './policy-outgoing';
import { isQuietMinute, resolvePolicySettings, type PolicySettings } from './policy-settings';
import { keyPairId, pairId, SnoozeBook, type Snooze } from './policy-snoozes';
import { applyPoll, type ClosedAlert, type TrackedAlert } from './policy-tracker';
import type { AlertEvent, AlertKey, AlertNotification, RuleName, Severity } from './types';

export { DEFAULT_POLICY_SETTINGS, resolvePolicySettings } from './policy-settings';
export type { PolicySettings, QuietHours } from './policy-settings';
export type { Snooze } from './policy-snoozes';
export { RULE_LABELS } from './notification-text';

export interface ActiveAlert {
  readonly key: AlertKey;
  readonly severity: Severity;
  /** Latest one-line message, with the model's name. */
  readonly message: string;
  readonly startedAt: Date;
  /** Changed state too often (the lifecycle decides): muted until stable. */
  readonly flapping: boolean;
}

export interface PolicyInput {
  readonly at: Date;
  /** This poll's firing and resolved events. */
  readonly events: readonly AlertEvent[];
  /** Every alert firing after this poll, including ones that fired earlier. */
  readonly active: readonly ActiveAlert[];
}

export interface NotificationPolicy {
  evaluate(input: PolicyInput): AlertNotification[];
  snooze(snooze: Snooze): void;
  unsnooze(rule: RuleName, model: string | null): void;
  /** The snoozes in force at `at`. */
  snoozes(at: Date): Snooze[];
}

export interface NotificationPolicyOptions {
  readonly settings?: PolicySettings;
  /** Minutes after local midnight, for quiet hours and the times in digests. */
  readonly localMinuteOfDay?: (at: Date) => number;
  readonly snoozes?: readonly Snooze[];
}

export function createNotificationPolicy(options: NotificationPolicyOptions = {}): NotificationPolicy {
  return new Policy(options);
}

class Policy implements NotificationPolicy {
  private readonly settings: PolicySettings;
  private readonly minuteOfDay: (at: Date) => number;
  private readonly book: SnoozeBook;
  /** Alert id → the instance firing now. */
  private readonly tracked = new Map<string, TrackedAlert>();
  /** Each model's open incident, and the closed ones owed their resolved message. */
  private readonly incidents = new IncidentBook();
  /** Held in quiet hours, then resolved before anyone was told: a "fired, resolved" digest line. */
  private quietLines: ClosedAlert[] = [];
  /** Per model (null: the workspace), when its last alert or repeat went out. */
  private readonly lastSent = new Map<string | null, number>();
  /** When each notification of the last hour went out. */
  private sentTimes: number[] = [];
  /** Something was held by the hourly cap or by quiet hours: the next send is one digest. */
  private digestOwed = false;

  constructor(options: NotificationPolicyOptions) {
    this.settings = resolvePolicySettings(options.settings);
    this.minuteOfDay = options.localMinuteOfDay ?? ((at) => at.getHours() * 60 + at.getMinutes());
    this.book = new SnoozeBook(options.snoozes);
  }

  snooze(snooze: Snooze): void {
    this.book.add(snooze);
  }

  unsnooze(rule: RuleName, model: string | null): void {
    this.book.remove(rule, model);
  }

  snoozes(at: Date): Snooze[] {
    return this.book.inForce(timeOf(at));
  }

  evaluate(input: PolicyInput): AlertNotification[] {
    const now = timeOf(input.at);
    // Snoozes as they stood when the poll arrived: an until-resolved snooze still silences
    // the resolution that ends it.
    const snoozed = new Set(this.book.inForce(now).map((s) => pairId(s.rule, s.model)));
    const changes = applyPoll(this.tracked, input);
    this.book.endResolved(changes.resolvedPairs, changes.firingPairs);
    if (!this.settings.enabled) return [];

    // Held in quiet hours and never told: the digest says it came and went. Told ones are
    // their incident's to report; the rest nobody was told fired, so nobody is told it ended.
    for (const closed of changes.closed) if (closed.alert.notifiedAt === null && closed.alert.heldInQuiet) this.quietLines.push(closed);
    const isSnoozed = (key: AlertKey): boolean => snoozed.has(keyPairId(key));
    // A snooze drops what it covers, including what was already waiting.
    this.incidents.update(this.tracked.values(), changes.closed, isSnoozed);
    this.quietLines = this.quietLines.filter((c) => !isSnoozed(c.alert.key));
    const muting = mutingOf(input.active);
    const muted = (key: AlertKey): boolean => muting.muted(key);
    const silenced = (key: AlertKey): boolean => isSnoozed(key) || muted(key);
    for (const alert of this.tracked.values()) if (alert.notifiedAt === null && muting.bySilence(alert.key)) alert.echo = true;
    this.sentTimes = this.sentTimes.filter((t) => now - t < HOUR_MS);

    if (isQuietMinute(this.settings.quietHours, this.minuteOfDay(input.at))) {
      // Spacing is moot while nothing is sent: everything eligible is held for the digest.
      const pending = this.pending(now, silenced, false);
      for (const alert of pending.fresh) alert.heldInQuiet = true;
      if (!isEmpty(pending) || this.quietLines.length > 0) this.digestOwed = true;
      return [];
    }
    const free = this.settings.perHour - this.sentTimes.length;
    if (this.digestOwed) {
      const pending = this.pending(now, silenced, false);
      // Past alerts of a muted model are dropped: the user is being told of the bigger problem.
      const quiet = this.quietLines.filter((c) => !muted(c.alert.key));
      if (isEmpty(pending) && quiet.length === 0) {
        this.endDigest();
        return [];
      }
      return free >= 1 ? [this.sendDigest(input.at, pending, quiet)] : [];
    }
    const outgoing = groupByModel(this.pending(now, silenced, true));
    const sending = outgoing.slice(0, Math.max(free, 0));
    if (sending.length < outgoing.length) this.digestOwed = true;
    // Resolutions first: "recovered" must not land on top of the same model failing again.
    return sending.map((o) => this.send(input.at, o)).sort((a, b) => Number(a.kind !== 'resolved') - Number(b.kind !== 'resolved'));
  }

  private pending(now: number, silenced: (key: AlertKey) => boolean, respectSpacing: boolean): Pending {
    const fresh: TrackedAlert[] = [];
    const repeats: TrackedAlert[] = [];
    const spacingMs = this.settings.perModelMinutes * MINUTE_MS;
    for (const alert of this.tracked.values()) {
      if (alert.severity === 'info' || alert.flapping || silenced(alert.key)) continue;
      const last = this.lastSent.get(alert.key.model);
      if (respectSpacing && last !== undefined && now - last < spacingMs) continue;
      if (alert.notifiedAt === null) {
        if (!alert.echo && this.incidents.isNews(alert)) fresh.push(alert);
      } else if (this.repeatDue(alert, now)) repeats.push(alert);
    }
    return { fresh, repeats, resolved: this.incidents.owed.filter((i) => !i.closed.some((c) => silenced(c.alert.key))) };
  }

  private repeatDue(alert: TrackedAlert, now: number): boolean {
    const { criticalRepeatHours, criticalRepeats } = this.settings;
    return (
      alert.severity === 'critical' &&
      alert.repeats < criticalRepeats &&
      alert.notifiedAt !== null &&
      now - alert.notifiedAt.getTime() >= criticalRepeatHours * HOUR_MS
    );
  }

  private send(at: Date, outgoing: Outgoing): AlertNotification {
    const { kind, model, fresh, repeats } = outgoing;
    this.markTold(at, fresh, repeats);
    this.incidents.settle(outgoing.resolved);
    this.sentTimes.push(at.getTime());
    const firing = [...fresh, ...repeats];
    const resolved = outgoing.resolved.flatMap((i) => i.closed);
    const text =
      kind === 'resolved' ? resolvedText(model, resolved)
      : kind === 'repeat' ? repeatText(model, repeats, at)
      : alertText(model, firing);
    const alerts = kind === 'resolved' ? uniqueKeys(resolved.map((c) => c.alert)) : firing.sort(compareBySeverity).map((a) => a.key);
    const severities = kind === 'resolved' ? resolved.map((c) => c.alert.severity) : firing.map((a) => a.severity);
    return { at, kind, model, severity: highestSeverity(severities), ...text, alerts };
  }

  private sendDigest(at: Date, pending: Pending, quiet: readonly ClosedAlert[]): AlertNotification {
    const digest = digestItems(pending, quiet);
    this.markTold(at, pending.fresh, pending.repeats);
    this.incidents.settle(pending.resolved);
    this.endDigest();
    this.sentTimes.push(at.getTime());
    const clock = (d: Date): string => formatClock(this.minuteOfDay(d));
    return {
      at,
      kind: 'digest',
      model: null,
      severity: highestSeverity(digest.map((i) => i.severity)),
      ...digestText(digest, clock),
      alerts: digest.map((i) => i.key),
    };
  }

  /** The user now knows these are firing: repeats count from here, the model is spaced, and its incident is open. */
  private markTold(at: Date, fresh: readonly TrackedAlert[], repeats: readonly TrackedAlert[]): void {
    for (const alert of fresh) alert.notifiedAt = at;
    for (const alert of repeats) {
      alert.notifiedAt = at;
      alert.repeats += 1;
    }
    for (const alert of [...fresh, ...repeats]) this.lastSent.set(alert.key.model, at.getTime());
    this.incidents.told([...fresh, ...repeats], this.tracked.values());
  }

  /** Whatever the digest did not tell (muted, say) is not held for another one. */
  private endDigest(): void {
    this.digestOwed = false;
    this.quietLines = [];
    for (const alert of this.tracked.values()) alert.heldInQuiet = false;
  }
}

function timeOf(at: Date): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`at must be a valid Date (got ${String(at)}).`);
  return ms;
}
