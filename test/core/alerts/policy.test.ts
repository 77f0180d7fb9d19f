// The notification policy rule by rule, in simulated time: a poll every 5 minutes, alerts fired
// and resolved at given minutes, and the notifications written as one compact line each:
// "<minute> <kind> <model.rule[.class]>…".
import { describe, expect, it } from 'vitest';
import {
  createNotificationPolicy,
  resolvePolicySettings,
  type ActiveAlert,
  type NotificationPolicy,
  type PolicySettings,
  type Snooze,
} from '../../../electron/core/alerts/policy';
import { alertKeyId, type AlertEvent, type AlertKey, type AlertNotification, type RuleName, type Severity } from '../../../electron/core/alerts/types';

const MIN = 60_000;
const T0 = Date.parse('2026-11-02T00:00:00Z'); // minute 0 is 00:00 of the (UTC) local clock
const utcMinuteOfDay = (at: Date): number => at.getUTCHours() * 60 + at.getUTCMinutes();
const atMinute = (minute: number): Date => new Date(T0 + minute * MIN);
const H = 60;

const key = (model: string | null, rule: RuleName, className: string | null = null): AlertKey => ({ rule, model, className });
const mu = key(null, 'MonitorUnavailable');
const DEFAULT_SEVERITY: Partial<Record<RuleName, Severity>> = { ServerVersionChange: 'info', MonitorUnavailable: 'critical', ModelSilent: 'critical' };

type Change =
  | { readonly fire: AlertKey; readonly severity?: Severity; readonly flapping?: boolean }
  | { readonly resolve: AlertKey }
  | { readonly flap: AlertKey; readonly flapping: boolean }
  | { readonly snooze: AlertKey; readonly untilMinute: number | null }
  | { readonly unsnooze: AlertKey };

interface Run {
  readonly settings?: Partial<PolicySettings>;
  readonly snoozes?: readonly Snooze[];
  readonly changes: Readonly<Record<number, readonly Change[]>>;
  readonly from?: number;
  readonly until: number;
}

/** Runs the polls and returns every notification, with the policy for follow-up questions. */
function simulate(run: Run): { sent: AlertNotification[]; lines: string[]; policy: NotificationPolicy } {
  const policy = createNotificationPolicy({ settings: resolvePolicySettings(run.settings), localMinuteOfDay: utcMinuteOfDay, snoozes: run.snoozes ?? [] });
  const active = new Map<string, ActiveAlert>();
  const sent: AlertNotification[] = [];
  const from = run.from ?? 0;
  for (const minute of Object.keys(run.changes).map(Number)) {
    if ((minute - from) % 5 !== 0 || minute < from) throw new Error(`no poll at minute ${minute}`); // changes after `until` are not reached
  }
  for (let minute = from; minute <= run.until; minute += 5) {
    const at = atMinute(minute);
    const events: AlertEvent[] = [];
    for (const change of run.changes[minute] ?? []) {
      if ('fire' in change) {
        const k = change.fire;
        const severity = change.severity ?? DEFAULT_SEVERITY[k.rule] ?? 'warning';
        const message = `${k.model ?? 'workspace'}: ${k.rule}${k.className === null ? '' : ` ${k.className}`} at ${minute}`;
        active.set(alertKeyId(k), { key: k, severity, message, startedAt: at, flapping: change.flapping ?? false });
        events.push({ at, event: 'firing', key: k, severity, message, figures: {}, startedAt: at });
      } else if ('resolve' in change) {
        const alert = active.get(alertKeyId(change.resolve));
        if (!alert) throw new Error(`minute ${minute}: nothing to resolve`);
        active.delete(alertKeyId(change.resolve));
        events.push({ at, event: 'resolved', key: alert.key, severity: alert.severity, message: alert.message, figures: {}, startedAt: alert.startedAt });
      } else if ('flap' in change) {
        const alert = active.get(alertKeyId(change.flap));
        if (!alert) throw new Error(`minute ${minute}: nothing to flap`);
        active.set(alertKeyId(change.flap), { ...alert, flapping: change.flapping });
      } else if ('snooze' in change) {
        policy.snooze({ rule: change.snooze.rule, model: change.snooze.model, until: change.untilMinute === null ? null : atMinute(change.untilMinute) });
      } else {
        policy.unsnooze(change.unsnooze.rule, change.unsnooze.model);
      }
    }
    sent.push(...policy.evaluate({ at, events, active: [...active.values()] }));
  }
  const lines = sent.map((n) => `${(n.at.getTime() - T0) / MIN} ${n.kind} ${n.alerts.map(keyName).join(' ')}`);
  return { sent, lines, policy };
}

