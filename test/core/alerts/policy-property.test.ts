// The policy's promises over long random streams: alerts firing, resolving, flapping and being
// snoozed on three models and the workspace, random settings and quiet hours, then a drain
// (everything resolves, snoozes are lifted, 25 h of polls) so that everything owed goes out.
// The test keeps its own account of each model's incidents (see Incident) to check the policy's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNotificationPolicy, type ActiveAlert, type PolicySettings } from '../../../electron/core/alerts/policy';
import { isQuietMinute } from '../../../electron/core/alerts/policy-settings';
import { pairId } from '../../../electron/core/alerts/policy-snoozes';
import { alertKeyId, type AlertEvent, type AlertKey, type AlertNotification, type RuleName, type Severity } from '../../../electron/core/alerts/types';

const MIN = 60_000;
const T0 = Date.parse('2026-11-02T00:00:00Z');
const utcMinuteOfDay = (at: Date): number => at.getUTCHours() * 60 + at.getUTCMinutes();
const RUNS = { numRuns: 120 };

const modelKeys = (model: string): AlertKey[] =>
  (
    [
      ['ModelSilent', null],
      ['TrafficDrop', null],
      ['ConfidenceDrop', 'helmet'],
      ['ConfidenceDrop', 'head'],
      ['LatencyUp', null],
      ['ServerVersionChange', null],
    ] as const
  ).map(([rule, className]) => ({ rule, model, className }));
const KEYS: readonly AlertKey[] = [{ rule: 'MonitorUnavailable', model: null, className: null }, ...['a', 'b', 'c'].flatMap(modelKeys)];
const PAIRS: readonly { rule: RuleName; model: string | null }[] = [...new Map(KEYS.map((k) => [pairId(k.rule, k.model), { rule: k.rule, model: k.model }])).values()];
const INDEX = new Map(KEYS.map((k, i) => [alertKeyId(k), i]));
const keyPair = (k: AlertKey): string => pairId(k.rule, k.model);

type Op =
  | { readonly kind: 'fire'; readonly key: number; readonly flapping: boolean }
  | { readonly kind: 'resolve'; readonly key: number }
  | { readonly kind: 'flap'; readonly key: number; readonly flapping: boolean }
  | { readonly kind: 'snooze'; readonly pair: number; readonly minutes: number | null }
  | { readonly kind: 'unsnooze'; readonly pair: number };

interface Scenario {
  readonly settings: PolicySettings;
  readonly startMinute: number;
  /** Each key's severity, fixed for the run (ServerVersionChange always info). */
  readonly severities: readonly Severity[];
  readonly steps: readonly { readonly advance: number; readonly ops: readonly Op[] }[];
}

const keyIndex = fc.nat(KEYS.length - 1);
const pairIndex = fc.nat(PAIRS.length - 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('fire' as const), key: keyIndex, flapping: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('resolve' as const), key: keyIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flap' as const), key: keyIndex, flapping: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snooze' as const), pair: pairIndex, minutes: fc.option(fc.integer({ min: 1, max: 600 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unsnooze' as const), pair: pairIndex }) },
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  settings: fc.record({
    enabled: fc.constant(true),
    perModelMinutes: fc.constantFrom(0, 5, 15, 30),
    perHour: fc.integer({ min: 1, max: 8 }),
    criticalRepeatHours: fc.constantFrom(1, 2, 4),
    criticalRepeats: fc.integer({ min: 0, max: 3 }),
    quietHours: fc.constantFrom(null, { start: '22:00', end: '07:00' }, { start: '01:00', end: '03:00' }, { start: '12:10', end: '12:40' }),
  }),
  startMinute: fc.integer({ min: 0, max: 1439 }),
  severities: fc.array(fc.constantFrom<Severity>('warning', 'critical', 'info'), { minLength: KEYS.length, maxLength: KEYS.length }),
  steps: fc.array(fc.record({ advance: fc.integer({ min: 1, max: 45 }), ops: fc.array(op, { maxLength: 4, size: 'max' }) }), { minLength: 1, maxLength: 150, size: 'max' }),
});

/** One alert instance, from firing to resolution, as the test sees it. */
interface Instance {
  readonly key: number;
  readonly startedAt: Date;
  flapping: boolean;
  /** Named by an alert, a repeat, or a digest while firing stably. */
  announced: boolean;
  resolvedAt: number | null;
  /** Resolved while its incident's resolved message was still to come, and its pair was snoozed at a poll then. */
  exempt: boolean;
  activeInQuiet: boolean;
  /** Untold while its model's ModelSilent fired: the silence's echo, never to be told. */
  echo: boolean;
}

/** A model's incident as the test sees it: from the first alert told until all its members resolved. */
interface Incident {
  readonly model: string | null;
  readonly members: Instance[];
  /** Rank of the highest severity told in it. */
  told: number;
  closedAt: number | null;
  /** When its resolved message went out (a resolved notification or a digest line). */
  readonly settled: number[];
}

interface Sent {
  readonly notification: AlertNotification;
  readonly quiet: boolean;
  /** (rule, model) pairs snoozed when the poll reached the policy. */
  readonly snoozed: ReadonlySet<string>;
}

interface Trace {
  readonly sent: readonly Sent[];
  /** Notifications the test could not account for (see `account`). */
  readonly problems: readonly string[];
  readonly instances: readonly Instance[];
  readonly incidents: readonly Incident[];
}

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };
/** Closed, with a told member no snooze dropped, resolved message not out yet. */
const owes = (i: Incident): boolean => i.closedAt !== null && i.settled.length === 0 && i.members.some((m) => m.announced && !m.exempt);

