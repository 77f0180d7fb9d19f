// The policy's settings checks and the words of its notifications.
import { describe, expect, it } from 'vitest';
import {
  alertText,
  clip,
  digestText,
  fitLines,
  formatDuration,
  repeatText,
  resolvedText,
  type DigestItem,
  type TextAlert,
} from '../../../electron/core/alerts/notification-text';
import { createNotificationPolicy, DEFAULT_POLICY_SETTINGS, resolvePolicySettings, RULE_LABELS, type PolicySettings } from '../../../electron/core/alerts/policy';
import { isQuietMinute } from '../../../electron/core/alerts/policy-settings';
import { RULE_NAMES, type AlertKey, type RuleName, type Severity } from '../../../electron/core/alerts/types';

const MODEL = 'hard-hat-sample-8j2w3';
const START = new Date('2026-11-02T02:10:00Z');
const clock = (at: Date): string => at.toISOString().slice(11, 16);
const alert = (rule: RuleName, severity: Severity = 'warning', model: string | null = MODEL, className: string | null = null): TextAlert => ({
  key: { rule, model, className } satisfies AlertKey,
  severity,
  message: `${model ?? 'Roboflow'}: ${RULE_LABELS[rule]} message`,
  startedAt: START,
});
const later = (minutes: number): Date => new Date(START.getTime() + minutes * 60_000);

