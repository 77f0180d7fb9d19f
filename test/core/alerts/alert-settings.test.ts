import { describe, expect, it } from 'vitest';
import { parseAlertSettings } from '../../../electron/core/alerts/alert-settings';
import { DEFAULT_POLICY_SETTINGS } from '../../../electron/core/alerts/policy';
import { DEFAULT_RULE_THRESHOLDS } from '../../../electron/core/alerts/thresholds';

describe('parseAlertSettings', () => {
  it('gives the defaults for nothing', () => {
    for (const input of [undefined, null, {}]) {
      const settings = parseAlertSettings(input);
      expect(settings.policy).toEqual(DEFAULT_POLICY_SETTINGS);
      expect(settings.thresholds.forModel('m')).toEqual(DEFAULT_RULE_THRESHOLDS);
    }
  });

  it('reads thresholds, per-model overrides and notification settings together', () => {
    const settings = parseAlertSettings({
      rules: { ConfidenceDrop: { minDrop: 0.08 } },
      models: { 'hard-hat': { LatencyUp: { enabled: false } } },
      notifications: { perHour: 4, quietHours: { start: '22:00', end: '07:00' } },
    });
    expect(settings.thresholds.forModel('forklift').ConfidenceDrop.minDrop).toBe(0.08);
    expect(settings.thresholds.forModel('hard-hat').LatencyUp.enabled).toBe(false);
    expect(settings.thresholds.forModel('forklift').LatencyUp.enabled).toBe(true);
    expect(settings.policy).toEqual({ ...DEFAULT_POLICY_SETTINGS, perHour: 4, quietHours: { start: '22:00', end: '07:00' } });
  });

  it.each([
    [[], 'Alert settings must be a JSON object with rules, models and/or notifications.'],
    [{ rule: {} }, 'alerts.rule is not a known setting; the known ones are rules, models, notifications.'],
    [{ notifications: [] }, 'alerts.notifications must be an object.'],
    [{ notifications: { perhour: 4 } }, 'alerts.notifications.perhour is not a known setting; the known ones are enabled, perModelMinutes, perHour, criticalRepeatHours, criticalRepeats, quietHours.'],
    [{ notifications: { perHour: 0 } }, 'alerts.notifications.perHour must be a whole number, 1–60 (got 0).'],
    [{ notifications: { quietHours: { start: '25:00', end: '07:00' } } }, 'alerts.notifications.quietHours.start must be HH:MM, 00:00–23:59 (got "25:00").'],
    [{ rules: { ConfidenceDrop: { minDrop: 2 } } }, 'alerts.rules.ConfidenceDrop.minDrop must be a number from 0 (excluded) to 1 (got 2).'],
  ])('refuses %j, saying what and why', (input, message) => {
    expect(() => parseAlertSettings(input)).toThrow(message);
  });
});
