import { describe, expect, it } from 'vitest';
import { SETTINGS_VERSION, listMigrations, migrateSettings } from '../../../electron/core/settings/migrations';

describe('the migrations', () => {
  it('run 1, 2, … up to SETTINGS_VERSION with no gap', () => {
    expect(listMigrations().map((m) => m.version)).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => i + 1));
  });
});

describe('migrateSettings', () => {
  it('takes an unversioned (v0) file through every migration, without modifying it', () => {
    const v0 = { pollMinutes: 10, quietHours: { start: '22:00', end: '07:00' }, workspace: 'acme' };
    const before = structuredClone(v0);
    const result = migrateSettings(v0);
    expect(result.applied).toEqual([1, 2, 3]);
    expect(result.from).toBe(0);
    expect(result.newer).toBe(false);
    expect(result.problems).toEqual([]);
    expect(result.data).toEqual({
      version: 3,
      workspace: 'acme',
      intervalMinutes: 10,
      alerts: { notifications: { quietHours: { start: '22:00', end: '07:00' } } },
    });
    expect(v0).toEqual(before);
  });

  it('runs only the migrations after the stored version', () => {
    const result = migrateSettings({ version: 1, pollMinutes: 15 });
    expect(result.applied).toEqual([2, 3]);
    expect(result.data).toEqual({ version: 3, intervalMinutes: 15 });
  });

  it('keeps intervalMinutes when a file has both names', () => {
    expect(migrateSettings({ version: 1, pollMinutes: 15, intervalMinutes: 30 }).data).toEqual({ version: 3, intervalMinutes: 30 });
  });

  it('moves quietHours in beside the other notification settings', () => {
    const result = migrateSettings({ version: 2, quietHours: null, alerts: { rules: {}, notifications: { perHour: 4 } } });
    expect(result.data).toEqual({ version: 3, alerts: { rules: {}, notifications: { perHour: 4, quietHours: null } } });
  });

  it('leaves quietHours where it is when it cannot be moved, rather than losing it', () => {
    const taken = { start: '01:00', end: '02:00' };
    expect(migrateSettings({ version: 2, quietHours: taken, alerts: 'broken' }).data).toEqual({ version: 3, quietHours: taken, alerts: 'broken' });
    expect(migrateSettings({ version: 2, quietHours: taken, alerts: { notifications: { quietHours: null } } }).data).toEqual({
      version: 3,
      quietHours: taken,
      alerts: { notifications: { quietHours: null } },
    });
  });

  it('applies nothing to a current file', () => {
    const current = { version: SETTINGS_VERSION, intervalMinutes: 5 };
    const result = migrateSettings(current);
    expect(result.applied).toEqual([]);
    expect(result.data).toEqual(current);
  });

  it('leaves a newer file untouched and says so', () => {
    const newer = { version: SETTINGS_VERSION + 1, somethingNew: { a: 1 } };
    const result = migrateSettings(newer);
    expect(result.newer).toBe(true);
    expect(result.from).toBe(SETTINGS_VERSION + 1);
    expect(result.applied).toEqual([]);
    expect(result.data).toBe(newer);
  });

  it.each([['2'], [-1], [1.5], [null]])('reads a version of %j as unversioned, and says so', (version) => {
    const result = migrateSettings({ version, pollMinutes: 7 });
    expect(result.applied).toEqual([1, 2, 3]);
    expect(result.data).toEqual({ version: 3, intervalMinutes: 7 });
    expect(result.problems).toEqual([`The settings file's version (${JSON.stringify(version)}) is not a version number; it was read as an unversioned file.`]);
  });
});