describe('resolvePolicySettings', () => {
  it('fills the defaults', () => {
    expect(resolvePolicySettings()).toEqual(DEFAULT_POLICY_SETTINGS);
    expect(resolvePolicySettings({ perHour: 3, quietHours: undefined })).toEqual({ ...DEFAULT_POLICY_SETTINGS, perHour: 3 });
    expect(resolvePolicySettings({ quietHours: { start: '22:00', end: '07:00' } }).quietHours).toEqual({ start: '22:00', end: '07:00' });
  });

  it.each<[Partial<PolicySettings>, string]>([
    [{ enabled: 'yes' as unknown as boolean }, 'enabled must be true or false (got "yes").'],
    [{ perModelMinutes: -1 }, 'perModelMinutes must be a whole number, 0–1440 (got -1).'],
    [{ perModelMinutes: 1.5 }, 'perModelMinutes must be a whole number, 0–1440 (got 1.5).'],
    [{ perHour: 0 }, 'perHour must be a whole number, 1–60 (got 0).'],
    [{ perHour: Number.NaN }, 'perHour must be a whole number, 1–60 (got NaN).'],
    [{ criticalRepeatHours: 0.5 }, 'criticalRepeatHours must be a number of hours, 1–168 (got 0.5).'],
    [{ criticalRepeats: -1 }, 'criticalRepeats must be a whole number, 0–100 (got -1).'],
    [{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start must be HH:MM, 00:00–23:59 (got "25:00").'],
    [{ quietHours: { start: '22:00', end: '7:00' } }, 'quietHours.end must be HH:MM, 00:00–23:59 (got "7:00").'],
    [{ quietHours: { start: '22:00', end: '22:00' } }, 'quietHours.start and quietHours.end must differ (both "22:00").'],
    [{ quietHours: 'nights' as never }, 'quietHours must be { start, end } or null (got "nights").'],
  ])('refuses %o', (input, message) => {
    expect(() => resolvePolicySettings(input)).toThrow(new RangeError(message));
    expect(() => createNotificationPolicy({ settings: input as PolicySettings })).toThrow(RangeError);
  });

  it.each<[string, string, string, boolean]>([
    ['22:00', '07:00', '21:59', false],
    ['22:00', '07:00', '22:00', true],
    ['22:00', '07:00', '00:00', true],
    ['22:00', '07:00', '06:59', true],
    ['22:00', '07:00', '07:00', false],
    ['12:00', '12:30', '12:15', true],
    ['12:00', '12:30', '12:30', false],
    ['12:00', '12:30', '11:59', false],
  ])('quiet hours %s–%s at %s: %s', (start, end, at, quiet) => {
    const [h, m] = at.split(':').map(Number);
    expect(isQuietMinute({ start, end }, (h ?? 0) * 60 + (m ?? 0))).toBe(quiet);
  });
});

describe('notification text', () => {
  it('labels every rule', () => {
    expect(Object.keys(RULE_LABELS).sort()).toEqual([...RULE_NAMES].sort());
    expect(RULE_LABELS.ModelSilent).toBe('no traffic');
    expect(RULE_LABELS.MonitorUnavailable).toBe('Roboflow unreachable');
  });

  it.each<[string, () => { title: string; body: string }, string, string]>([
    // The title names the model, so the body's lines drop their leading "<model>: ".
    ['one rule', () => alertText(MODEL, [alert('ConfidenceDrop')]), `${MODEL}: confidence drop`, 'confidence drop message'],
    ['several rules, most severe first', () => alertText(MODEL, [alert('ConfidenceDrop'), alert('LatencyUp', 'critical')]), `${MODEL}: 2 problems`, 'latency up message\nconfidence drop message'],
    ['two classes of one rule', () => alertText(MODEL, [alert('ConfidenceDrop', 'warning', MODEL, 'helmet'), alert('ConfidenceDrop', 'warning', MODEL, 'head')]), `${MODEL}: confidence drop`, 'confidence drop message\nconfidence drop message'],
    ['only a leading model name is dropped', () => alertText('a', [{ ...alert('LatencyUp', 'warning', 'a'), message: 'ab: a: latency up' }]), 'a: latency up', 'ab: a: latency up'],
    ['Roboflow unreachable', () => alertText(null, [alert('MonitorUnavailable', 'critical', null)]), 'Pulsebar: Roboflow unreachable', 'Roboflow: Roboflow unreachable message'],
    ['repeat', () => repeatText(MODEL, [alert('ErrorRateUp', 'critical')], later(240)), `Still failing: ${MODEL}: error rate up`, 'Failing for 4 h.\nerror rate up message'],
    [
      'resolved: the whole incident in one line, in the order it broke, first alert to last recovery',
      () =>
        resolvedText(MODEL, [
          { alert: { ...alert('ConfidenceDrop', 'critical', MODEL, 'helmet'), startedAt: later(120) }, resolvedAt: later(300) },
          { alert: alert('ClassMixShift'), resolvedAt: later(365) },
          { alert: { ...alert('ConfidenceDrop', 'warning', MODEL, 'head'), startedAt: later(130) }, resolvedAt: later(200) },
        ]),
      `Resolved: ${MODEL}`,
      'class mix shift and confidence drop (helmet, head) back to normal after 6 h 5 min.',
    ],
    ['resolved: one alert', () => resolvedText(MODEL, [{ alert: alert('LatencyUp'), resolvedAt: later(125) }]), `Resolved: ${MODEL}`, 'latency up back to normal after 2 h 5 min.'],
    ['Roboflow back', () => resolvedText(null, [{ alert: alert('MonitorUnavailable', 'critical', null), resolvedAt: later(40) }]), 'Pulsebar: Roboflow reachable again', 'Roboflow answers again (unreachable for 40 min).'],
  ])('%s', (_name, make, title, body) => {
    expect(make()).toEqual({ title, body });
  });

  it('digest: one line per alert, counts in the title', () => {
    const items: DigestItem[] = [
      { key: alert('LatencyUp').key, severity: 'warning', firing: null, resolved: [], quiet: [{ alert: alert('LatencyUp'), resolvedAt: later(90) }] },
      { key: alert('ErrorRateUp').key, severity: 'critical', firing: { alert: alert('ErrorRateUp', 'critical'), repeat: false }, resolved: [], quiet: [] },
      { key: alert('ConfidenceDrop').key, severity: 'warning', firing: { alert: { ...alert('ConfidenceDrop'), startedAt: later(120) }, repeat: false }, resolved: [{ alert: alert('ConfidenceDrop'), resolvedAt: later(60) }], quiet: [] },
      { key: alert('TrafficDrop', 'warning', 'plates').key, severity: 'warning', firing: null, resolved: [{ alert: alert('TrafficDrop', 'warning', 'plates'), resolvedAt: later(5) }], quiet: [] },
    ];
    expect(digestText(items, clock)).toEqual({
      title: 'Pulsebar: 3 alerts, 1 resolved',
      body: [
        `${MODEL}: error rate up, since 02:10`,
        `${MODEL}: confidence drop, resolved 03:10, failing again since 04:10`,
        `${MODEL}: latency up, fired 02:10, resolved 03:40`,
        'plates: traffic drop, resolved 02:15',
      ].join('\n'),
    });
  });

  it('fits native limits: titles ≤ 64, bodies ≤ 240, clipped with "…"', () => {
    const longModel = `model-${'x'.repeat(80)}`;
    const long = { ...alert('ConfidenceDrop', 'warning', longModel), message: 'm'.repeat(300) };
    const text = alertText(longModel, [long, alert('LatencyUp', 'warning', longModel)]);
    expect(text.title).toHaveLength(64);
    expect(text.title.endsWith('…: 2 problems')).toBe(true);
    expect(text.body).toHaveLength(240);
    expect(text.body.endsWith('…')).toBe(true);
    expect(repeatText(longModel, [long], later(60)).title.endsWith('…: confidence drop')).toBe(true);
    expect(resolvedText(longModel, [{ alert: long, resolvedAt: later(5) }]).title).toHaveLength(64);
    const everything = RULE_NAMES.filter((r) => r !== 'MonitorUnavailable').flatMap((rule) => ['helmet', 'head', 'vest', 'boots'].map((c) => ({ alert: alert(rule, 'warning', MODEL, `${c}-${'y'.repeat(8)}`), resolvedAt: later(5) })));
    const resolved = resolvedText(MODEL, everything).body;
    expect(resolved.length).toBeLessThanOrEqual(240);
    expect(resolved).toMatch(/^no traffic \(.*\), .* and \d+ more back to normal after 5 min\.$/);

    const many: DigestItem[] = Array.from({ length: 30 }, (_, i) => ({ key: alert('ErrorRateUp', 'warning', `model-${i}`).key, severity: 'warning', firing: { alert: alert('ErrorRateUp', 'warning', `model-${i}`), repeat: false }, resolved: [], quiet: [] }));
    const digest = digestText(many, clock);
    expect(digest.title).toBe('Pulsebar: 30 alerts');
    expect(digest.body.length).toBeLessThanOrEqual(240);
    expect(digest.body).toMatch(/\n… and \d+ more$/);
  });

  it('clip never splits a surrogate pair; fitLines falls back to clipping', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
    expect(fitLines(['x'.repeat(300)], 240)).toHaveLength(240);
  });

  it.each<[number, string]>([
    [0, '0 min'],
    [59 * 60_000, '59 min'],
    [60 * 60_000, '1 h'],
    [125 * 60_000, '2 h 5 min'],
    [48 * 3_600_000, '2 d'],
    [75 * 3_600_000, '3 d 3 h'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
