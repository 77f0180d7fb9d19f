import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertSettingsView, KeyStatus } from '../../electron/contract';
import {
  DEFAULT_QUIET_HOURS,
  WINDOWS,
  controlAttrs,
  describedBy,
  keyOutcome,
  maskedKey,
  parseModelList,
  protectionNote,
  ruleOverride,
  typedNumber,
  withNotifications,
  withRuleOverride,
} from '../../renderer/src/lib/settings-form';

describe('describedBy and controlAttrs', () => {
  it.each([
    [undefined, undefined, undefined],
    ['Minutes between polls', undefined, 'poll-hint'],
    [undefined, 'Too short', 'poll-error'],
    ['Minutes between polls', 'Too short', 'poll-error poll-hint'],
    // An empty hint is no hint; an error is one even when main gave no words for it.
    ['', undefined, undefined],
    ['', '', 'poll-error'],
  ])('hint %j, error %j: %j (the error first)', (hint, error, ids) => {
    expect(describedBy('poll', hint, error)).toBe(ids);
  });

  it('controlAttrs gives a control its field’s id and state as ARIA attributes', () => {
    expect(controlAttrs({ id: 'poll', describedby: 'poll-error poll-hint', invalid: true })).toEqual({ id: 'poll', 'aria-describedby': 'poll-error poll-hint', 'aria-invalid': true });
    expect(controlAttrs({ id: 'poll', describedby: undefined, invalid: false })).toEqual({ id: 'poll', 'aria-describedby': undefined, 'aria-invalid': false });
  });
});

describe('typedNumber', () => {
  it.each([
    ['42', 42],
    ['  42  ', 42],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['0', 0],
  ])('%j is the number %s', (text, value) => {
    expect(typedNumber(text)).toBe(value);
  });

  it.each([
    ['', ''],
    ['   ', ''],
    ['ten', 'ten'],
    [' ten ', ' ten '],
    ['1,5', '1,5'],
    ['5 min', '5 min'],
    ['Infinity', 'Infinity'],
    ['1_000', '1_000'],
  ])('%j is sent as the text %j, for main to refuse', (text, sent) => {
    expect(typedNumber(text)).toBe(sent);
  });

  it('reads back any finite number as written, and never turns text into NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(typedNumber(String(n))).toBe(n === 0 ? 0 : n); // -0 is written "0"
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = typedNumber(text);
        return typeof value === 'string' ? value === text || value === '' : Number.isFinite(value);
      }),
    );
  });
});

describe('parseModelList', () => {
  it.each([
    ['a, b ,,c', ['a', 'b', 'c']],
    ['', []],
    [' , ,', []],
    ['yolo-v8/3', ['yolo-v8/3']],
    ['b, a, b', ['b', 'a']],
    [' a ,a', ['a']],
  ])('%j → %j', (text, ids) => {
    expect(parseModelList(text)).toEqual(ids);
  });

  it('gives each id typed once, trimmed, none empty, in the order typed', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^ ?[a-z0-9/-]{0,6} ?$/)), (parts) => {
        const ids = parseModelList(parts.join(','));
        const expected = [...new Set(parts.map((p) => p.trim()).filter((p) => p !== ''))];
        expect(ids).toEqual(expected);
      }),
    );
  });
});

describe('the key', () => {
  const status = (overrides: Partial<KeyStatus>): KeyStatus => ({ set: true, last4: 'ab12', protection: 'os', problem: null, ...overrides });

  it.each([
    [status({ set: false, last4: null, protection: null }), 'No key'],
    [status({ last4: null }), '••••'],
    [status({}), '•••• ab12'],
  ])('maskedKey(%j) = %j', (key, text) => {
    expect(maskedKey(key)).toBe(text);
  });

  it('maskedKey never shows more than the last four characters it is given', () => {
    fc.assert(fc.property(fc.string({ maxLength: 4 }), (last4) => maskedKey(status({ last4 })) === `•••• ${last4}`));
  });

  it('protectionNote says how the key is kept, and warns of weak protection', () => {
    expect(protectionNote(status({ set: false, protection: 'basic_text' }))).toBeNull();
    expect(protectionNote(status({ protection: null }))).toBeNull();
    expect(protectionNote(status({ protection: 'os' }))).toBe('Encrypted by your system’s keychain.');
    expect(protectionNote(status({ protection: 'basic_text' }))).toMatch(/^Weak protection: no system keyring was found/);
  });

  it.each([
    [{ ok: true, status: status({}) }, { kind: 'saved', status: status({}) }],
    [{ ok: false, reason: 'needs-consent', message: 'Store it weakly?' }, { kind: 'consent', message: 'Store it weakly?' }],
    [{ ok: false, reason: 'invalid', message: 'Roboflow refused the key.' }, { kind: 'refused', message: 'Roboflow refused the key.' }],
    [{ ok: false, reason: 'unavailable', message: 'No storage.' }, { kind: 'refused', message: 'No storage.' }],
  ] as const)('keyOutcome(%j) = %j', (result, outcome) => {
    expect(keyOutcome(result)).toEqual(outcome);
  });
});