function keyName(k: AlertKey): string {
  return `${k.model ?? '*'}.${k.rule}${k.className === null ? '' : `.${k.className}`}`;
}

describe('a 2-hour incident with several rules on one model', () => {
  it('gives exactly one alert notification, then one resolved', () => {
    const rules = [key('a', 'ConfidenceDrop', 'helmet'), key('a', 'LatencyUp'), key('a', 'ErrorRateUp')];
    const { sent, lines } = simulate({
      changes: {
        10: [{ fire: rules[0]! }, { fire: rules[1]!, severity: 'critical' }, { fire: rules[2]! }],
        130: rules.map((k) => ({ resolve: k })),
      },
      until: 6 * H,
    });
    expect(lines).toEqual(['10 alert a.LatencyUp a.ErrorRateUp a.ConfidenceDrop.helmet', '130 resolved a.LatencyUp a.ErrorRateUp a.ConfidenceDrop.helmet']);
    expect(sent[0]).toMatchObject({ model: 'a', severity: 'critical', title: 'a: 3 problems' });
    expect(sent[0]?.body.split('\n')[0]).toBe('LatencyUp at 10'); // the title names the model
    expect(sent[1]).toMatchObject({ model: 'a', severity: 'critical', title: 'Resolved: a', body: 'latency up, error rate up and confidence drop (helmet) back to normal after 2 h.' });
  });
});

describe('incidents: one regression, one alert and one resolved', () => {
  it('a class-mix shift, then a confidence drop 2 h later: the drop joins silently; one resolved once both are over', () => {
    const model = 'hard-hat-sample-8j2w3';
    const [mix, drop] = [key(model, 'ClassMixShift'), key(model, 'ConfidenceDrop')];
    const { sent, lines } = simulate({ changes: { 0: [{ fire: mix }], 120: [{ fire: drop }], 300: [{ resolve: mix }], 365: [{ resolve: drop }] }, until: 7 * H });
    expect(lines).toEqual([`0 alert ${model}.ClassMixShift`, `365 resolved ${model}.ConfidenceDrop ${model}.ClassMixShift`]);
    expect(sent[0]).toMatchObject({ title: `${model}: class mix shift`, body: 'ClassMixShift at 0' });
    expect(sent[1]).toMatchObject({ model, severity: 'warning', title: `Resolved: ${model}`, body: 'class mix shift and confidence drop back to normal after 6 h 5 min.' });
  });
});