function simulate(s: Scenario): Trace {
  const severityOf = (i: number): Severity => (KEYS[i]?.rule === 'ServerVersionChange' ? 'info' : (s.severities[i] ?? 'warning'));
  const policy = createNotificationPolicy({ settings: s.settings, localMinuteOfDay: utcMinuteOfDay });
  const current = new Map<number, Instance>();
  const instances: Instance[] = [];
  const incidents: Incident[] = [];
  const sent: Sent[] = [];
  const problems: string[] = [];
  let now = T0 + s.startMinute * MIN;

  const openIncident = (model: string | null): Incident | undefined => incidents.find((i) => i.model === model && i.closedAt === null);
  /** Every alert of a model with an open incident is in it, told or not; info never speaks. */
  const join = (): void => {
    for (const incident of incidents.filter((i) => i.closedAt === null)) {
      for (const instance of current.values()) {
        if (KEYS[instance.key]?.model === incident.model && severityOf(instance.key) !== 'info' && !incident.members.includes(instance)) incident.members.push(instance);
      }
    }
  };
  // The policy's muting: resolved messages wait while Roboflow is unreachable or the model silent.
  const muted = (k: AlertKey): boolean => {
    const firing = [...current.values()].map((i) => KEYS[i.key]!);
    const silent = k.rule !== 'ModelSilent' && k.model !== null && firing.some((f) => f.rule === 'ModelSilent' && f.model === k.model);
    return k.rule !== 'MonitorUnavailable' && (firing.some((f) => f.rule === 'MonitorUnavailable') || silent);
  };

  const account = (n: AlertNotification): void => {
    const stableOf = (k: AlertKey): Instance | undefined => {
      const firing = current.get(INDEX.get(alertKeyId(k)) ?? -1);
      // Firing, not flapping, and not an untold echo of its model's silence.
      return firing !== undefined && !firing.flapping && (firing.announced || !firing.echo) ? firing : undefined;
    };
    const told: Instance[] = [];
    const settling = new Set<Incident>();
    if (n.kind === 'resolved') {
      for (const incident of incidents.filter((i) => i.model === n.model && owes(i))) settling.add(incident);
      if (settling.size === 0) problems.push(`resolved for ${String(n.model)}, which has no incident over and owed one`);
    } else if (n.kind === 'digest') {
      // Everything sendable goes in the digest: every owed incident not muted now.
      for (const incident of incidents.filter((i) => owes(i) && !i.members.some((m) => !m.exempt && muted(KEYS[m.key]!)))) settling.add(incident);
    }
    const inSettling = (id: string): boolean => [...settling].some((i) => i.members.some((m) => !m.exempt && alertKeyId(KEYS[m.key]!) === id));
    for (const incident of settling) {
      const named = new Set(n.alerts.map(alertKeyId));
      const missing = incident.members.filter((m) => !m.exempt && !named.has(alertKeyId(KEYS[m.key]!)));
      if (missing.length > 0) problems.push(`${n.kind} leaves out ${missing.map((m) => alertKeyId(KEYS[m.key]!)).join()}, which recovered in the incident`);
    }
    for (const k of n.alerts) {
      const id = alertKeyId(k);
      const stable = stableOf(k);
      if (n.kind === 'alert' || n.kind === 'repeat') {
        if (stable) told.push(stable);
        else problems.push(`${n.kind} names ${id}, which is not firing stably, or is its model's silence's echo`);
      } else if (n.kind === 'resolved') {
        if (!inSettling(id)) problems.push(`resolved names ${id}, not in the incident it closes (or dropped by a snooze)`);
      } else {
        if (stable) told.push(stable);
        const firedInQuiet = instances.some((i) => alertKeyId(KEYS[i.key]!) === id && i.resolvedAt !== null && !i.announced && i.activeInQuiet);
        if (!stable && !inSettling(id) && !firedInQuiet) problems.push(`digest names ${id}: not firing, not in an incident owed its resolved message, not held in quiet hours`);
      }
    }
    // News only: an alert of a model whose incident is open must be worse than what it told.
    for (const instance of told.filter((i) => !i.announced)) {
      const incident = openIncident(KEYS[instance.key]!.model);
      if (incident && RANK[severityOf(instance.key)] <= incident.told) problems.push(`escalation: ${n.kind} tells ${alertKeyId(KEYS[instance.key]!)} in an open incident that told as much`);
    }
    for (const instance of told) {
      instance.announced = true;
      const model = KEYS[instance.key]!.model;
      const incident = openIncident(model) ?? { model, members: [], told: 0, closedAt: null, settled: [] };
      if (!incidents.includes(incident)) incidents.push(incident);
      incident.told = Math.max(incident.told, RANK[severityOf(instance.key)]);
    }
    join();
    for (const incident of settling) incident.settled.push(n.at.getTime());
  };

  const poll = (ops: readonly Op[]): void => {
    const at = new Date(now);
    const events: AlertEvent[] = [];
    for (const o of ops) {
      if (o.kind === 'snooze' || o.kind === 'unsnooze') {
        const pair = PAIRS[o.pair]!;
        if (o.kind === 'unsnooze') policy.unsnooze(pair.rule, pair.model);
        else policy.snooze({ ...pair, until: o.minutes === null ? null : new Date(now + o.minutes * MIN) });
        continue;
      }
      const key = KEYS[o.key]!;
      const instance = current.get(o.key);
      const severity = severityOf(o.key);
      if (o.kind === 'fire' && !instance) {
        const fresh: Instance = { key: o.key, startedAt: at, flapping: o.flapping, announced: false, resolvedAt: null, exempt: false, activeInQuiet: false, echo: false };
        current.set(o.key, fresh);
        instances.push(fresh);
        events.push({ at, event: 'firing', key, severity, message: `${alertKeyId(key)} fired`, figures: {}, startedAt: at });
      } else if (o.kind === 'resolve' && instance) {
        current.delete(o.key);
        instance.resolvedAt = now;
        events.push({ at, event: 'resolved', key, severity, message: `${alertKeyId(key)} fired`, figures: {}, startedAt: instance.startedAt });
      } else if (o.kind === 'flap' && instance) {
        instance.flapping = o.flapping;
      }
    }
    join();
    // The user's snoozes as the poll reaches the policy. A snooze drops the resolved messages it
    // covers: a resolved member of an incident whose message has not gone out leaves it.
    const snoozed = new Set(policy.snoozes(at).map((x) => pairId(x.rule, x.model)));
    for (const incident of incidents.filter((i) => i.settled.length === 0)) {
      for (const m of incident.members) if (m.resolvedAt !== null && snoozed.has(keyPair(KEYS[m.key]!))) m.exempt = true;
      if (incident.closedAt === null && incident.members.every((m) => m.resolvedAt !== null)) incident.closedAt = now;
    }
    for (const instance of current.values()) {
      const k = KEYS[instance.key]!;
      const silent = [...current.values()].some((i) => KEYS[i.key]?.rule === 'ModelSilent' && KEYS[i.key]?.model === k.model);
      if (!instance.announced && silent && k.rule !== 'ModelSilent' && k.rule !== 'MonitorUnavailable') instance.echo = true;
    }
    const quiet = isQuietMinute(s.settings.quietHours, utcMinuteOfDay(at));
    if (quiet) for (const instance of current.values()) instance.activeInQuiet = true;
    const active: ActiveAlert[] = [...current.values()].map((i) => ({
      key: KEYS[i.key]!,
      severity: severityOf(i.key),
      message: `${alertKeyId(KEYS[i.key]!)} fired`,
      startedAt: i.startedAt,
      flapping: i.flapping,
    }));
    for (const notification of policy.evaluate({ at, events, active })) {
      if (notification.at.getTime() !== now) problems.push('notification not stamped with the poll time');
      account(notification);
      sent.push({ notification, quiet, snoozed });
    }
  };

  for (const step of s.steps) {
    now += step.advance * MIN;
    poll(step.ops);
  }
  // Drain: everything resolves, every snooze is lifted, and a day passes.
  now += 5 * MIN;
  poll([...current.keys()].map((key) => ({ kind: 'resolve', key })));
  for (let i = 0; i < PAIRS.length; i++) policy.unsnooze(PAIRS[i]!.rule, PAIRS[i]!.model);
  for (let i = 0; i < (25 * 60) / 5; i++) {
    now += 5 * MIN;
    poll([]);
  }
  return { sent, problems, instances, incidents };
}