describe('alert settings', () => {
  const stored: AlertSettingsView = {
    rules: { TrafficDrop: { maxRatio: 0.5 }, LatencyUp: { factor: 2, minRequests: 50 } },
    models: { yolo: { TrafficDrop: { maxRatio: 0.2 } } },
    notifications: { enabled: true, perHour: 6 },
  };
  const frozen = structuredClone(stored);

  it('withNotifications changes only the notification settings it is given', () => {
    expect(withNotifications(stored, { perHour: 2, criticalRepeatHours: 4 })).toEqual({ ...stored, notifications: { enabled: true, perHour: 2, criticalRepeatHours: 4 } });
    expect(withNotifications({}, { enabled: false })).toEqual({ notifications: { enabled: false } });
    expect(stored).toEqual(frozen);
  });

  it('withRuleOverride sets a threshold and keeps every other', () => {
    expect(withRuleOverride(stored, 'TrafficDrop', 'maxZ', -3)).toEqual({ ...stored, rules: { ...stored.rules, TrafficDrop: { maxRatio: 0.5, maxZ: -3 } } });
    expect(withRuleOverride(stored, 'ErrorRateUp', 'factor', 3).rules).toEqual({ ...stored.rules, ErrorRateUp: { factor: 3 } });
    expect(stored).toEqual(frozen);
  });

  it('withRuleOverride with undefined puts a threshold back to its default, dropping what is left empty', () => {
    const fewer = withRuleOverride(stored, 'LatencyUp', 'factor', undefined);
    expect(fewer.rules).toEqual({ TrafficDrop: { maxRatio: 0.5 }, LatencyUp: { minRequests: 50 } });
    const noTraffic = withRuleOverride(stored, 'TrafficDrop', 'maxRatio', undefined);
    expect(noTraffic.rules).toEqual({ LatencyUp: { factor: 2, minRequests: 50 } });
    const none = withRuleOverride(withRuleOverride({ rules: { TrafficDrop: { maxRatio: 0.5 } }, notifications: { enabled: false } }, 'TrafficDrop', 'maxRatio', undefined), 'X', 'y', undefined);
    expect(none).toEqual({ notifications: { enabled: false } });
    expect('rules' in none).toBe(false);
    expect(stored).toEqual(frozen);
  });

  it('setting a threshold and putting it back gives the settings it started from', () => {
    const thresholds = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof(fc.integer(), fc.boolean()), { minKeys: 1 });
    const settings = fc.record({ rules: fc.dictionary(fc.constantFrom('R1', 'R2'), thresholds) }, { requiredKeys: [] });
    fc.assert(
      fc.property(settings, fc.constantFrom('R1', 'R2', 'R3'), fc.constantFrom('a', 'b', 'z'), fc.integer(), (alerts, rule, key, value) => {
        fc.pre(ruleOverride(alerts, rule, key) === undefined);
        const set = withRuleOverride(alerts, rule, key, value);
        expect(ruleOverride(set, rule, key)).toBe(value);
        const back = withRuleOverride(set, rule, key, undefined);
        const tidy: AlertSettingsView = alerts.rules === undefined || Object.keys(alerts.rules).length === 0 ? {} : alerts;
        expect(back).toEqual(tidy);
      }),
    );
  });

  it('ruleOverride reads a workspace-wide threshold, undefined when not set', () => {
    expect(ruleOverride(stored, 'LatencyUp', 'factor')).toBe(2);
    expect(ruleOverride(stored, 'LatencyUp', 'maxZ')).toBeUndefined();
    expect(ruleOverride(stored, 'ModelSilent', 'minutes')).toBeUndefined();
    expect(ruleOverride({}, 'LatencyUp', 'factor')).toBeUndefined();
    // A per-model override is not the workspace's.
    expect(ruleOverride({ models: stored.models! }, 'TrafficDrop', 'maxRatio')).toBeUndefined();
  });
});

describe('constants', () => {
  it('offers the three headline windows, shortest first', () => {
    expect(WINDOWS.map((w) => w.value)).toEqual(['1h', '24h', '7d']);
  });

  it('offers the night as quiet hours, as HH:MM', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '22:00', end: '07:00' });
  });
});