describe('rules', () => {
  const a = (rule: RuleName, className: string | null = null): AlertKey => key('a', rule, className);
  const b = (rule: RuleName): AlertKey => key('b', rule);
  const cases: { name: string; run: Run; expected: string[] }[] = [
    // 1. info never notifies
    { name: 'info: a server version change', run: { changes: { 0: [{ fire: a('ServerVersionChange') }], 30: [{ resolve: a('ServerVersionChange') }] }, until: 60 }, expected: [] },
    { name: 'info: any rule at info', run: { changes: { 0: [{ fire: a('LatencyUp'), severity: 'info' }], 30: [{ resolve: a('LatencyUp') }] }, until: 60 }, expected: [] },
    // 2. muting
    {
      name: 'muting: Roboflow unreachable holds the others until it clears',
      run: { changes: { 0: [{ fire: mu }], 10: [{ fire: a('ConfidenceDrop') }], 30: [{ resolve: mu }] }, until: 60 },
      expected: ['0 alert *.MonitorUnavailable', '30 resolved *.MonitorUnavailable', '30 alert a.ConfidenceDrop'],
    },
    {
      name: 'muting: what fires and resolves while Roboflow is unreachable is never told',
      run: { changes: { 0: [{ fire: mu }], 10: [{ fire: a('ConfidenceDrop') }], 20: [{ resolve: a('ConfidenceDrop') }], 30: [{ resolve: mu }] }, until: 60 },
      expected: ['0 alert *.MonitorUnavailable', '30 resolved *.MonitorUnavailable'],
    },
    {
      name: 'muting: a resolved message owed waits for Roboflow to answer',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 10: [{ fire: mu }], 20: [{ resolve: a('ConfidenceDrop') }], 40: [{ resolve: mu }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop', '10 alert *.MonitorUnavailable', '40 resolved *.MonitorUnavailable', '40 resolved a.ConfidenceDrop'],
    },
    {
      name: 'muting: no traffic on a model silences its other rules (for good: they are its echo), not other models',
      run: { changes: { 0: [{ fire: a('ModelSilent') }, { fire: a('TrafficDrop') }], 5: [{ fire: b('TrafficDrop') }], 60: [{ resolve: a('ModelSilent') }], 100: [{ resolve: a('TrafficDrop') }] }, until: 120 },
      expected: ['0 alert a.ModelSilent', '5 alert b.TrafficDrop', '100 resolved a.ModelSilent a.TrafficDrop'],
    },
    {
      name: 'muting: an alert told before the silence keeps its resolved message for after it',
      run: { changes: { 0: [{ fire: a('ErrorRateUp') }], 20: [{ fire: a('ModelSilent') }], 30: [{ resolve: a('ErrorRateUp') }], 60: [{ resolve: a('ModelSilent') }], 70: [{ fire: a('LatencyUp') }] }, until: 90 },
      expected: ['0 alert a.ErrorRateUp', '20 alert a.ModelSilent', '60 resolved a.ModelSilent a.ErrorRateUp', '70 alert a.LatencyUp'],
    },
    // 3. snoozes
    {
      name: 'snooze until resolved: silent through the incident, ends with it',
      run: { snoozes: [{ rule: 'ConfidenceDrop', model: 'a', until: null }], changes: { 0: [{ fire: a('ConfidenceDrop') }], 30: [{ resolve: a('ConfidenceDrop') }], 60: [{ fire: a('ConfidenceDrop') }] }, until: 90 },
      expected: ['60 alert a.ConfidenceDrop'],
    },
    {
      name: 'snooze with a time: an alert still firing when it ends is told then',
      run: { changes: { 0: [{ snooze: a('ConfidenceDrop'), untilMinute: 30 }, { fire: a('ConfidenceDrop') }] }, until: 60 },
      expected: ['30 alert a.ConfidenceDrop'],
    },
    {
      name: 'snooze after the alert: no resolved message either',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 10: [{ snooze: a('ConfidenceDrop'), untilMinute: null }], 20: [{ resolve: a('ConfidenceDrop') }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop'],
    },
    {
      name: 'snooze: no repeat while snoozed; the repeat due comes when it ends',
      run: { changes: { 0: [{ fire: a('ErrorRateUp'), severity: 'critical' }], 5: [{ snooze: a('ErrorRateUp'), untilMinute: 5 * H }] }, until: 6 * H },
      expected: ['0 alert a.ErrorRateUp', '300 repeat a.ErrorRateUp'],
    },
    {
      name: 'snooze: only its own rule and model',
      run: { snoozes: [{ rule: 'ConfidenceDrop', model: 'b', until: null }, { rule: 'LatencyUp', model: 'a', until: null }], changes: { 0: [{ fire: a('ConfidenceDrop') }, { fire: b('LatencyUp') }] }, until: 10 },
      expected: ['0 alert a.ConfidenceDrop', '0 alert b.LatencyUp'],
    },
    {
      name: 'unsnooze: an alert still firing is told at the next poll',
      run: { changes: { 0: [{ snooze: a('ConfidenceDrop'), untilMinute: null }, { fire: a('ConfidenceDrop') }], 20: [{ unsnooze: a('ConfidenceDrop') }] }, until: 30 },
      expected: ['20 alert a.ConfidenceDrop'],
    },
    {
      name: 'snooze of the workspace alert (model null)',
      run: { snoozes: [{ rule: 'MonitorUnavailable', model: null, until: null }], changes: { 0: [{ fire: mu }], 30: [{ resolve: mu }] }, until: 40 },
      expected: [],
    },
    // 4. flapping
    {
      name: 'flapping: told once it is stable, if still firing',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop'), flapping: true }], 30: [{ flap: a('ConfidenceDrop'), flapping: false }] }, until: 60 },
      expected: ['30 alert a.ConfidenceDrop'],
    },
    {
      name: 'flapping all its life: never told',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop'), flapping: true }], 30: [{ resolve: a('ConfidenceDrop') }] }, until: 60 },
      expected: [],
    },
    {
      name: 'flapping after it was told: the resolved message still goes out when it resolves',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 20: [{ flap: a('ConfidenceDrop'), flapping: true }], 40: [{ resolve: a('ConfidenceDrop') }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop', '40 resolved a.ConfidenceDrop'],
    },
    {
      name: 'flapping: no critical repeat while flapping',
      run: { changes: { 0: [{ fire: a('ErrorRateUp'), severity: 'critical' }], 60: [{ flap: a('ErrorRateUp'), flapping: true }] }, until: 9 * H },
      expected: ['0 alert a.ErrorRateUp'],
    },
    // 5. grouping
    {
      name: 'grouping: one notification per model, most severe first; the workspace apart',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }, { fire: a('LatencyUp'), severity: 'critical' }, { fire: b('ConfidenceDrop') }] }, until: 10 },
      expected: ['0 alert a.LatencyUp a.ConfidenceDrop', '0 alert b.ConfidenceDrop'],
    },
    // 6. per-model spacing
    {
      name: 'spacing: an escalation of the model waits 15 minutes',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 5: [{ fire: a('LatencyUp'), severity: 'critical' }, { fire: b('LatencyUp') }] }, until: 30 },
      expected: ['0 alert a.ConfidenceDrop', '5 alert b.LatencyUp', '15 alert a.LatencyUp'],
    },
    {
      name: 'spacing: an escalation that resolves while waiting is dropped silently',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 5: [{ fire: a('LatencyUp'), severity: 'critical' }], 10: [{ resolve: a('LatencyUp') }] }, until: 30 },
      expected: ['0 alert a.ConfidenceDrop'],
    },
    {
      name: 'spacing: resolved messages do not wait',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 5: [{ resolve: a('ConfidenceDrop') }] }, until: 30 },
      expected: ['0 alert a.ConfidenceDrop', '5 resolved a.ConfidenceDrop'],
    },
    {
      name: 'spacing: the workspace alert is spaced too (Roboflow going up and down)',
      run: { changes: { 0: [{ fire: mu }], 5: [{ resolve: mu }], 10: [{ fire: mu }] }, until: 30 },
      expected: ['0 alert *.MonitorUnavailable', '5 resolved *.MonitorUnavailable', '15 alert *.MonitorUnavailable'],
    },
    {
      name: 'spacing: perModelMinutes 0 turns it off',
      run: { settings: { perModelMinutes: 0 }, changes: { 0: [{ fire: a('ConfidenceDrop') }], 5: [{ fire: a('LatencyUp'), severity: 'critical' }] }, until: 10 },
      expected: ['0 alert a.ConfidenceDrop', '5 alert a.LatencyUp'],
    },
    // 8. critical repeats
    {
      name: 'repeats: a critical alert at 4 h, 8 h and 12 h, not at 16 h',
      run: { changes: { 0: [{ fire: a('ErrorRateUp'), severity: 'critical' }] }, until: 20 * H },
      expected: ['0 alert a.ErrorRateUp', '240 repeat a.ErrorRateUp', '480 repeat a.ErrorRateUp', '720 repeat a.ErrorRateUp'],
    },
    { name: 'repeats: warnings never repeat', run: { changes: { 0: [{ fire: a('ErrorRateUp') }] }, until: 20 * H }, expected: ['0 alert a.ErrorRateUp'] },
    { name: 'repeats: criticalRepeats 0 turns them off', run: { settings: { criticalRepeats: 0 }, changes: { 0: [{ fire: a('ErrorRateUp'), severity: 'critical' }] }, until: 20 * H }, expected: ['0 alert a.ErrorRateUp'] },
    {
      name: 'repeats: only told alerts repeat, not a critical that joined the incident silently',
      run: { changes: { 0: [{ fire: a('ErrorRateUp'), severity: 'critical' }], 30: [{ fire: a('LatencyUp'), severity: 'critical' }] }, until: 9 * H },
      expected: ['0 alert a.ErrorRateUp', '240 repeat a.ErrorRateUp', '480 repeat a.ErrorRateUp'],
    },
    // 9. resolved
    {
      name: 'resolved: grouped per model and poll; one per poll when they resolve apart',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }, { fire: a('LatencyUp') }, { fire: b('LatencyUp') }], 30: [{ resolve: a('ConfidenceDrop') }, { resolve: a('LatencyUp') }], 40: [{ resolve: b('LatencyUp') }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop a.LatencyUp', '0 alert b.LatencyUp', '30 resolved a.ConfidenceDrop a.LatencyUp', '40 resolved b.LatencyUp'],
    },
    {
      name: 'resolved: one per model once its last alert is over, however far apart they resolve',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }, { fire: a('LatencyUp') }], 30: [{ resolve: a('LatencyUp') }], 90: [{ resolve: a('ConfidenceDrop') }] }, until: 2 * H },
      expected: ['0 alert a.ConfidenceDrop a.LatencyUp', '90 resolved a.ConfidenceDrop a.LatencyUp'],
    },
    // 10. incidents
    {
      name: 'incident: no traffic, then a traffic drop: 1 alert + 1 resolved',
      run: { changes: { 0: [{ fire: a('ModelSilent') }], 30: [{ fire: a('TrafficDrop') }], 90: [{ resolve: a('ModelSilent') }], 120: [{ resolve: a('TrafficDrop') }] }, until: 3 * H },
      expected: ['0 alert a.ModelSilent', '120 resolved a.ModelSilent a.TrafficDrop'],
    },
    {
      name: 'incident: a warning, then a critical error rate: the escalation is told; a later warning joins silently; 1 resolved',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 60: [{ fire: a('ErrorRateUp'), severity: 'critical' }], 90: [{ fire: a('LatencyUp') }], 120: [{ resolve: a('ConfidenceDrop') }, { resolve: a('ErrorRateUp') }, { resolve: a('LatencyUp') }] }, until: 3 * H },
      expected: ['0 alert a.ConfidenceDrop', '60 alert a.ErrorRateUp', '120 resolved a.ErrorRateUp a.ConfidenceDrop a.LatencyUp'],
    },
    {
      name: 'incident: two models have independent incidents',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 10: [{ fire: b('ConfidenceDrop') }], 20: [{ fire: a('LatencyUp') }], 30: [{ fire: b('LatencyUp') }], 40: [{ resolve: a('ConfidenceDrop') }, { resolve: a('LatencyUp') }], 60: [{ resolve: b('ConfidenceDrop') }, { resolve: b('LatencyUp') }] }, until: 90 },
      expected: ['0 alert a.ConfidenceDrop', '10 alert b.ConfidenceDrop', '40 resolved a.ConfidenceDrop a.LatencyUp', '60 resolved b.ConfidenceDrop b.LatencyUp'],
    },
    {
      name: 'incident: once closed, the next alert of the model opens a new one',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 30: [{ resolve: a('ConfidenceDrop') }], 60: [{ fire: a('LatencyUp') }], 90: [{ resolve: a('LatencyUp') }] }, until: 2 * H },
      expected: ['0 alert a.ConfidenceDrop', '30 resolved a.ConfidenceDrop', '60 alert a.LatencyUp', '90 resolved a.LatencyUp'],
    },
    {
      name: 'incident: a snooze leaves its alert out of the resolved message',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 10: [{ fire: a('LatencyUp') }], 20: [{ snooze: a('LatencyUp'), untilMinute: null }], 30: [{ resolve: a('LatencyUp') }], 40: [{ resolve: a('ConfidenceDrop') }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop', '40 resolved a.ConfidenceDrop'],
    },
    {
      name: 'incident: no resolved message when a snooze dropped every told alert in it',
      run: { changes: { 0: [{ fire: a('ConfidenceDrop') }], 10: [{ fire: a('LatencyUp') }], 15: [{ snooze: a('ConfidenceDrop'), untilMinute: null }], 20: [{ resolve: a('ConfidenceDrop') }], 40: [{ resolve: a('LatencyUp') }] }, until: 60 },
      expected: ['0 alert a.ConfidenceDrop'],
    },
    {
      name: 'incident: a digest opens it like an alert',
      run: { settings: { quietHours: { start: '00:00', end: '00:30' } }, changes: { 5: [{ fire: a('ConfidenceDrop') }], 60: [{ fire: a('LatencyUp') }], 90: [{ resolve: a('ConfidenceDrop') }, { resolve: a('LatencyUp') }] }, until: 2 * H },
      expected: ['30 digest a.ConfidenceDrop', '90 resolved a.ConfidenceDrop a.LatencyUp'],
    },
    // enabled
    { name: 'enabled false: nothing, ever', run: { settings: { enabled: false }, changes: { 0: [{ fire: mu }, { fire: a('LatencyUp'), severity: 'critical' }], 30: [{ resolve: mu }] }, until: 9 * H }, expected: [] },
  ];

  it.each(cases)('$name', ({ run, expected }) => {
    expect(simulate(run).lines).toEqual(expected);
  });

  it('a snooze until resolved lasts while another class of the pair still fires', () => {
    const helmet = a('ConfidenceDrop', 'helmet');
    const head = a('ConfidenceDrop', 'head');
    const changes = { 0: [{ fire: helmet }, { fire: head }], 30: [{ resolve: helmet }], 60: [{ resolve: head }] };
    const snoozes: Snooze[] = [{ rule: 'ConfidenceDrop', model: 'a', until: null }];
    expect(simulate({ snoozes, changes, until: 55 }).policy.snoozes(atMinute(55))).toEqual(snoozes);
    expect(simulate({ snoozes, changes, until: 60 }).policy.snoozes(atMinute(60))).toEqual([]);
    expect(simulate({ snoozes, changes, until: 60 }).lines).toEqual([]);
  });

  it('snoozes(at) lists those in force at that time', () => {
    const until = atMinute(30);
    const policy = createNotificationPolicy({ snoozes: [{ rule: 'LatencyUp', model: 'a', until }] });
    policy.snooze({ rule: 'MonitorUnavailable', model: null, until: null });
    expect(policy.snoozes(atMinute(29)).map((s) => s.rule)).toEqual(['LatencyUp', 'MonitorUnavailable']);
    expect(policy.snoozes(atMinute(30)).map((s) => s.rule)).toEqual(['MonitorUnavailable']);
    policy.unsnooze('MonitorUnavailable', null);
    expect(policy.snoozes(atMinute(0))).toEqual([]);
    expect(() => policy.snooze({ rule: 'LatencyUp', model: 'a', until: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('hourly cap', () => {
  const models = Array.from({ length: 10 }, (_, i) => `m${i}`);
  const fireAll = models.map((m) => ({ fire: key(m, 'ErrorRateUp') }));

  it('10 models failing at once with perHour 6: 6 notifications, then one digest of the 4 held', () => {
    const { sent, lines } = simulate({ changes: { 0: fireAll }, until: 3 * H });
    expect(lines).toEqual([0, 1, 2, 3, 4, 5].map((i) => `0 alert m${i}.ErrorRateUp`).concat('60 digest m6.ErrorRateUp m7.ErrorRateUp m8.ErrorRateUp m9.ErrorRateUp'));
    expect(sent.at(-1)).toMatchObject({ model: null, severity: 'warning', title: 'Pulsebar: 4 alerts' });
    expect(sent.at(-1)?.body).toBe('m6: error rate up, since 00:00\nm7: error rate up, since 00:00\nm8: error rate up, since 00:00\nm9: error rate up, since 00:00');
  });

  it('what resolves while held: dropped if never told, a resolved line if told', () => {
    const { sent, lines } = simulate({ changes: { 0: fireAll, 30: [{ resolve: key('m1', 'ErrorRateUp') }, { resolve: key('m9', 'ErrorRateUp') }] }, until: 3 * H });
    expect(lines.slice(6)).toEqual(['60 digest m6.ErrorRateUp m7.ErrorRateUp m8.ErrorRateUp m1.ErrorRateUp']);
    expect(sent.at(-1)?.title).toBe('Pulsebar: 3 alerts, 1 resolved');
    expect(sent.at(-1)?.body).toContain('m1: error rate up, resolved 00:30');
  });

  it('after the digest, notifications flow again within the cap', () => {
    const { lines } = simulate({ settings: { perHour: 2 }, changes: { 0: fireAll.slice(0, 3), 70: [{ fire: key('m5', 'LatencyUp') }] }, until: 2 * H });
    expect(lines).toEqual(['0 alert m0.ErrorRateUp', '0 alert m1.ErrorRateUp', '60 digest m2.ErrorRateUp', '70 alert m5.LatencyUp']);
  });
});

describe('quiet hours 22:00–07:00 (wrapping midnight)', () => {
  const quietHours = { start: '22:00', end: '07:00' };
  const day = 24 * H;
  const a = key('a', 'ConfidenceDrop');
  const b = key('b', 'LatencyUp');
  const c = key('c', 'ErrorRateUp');

  it('holds everything, then one digest at 07:00: still firing, fired and resolved, resolved', () => {
    const { sent, lines } = simulate({
      settings: { quietHours },
      from: 20 * H,
      changes: { [21 * H]: [{ fire: a }], [23 * H]: [{ resolve: a }], [day + 2 * H + 10]: [{ fire: b }], [day + 3 * H + 40]: [{ resolve: b }], [day + 5 * H]: [{ fire: c }], [day + 8 * H]: [{ resolve: c }] },
      until: day + 9 * H,
    });
    expect(lines).toEqual(['1260 alert a.ConfidenceDrop', '1860 digest c.ErrorRateUp b.LatencyUp a.ConfidenceDrop', '1920 resolved c.ErrorRateUp']);
    expect(sent[1]?.title).toBe('Pulsebar: 2 alerts, 1 resolved');
    expect(sent[1]?.body.split('\n')).toEqual(['c: error rate up, since 05:00', 'b: latency up, fired 02:10, resolved 03:40', 'a: confidence drop, resolved 23:00']);
  });

  it('a quiet night: no digest', () => {
    expect(simulate({ settings: { quietHours }, from: 20 * H, changes: { [20 * H]: [{ fire: key('a', 'ServerVersionChange') }] }, until: day + 9 * H }).lines).toEqual([]);
  });

  it('a critical alert due a repeat overnight is in the digest as still failing', () => {
    const { sent, lines } = simulate({ settings: { quietHours }, from: 20 * H, changes: { [20 * H]: [{ fire: a, severity: 'critical' }] }, until: day + 7 * H });
    expect(lines).toEqual(['1200 alert a.ConfidenceDrop', '1860 digest a.ConfidenceDrop']);
    expect(sent[1]?.body).toBe('a: confidence drop, still failing since 20:00');
  });

  it('quiet hours within a day (12:00–12:30), shorter than the cap window', () => {
    const { lines } = simulate({ settings: { quietHours: { start: '12:00', end: '12:30' } }, from: 11 * H, changes: { [12 * H + 5]: [{ fire: a }] }, until: 13 * H });
    expect(lines).toEqual(['750 digest a.ConfidenceDrop']);
  });
});