const severityOfKey = (s: Scenario, k: AlertKey): Severity => (k.rule === 'ServerVersionChange' ? 'info' : (s.severities[INDEX.get(alertKeyId(k)) ?? -1] ?? 'warning'));

describe('NotificationPolicy over random event streams', () => {
  it('never sends more than perHour notifications in any 60-minute window', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const times = simulate(s).sent.map((x) => x.notification.at.getTime());
        for (const start of times) expect(times.filter((t) => t >= start && t < start + 60 * MIN).length).toBeLessThanOrEqual(s.settings.perHour);
      }),
      RUNS,
    );
  });

  it('never names an info alert', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { notification } of simulate(s).sent) expect(notification.alerts.filter((k) => severityOfKey(s, k) === 'info')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('never names a (rule, model) pair snoozed when the poll reached the policy, and sends nothing in quiet hours', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { notification, snoozed, quiet } of simulate(s).sent) {
          expect(quiet).toBe(false);
          expect(notification.alerts.filter((k) => snoozed.has(keyPair(k)))).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('alerts and repeats name only alerts firing stably (not echoes of a silence), at most one per model per perModelMinutes', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { sent, problems } = simulate(s);
        expect(problems.filter((p) => p.startsWith('alert') || p.startsWith('repeat'))).toEqual([]);
        const last = new Map<string | null, number>();
        for (const { notification: n } of sent) {
          if (n.kind === 'digest') continue;
          expect(n.alerts.every((k) => k.model === n.model)).toBe(true);
          if (n.kind === 'resolved') continue;
          const previous = last.get(n.model);
          if (previous !== undefined) expect(n.at.getTime() - previous).toBeGreaterThanOrEqual(s.settings.perModelMinutes * MIN);
          last.set(n.model, n.at.getTime());
        }
      }),
      RUNS,
    );
  });

  it('a model with an open incident gets no further alert notification unless its severity escalates', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(simulate(s).problems.filter((p) => p.startsWith('escalation'))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('sends a resolved message only for an incident over and owed one, naming what recovered in it; every digest line is accounted for', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(simulate(s).problems).toEqual([]);
      }),
      RUNS,
    );
  });

  it('every incident that told the user and closes gets exactly one resolved message, at or after its last alert resolved, unless snoozes dropped every told alert in it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { incidents } = simulate(s);
        for (const incident of incidents) {
          expect(incident.closedAt).not.toBeNull(); // the drain resolves everything
          const told = incident.members.some((m) => m.announced && !m.exempt);
          expect(incident.settled).toHaveLength(told ? 1 : 0);
          const lastResolved = Math.max(...incident.members.map((m) => m.resolvedAt ?? Number.POSITIVE_INFINITY));
          for (const at of incident.settled) expect(at).toBeGreaterThanOrEqual(lastResolved);
        }
      }),
      RUNS,
    );
  });

  it('fits native notifications and carries the highest severity of its alerts', () => {
    const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
    fc.assert(
      fc.property(scenario, (s) => {
        for (const { notification: n } of simulate(s).sent) {
          expect(n.title.length).toBeGreaterThan(0);
          expect(n.title.length).toBeLessThanOrEqual(64);
          expect(n.body.length).toBeLessThanOrEqual(240);
          expect(n.alerts.length).toBeGreaterThan(0);
          expect(rank[n.severity]).toBe(Math.max(...n.alerts.map((k) => rank[severityOfKey(s, k)])));
        }
      }),
      RUNS,
    );
  });
});
