import { describe, expect, it } from 'vitest';
import { localClockTime, trayMenuItems, type TrayMenuAction, type TrayMenuInput } from '../../electron/shell/tray-menu';

const base: TrayMenuInput = { state: 'ok', paused: false, demo: false, hasAlerts: false, snoozedAll: null };

const actions = (input: TrayMenuInput) => trayMenuItems(input).filter((item): item is TrayMenuAction => item.type !== 'separator');
const item = (input: TrayMenuInput, id: TrayMenuAction['id']) => actions(input).find((action) => action.id === id);

describe('trayMenuItems', () => {
  it('lists the actions in order, in groups', () => {
    expect(trayMenuItems(base).map((entry) => (entry.type === 'separator' ? '---' : `${entry.id}: ${entry.label}`))).toEqual([
      'open: Open Pulsebar',
      '---',
      'refresh: Refresh now',
      'pause: Pause polling',
      'snooze-all: Snooze all alerts for 1 hour',
      '---',
      'settings: Settings…',
      'open-logs: Open logs',
      '---',
      'quit: Quit Pulsebar',
    ]);
  });

  it('offers Resume instead of Pause while paused, and Refresh still works', () => {
    const paused = { ...base, paused: true, state: 'paused' as const };
    expect(item(paused, 'pause')).toBeUndefined();
    expect(item(paused, 'resume')).toEqual({ id: 'resume', label: 'Resume polling', enabled: true });
    expect(item(paused, 'refresh')?.enabled).toBe(true);
  });

  it('calls Refresh a retry while offline', () => {
    expect(item({ ...base, state: 'offline' }, 'refresh')?.label).toBe('Retry now');
  });

  it('enables Snooze only when there are alerts to snooze', () => {
    expect(item(base, 'snooze-all')?.enabled).toBe(false);
    expect(item({ ...base, hasAlerts: true, state: 'critical' }, 'snooze-all')?.enabled).toBe(true);
  });

  it('says until when a snooze runs, and does not offer to extend it', () => {
    const snoozed = { ...base, hasAlerts: true, snoozedAll: new Date(2025, 5, 1, 14, 5) };
    expect(item(snoozed, 'snooze-all')).toEqual({ id: 'snooze-all', label: 'Snoozed until 14:05', enabled: false });
    expect(item({ ...snoozed, formatTime: () => '2:05 PM' }, 'snooze-all')?.label).toBe('Snoozed until 2:05 PM');
  });

  it('marks the demo on the Open item', () => {
    expect(item({ ...base, demo: true, state: 'demo' }, 'open')?.label).toBe('Open Pulsebar (demo)');
  });

  it('always has Open, Settings, logs and Quit enabled, each id once', () => {
    for (const state of ['ok', 'warning', 'critical', 'offline', 'paused', 'demo'] as const) {
      const list = actions({ ...base, state, paused: state === 'paused', demo: state === 'demo' });
      expect(new Set(list.map((action) => action.id)).size).toBe(list.length);
      for (const id of ['open', 'settings', 'open-logs', 'quit'] as const) expect(list.find((action) => action.id === id)?.enabled).toBe(true);
    }
  });
});

describe('localClockTime', () => {
  it('is 24-hour HH:MM in local time', () => {
    expect(localClockTime(new Date(2025, 0, 1, 9, 3))).toBe('09:03');
    expect(localClockTime(new Date(2025, 0, 1, 23, 59))).toBe('23:59');
  });
});
