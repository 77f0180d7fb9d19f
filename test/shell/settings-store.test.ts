// The settings store over conf in a temporary folder: electron-store is a subclass of conf, and
// the app passes it in as `Store`; nothing here imports electron.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type ElectronStore from 'electron-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS, SETTINGS_VERSION, SettingsError, settingsJsonSchema } from '../../electron/core/settings';
import { SETTINGS_FILE_NAME, openSettingsStore, type SettingsStoreOptions } from '../../electron/shell/settings-store';

// The app passes electron-store's class: it must fit where conf's does.
const _electronStoreFits: SettingsStoreOptions['Store'] = undefined as unknown as typeof ElectronStore;

const NOW = new Date('2026-03-04T05:06:07.089Z');
const CIPHER = { ciphertext: 'c2VjcmV0LWNpcGhlcnRleHQ=', protection: 'basic_text' } as const;

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pulsebar-settings-'));
  file = join(dir, SETTINGS_FILE_NAME);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const open = () => openSettingsStore({ cwd: dir, Store: Conf, now: () => NOW });
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (value: unknown) => writeFileSync(file, JSON.stringify(value, null, '\t'));

describe('openSettingsStore', () => {
  it('starts from the defaults, with nothing to tell and no file yet', () => {
    const store = open();
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS);
    expect(store.notices).toEqual([]);
    expect(store.path).toBe(file);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps a change across reopening', () => {
    const store = open();
    const after = store.update({ workspace: 'acme', intervalMinutes: 15, models: ['hard-hat'], alerts: { notifications: { perHour: 2 } } });
    expect(after).toEqual({ ...DEFAULT_APP_SETTINGS, workspace: 'acme', intervalMinutes: 15, models: ['hard-hat'], alerts: { notifications: { perHour: 2 } } });
    expect(store.get()).toEqual(after);
    expect(readJson(file)).toEqual(after);
    const reopened = open();
    expect(reopened.get()).toEqual(after);
    expect(reopened.notices).toEqual([]);
  });

  it('hands out copies: changing one does not change the settings', () => {
    const store = open();
    (store.get().models as string[]).push('sneaky');
    expect(store.get().models).toEqual([]);
  });

  it('refuses an invalid change with the reason, and keeps the file as it was', () => {
    const store = open();
    store.update({ workspace: 'acme' });
    const before = readFileSync(file, 'utf8');
    expect(() => store.update({ intervalMinutes: 0, workspace: 'other' })).toThrow(
      new SettingsError([{ field: 'intervalMinutes', message: 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got 0).' }]),
    );
    expect(() => store.update({ apiKey: CIPHER })).toThrow(/use setApiKey/);
    expect(store.get().workspace).toBe('acme');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('saves and removes the encrypted API key, and refuses anything else', () => {
    const store = open();
    store.setApiKeyCipher(CIPHER);
    expect(open().get().apiKey).toEqual(CIPHER);
    expect(() => store.setApiKeyCipher({ ciphertext: 'plain key!', protection: 'os' })).toThrow('apiKey.ciphertext must be non-empty base64 text');
    store.setApiKeyCipher(null);
    expect(open().get().apiKey).toBeNull();
  });

  it.each([
    ['invalid JSON', '{"workspace": "acme", "intervalMinutes": 5,', 'it was not valid JSON'],
    ['JSON that is not an object', '["acme"]', 'it did not hold a settings object'],
    ['JSON null', 'null', 'it did not hold a settings object'],
    ['an empty file', '', 'it was empty'],
  ])('moves a damaged file (%s) aside, loads the defaults and says where the file went', (_what, content, reason) => {
    writeFileSync(file, content);
    const store = open();
    const aside = join(dir, 'config.corrupt-2026-03-04T05-06-07.089Z.json');
    expect(readFileSync(aside, 'utf8')).toBe(content);
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS);
    expect(store.notices).toEqual([`Your settings file was damaged (${reason}); it was saved as ${aside} and defaults were loaded.`]);
    store.update({ workspace: 'fresh' });
    expect(readJson(file)).toMatchObject({ workspace: 'fresh' });
    expect(readFileSync(aside, 'utf8')).toBe(content);
  });

  it('never moves a damaged file over an earlier copy', () => {
    writeFileSync(file, '{ first');
    open();
    writeFileSync(file, '{ second');
    const store = open();
    const second = join(dir, 'config.corrupt-2026-03-04T05-06-07.089Z-2.json');
    expect(readFileSync(join(dir, 'config.corrupt-2026-03-04T05-06-07.089Z.json'), 'utf8')).toBe('{ first');
    expect(readFileSync(second, 'utf8')).toBe('{ second');
    expect(store.notices[0]).toContain(second);
  });

  it('resets one bad field with a notice, keeps the others and repairs the file', () => {
    writeJson({ ...DEFAULT_APP_SETTINGS, workspace: 'acme', window: '7d', intervalMinutes: 'five', apiKey: CIPHER });
    const store = open();
    const expected = { ...DEFAULT_APP_SETTINGS, workspace: 'acme', window: '7d', apiKey: CIPHER };
    expect(store.get()).toEqual(expected);
    expect(store.notices).toEqual(['intervalMinutes must be a whole number of minutes from 1 to 1440 (got "five"). It was reset to the default (5).']);
    expect(readJson(file)).toEqual(expected);
    expect(open().notices).toEqual([]);
  });

  it('reads a file saved with a byte order mark', () => {
    writeFileSync(file, `\uFEFF${JSON.stringify({ ...DEFAULT_APP_SETTINGS, workspace: 'acme' })}`);
    const store = open();
    expect(store.get().workspace).toBe('acme');
    expect(store.notices).toEqual([]);
  });

  it('migrates an unversioned (v0) file and writes it back at the current version', () => {
    writeJson({ workspace: 'acme', pollMinutes: 10, quietHours: { start: '22:00', end: '07:00' }, onboarded: true });
    const store = open();
    const expected = {
      ...DEFAULT_APP_SETTINGS,
      workspace: 'acme',
      intervalMinutes: 10,
      onboarded: true,
      alerts: { notifications: { quietHours: { start: '22:00', end: '07:00' } } },
    };
    expect(store.get()).toEqual(expected);
    expect(store.notices).toEqual([]);
    expect(readJson(file)).toEqual(expected);
    expect(readJson(file)).toMatchObject({ version: SETTINGS_VERSION });
  });

  it('migrates a v1 file, running only the later migrations', () => {
    writeJson({ version: 1, pollMinutes: 30, workspace: 'acme' });
    expect(open().get()).toEqual({ ...DEFAULT_APP_SETTINGS, workspace: 'acme', intervalMinutes: 30 });
  });

  it("leaves conf's own bookkeeping alone", () => {
    writeJson({ ...DEFAULT_APP_SETTINGS, workspace: 'acme', __internal__: { migrations: { version: '0.1.0' } } });
    const store = open();
    expect(store.notices).toEqual([]);
    store.update({ demo: true });
    expect(readJson(file)).toMatchObject({ demo: true, __internal__: { migrations: { version: '0.1.0' } } });
  });

  it("leaves a newer Pulsebar's file untouched, reads defaults and refuses to save over it", () => {
    const content = JSON.stringify({ version: SETTINGS_VERSION + 1, workspace: { id: 'acme', region: 'eu' }, intervalMinutes: '5m' });
    writeFileSync(file, content);
    const modified = statSync(file).mtimeMs;
    const store = open();
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS);
    expect(store.notices).toEqual([expect.stringMatching(/^The settings file was written by a newer Pulsebar \(settings version 4; this one reads up to 3\)\. It was left untouched/)]);
    expect(() => store.update({ demo: true })).toThrow(`Settings cannot be saved: the settings file ${file} was written by a newer Pulsebar; update Pulsebar to change settings.`);
    expect(() => store.setApiKeyCipher(CIPHER)).toThrow(SettingsError);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).mtimeMs).toBe(modified);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE_NAME]);
  });

  it('reads defaults, read-only, when the file cannot be read', () => {
    mkdirSync(file); // a folder where the file should be: EISDIR
    const store = open();
    expect(store.get()).toEqual(DEFAULT_APP_SETTINGS);
    expect(store.notices).toEqual([`Pulsebar could not read its settings file ${file} (EISDIR); the default settings are in use. Check the file's permissions, then restart Pulsebar.`]);
    expect(() => store.update({ demo: true })).toThrow(/Settings cannot be saved: the settings file .* could not be read \(EISDIR\)/);
  });

  it.skipIf(process.getuid?.() === 0)('keeps a damaged file it cannot move aside, and saves nothing over it', () => {
    writeFileSync(file, '{ damaged');
    chmodSync(dir, 0o500);
    try {
      const store = open();
      expect(store.get()).toEqual(DEFAULT_APP_SETTINGS);
      expect(store.notices[0]).toMatch(/was damaged \(it was not valid JSON\) and could not be moved aside \(EACCES\)/);
      expect(() => store.update({ demo: true })).toThrow(/could not be moved aside/);
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(readFileSync(file, 'utf8')).toBe('{ damaged');
  });
});

describe('the JSON schema given to the store', () => {
  it('lets conf refuse a value of the wrong type, whoever writes it', () => {
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, schema: settingsJsonSchema(), clearInvalidConfig: false });
    conf.store = { ...DEFAULT_APP_SETTINGS };
    expect(() => conf.set('intervalMinutes', 'five')).toThrow(/Config schema violation: `intervalMinutes` must be number/);
    expect(() => conf.set('workspace', null)).not.toThrow();
  });

  it('is what conf refuses to open on, which is why a bad file is repaired before it opens', () => {
    writeJson({ ...DEFAULT_APP_SETTINGS, intervalMinutes: 'five' });
    expect(() => new Conf({ cwd: dir, schema: settingsJsonSchema(), clearInvalidConfig: false })).toThrow(/Config schema violation/);
    expect(open().get().intervalMinutes).toBe(5);
  });
});
