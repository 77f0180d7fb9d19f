import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_SETTINGS,
  SETTINGS_VERSION,
  SettingsError,
  defaultSettings,
  loadSettings,
  parseApiKeyCipher,
  readSettings,
  settingsJsonSchema,
  validateSettingsPatch,
  type AppSettings,
} from '../../../electron/core/settings';

const CIPHER = { ciphertext: 'c2VjcmV0LWNpcGhlcnRleHQ=', protection: 'os' } as const;

/** A stored file with every field set to something other than its default. */
const CUSTOM: AppSettings = {
  version: SETTINGS_VERSION,
  workspace: 'acme-robotics',
  baseUrl: 'http://127.0.0.1:4010',
  models: ['hard-hat/3', 'forklift'],
  intervalMinutes: 15,
  window: '7d',
  apiKey: CIPHER,
  demo: true,
  launchAtLogin: true,
  retention: { hourlyDays: 30, dailyDays: 365, snapshotFullDays: 3 },
  alerts: { rules: { TrafficDrop: { maxRatio: 0.4 } }, models: { forklift: { LatencyUp: { enabled: false } } }, notifications: { perHour: 3, quietHours: { start: '22:00', end: '07:00' } } },
  onboarded: true,
};

function refusal(patch: unknown): SettingsError {
  try {
    validateSettingsPatch(patch);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`);
}

describe('the defaults', () => {
  it('are the documented ones', () => {
    expect(DEFAULT_APP_SETTINGS).toEqual({
      version: SETTINGS_VERSION,
      workspace: null,
      baseUrl: 'https://api.roboflow.com',
      models: [],
      intervalMinutes: 5,
      window: '24h',
      apiKey: null,
      demo: false,
      launchAtLogin: false,
      retention: { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 },
      alerts: {},
      onboarded: false,
    });
  });

  it('cannot be changed by accident, and defaultSettings gives a copy that can', () => {
    expect(Object.isFrozen(DEFAULT_APP_SETTINGS.retention)).toBe(true);
    const copy = defaultSettings() as { retention: { hourlyDays: number } };
    copy.retention.hourlyDays = 1;
    expect(DEFAULT_APP_SETTINGS.retention.hourlyDays).toBe(90);
  });
});

describe('validateSettingsPatch', () => {
  it('accepts every patchable field with a valid value', () => {
    const { apiKey: _apiKey, version: _version, ...patch } = CUSTOM;
    expect(validateSettingsPatch(patch)).toEqual(patch);
    expect(validateSettingsPatch({})).toEqual({});
  });

  it('normalises what it accepts: ids trimmed, duplicate models dropped', () => {
    expect(validateSettingsPatch({ workspace: ' acme ', models: [' a ', 'a', 'b'], baseUrl: ' https://proxy.example.com/rf ' })).toEqual({
      workspace: 'acme',
      models: ['a', 'b'],
      baseUrl: 'https://proxy.example.com/rf',
    });
    expect(validateSettingsPatch({ workspace: null })).toEqual({ workspace: null });
  });

  it.each([
    [{ intervalMinutes: 0 }, 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got 0).'],
    [{ intervalMinutes: 2.5 }, 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got 2.5).'],
    [{ intervalMinutes: '5' }, 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got "5").'],
    [{ intervalMinutes: 1441 }, 'intervalMinutes must be a whole number of minutes from 1 to 1440 (got 1441).'],
    [{ window: '2h' }, 'window must be one of 1h, 24h, 7d (got "2h").'],
    [{ workspace: 'my workspace' }, 'workspace must be the workspace id from your Roboflow URL (no spaces, "/", "?" or "#") (got "my workspace").'],
    [{ workspace: '..' }, 'workspace must be the workspace id from your Roboflow URL (no spaces, "/", "?" or "#") (got "..").'],
    [{ workspace: 42 }, 'workspace must be null or a workspace id from your Roboflow URL (got 42).'],
    [{ baseUrl: 'http://api.roboflow.com' }, 'baseUrl: Refusing plain http to api.roboflow.com'],
    [{ baseUrl: 'not a url' }, 'baseUrl: "not a url" is not a URL.'],
    [{ baseUrl: null }, 'baseUrl must be a URL such as https://api.roboflow.com (got null).'],
    [{ models: 'a,b' }, 'models must be a list of model ids (an empty list means every model) (got "a,b").'],
    [{ models: ['a,b'] }, 'models must hold model ids, none empty and none with a comma (got "a,b").'],
    [{ models: ['  '] }, 'models must hold model ids, none empty and none with a comma (got "").'],
    [{ models: [7] }, 'models must hold model ids only (got 7).'],
    [{ demo: 'yes' }, 'demo must be true or false (got "yes").'],
    [{ launchAtLogin: 1 }, 'launchAtLogin must be true or false (got 1).'],
    [{ onboarded: null }, 'onboarded must be true or false (got null).'],
    [{ retention: [] }, 'retention must be an object with hourlyDays, dailyDays, snapshotFullDays (got a list).'],
    [{ retention: { hourlyDays: 90, dailyDays: 730 } }, 'retention must hold hourlyDays, dailyDays, snapshotFullDays (snapshotFullDays is missing).'],
    [{ retention: { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7, weeklyDays: 1 } }, 'retention.weeklyDays is not a retention setting; the ones are hourlyDays, dailyDays, snapshotFullDays.'],
    [{ retention: { hourlyDays: 0, dailyDays: 730, snapshotFullDays: 7 } }, 'retention.hourlyDays must be a whole number of days from 1 to 3650 (got 0).'],
    [{ retention: { hourlyDays: 90, dailyDays: 30, snapshotFullDays: 7 } }, 'retention.dailyDays (30) must be at least retention.hourlyDays (90)'],
    [{ retention: { hourlyDays: 1, dailyDays: 30, snapshotFullDays: 60 } }, 'retention.snapshotFullDays (60) must be at most retention.dailyDays (30)'],
    [{ alerts: [] }, 'alerts must be an object with rules, models and/or notifications (got a list).'],
    [{ alerts: { rules: { TrafficDrop: { maxRatio: 2 } } } }, 'alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got 2).'],
    [{ alerts: { notifications: { perHour: 0 } } }, 'alerts.notifications.perHour must be a whole number, 1–60 (got 0).'],
    [{ alerts: { quiet: true } }, 'alerts.quiet is not a known setting'],
  ])('refuses %j, naming the field, the value and what is allowed', (patch, message) => {
    const error = refusal(patch);
    expect(error.message).toContain(message);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.field).toBe(Object.keys(patch)[0]);
  });

  it('refuses the API key, pointing to setApiKey', () => {
    expect(refusal({ apiKey: CIPHER }).message).toBe('apiKey cannot be changed with the other settings: use setApiKey, which encrypts the key before it is stored.');
    expect(refusal({ apiKey: null }).issues[0]?.field).toBe('apiKey');
  });

  it('refuses the version and unknown keys', () => {
    expect(refusal({ version: 4 }).message).toBe('version is kept by Pulsebar itself and cannot be changed.');
    expect(refusal({ pollMinutes: 5 }).message).toBe(
      '"pollMinutes" is not a setting; the settings are workspace, baseUrl, models, intervalMinutes, window, demo, launchAtLogin, retention, alerts, onboarded.',
    );
    expect(refusal(JSON.parse('{"__proto__": {"demo": true}}')).issues[0]?.field).toBe('__proto__');
  });

  it('reports every problem of a change at once, and refuses it whole', () => {
    const error = refusal({ intervalMinutes: 0, window: '2h', demo: true });
    expect(error.issues.map((issue) => issue.field)).toEqual(['intervalMinutes', 'window']);
    expect(error.name).toBe('SettingsError');
    expect(error).toBeInstanceOf(RangeError);
  });

  it.each([[null], [[]], ['intervalMinutes=5'], [undefined]])('refuses a change that is not an object (%j)', (patch) => {
    expect(refusal(patch).issues).toEqual([{ field: null, message: expect.stringMatching(/^A settings change must be an object of settings to change \(got /) }]);
  });

  it('stores alerts as plain JSON', () => {
    const change = validateSettingsPatch({ alerts: { notifications: { perHour: 2 } } });
    expect(change.alerts).toEqual({ notifications: { perHour: 2 } });
    expect(refusal({ alerts: { rules: { TrafficDrop: { maxRatio: 10n } } } }).message).toBe(
      'alerts must be plain JSON data (numbers, text, true/false, lists and objects).',
    );
  });
});

describe('parseApiKeyCipher', () => {
  it('accepts base64 with a known protection, and null', () => {
    expect(parseApiKeyCipher(CIPHER)).toEqual(CIPHER);
    expect(parseApiKeyCipher({ ciphertext: 'YWJj', protection: 'basic_text' })).toEqual({ ciphertext: 'YWJj', protection: 'basic_text' });
    expect(parseApiKeyCipher(null)).toBeNull();
  });

  it.each([
    ['rf_plainTextKey12345', 'apiKey must be null or { ciphertext, protection } (got "rf_plainTextKey12345").'],
    [{ ciphertext: 'not base64!', protection: 'os' }, 'apiKey.ciphertext must be non-empty base64 text (the encrypted key).'],
    [{ ciphertext: '', protection: 'os' }, 'apiKey.ciphertext must be non-empty base64 text (the encrypted key).'],
    [{ ciphertext: 'YWJj', protection: 'keychain' }, 'apiKey.protection must be "os" or "basic_text" (got "keychain").'],
    [{ ciphertext: 'YWJj', protection: 'os', key: 'x' }, 'apiKey.key is not part of a stored key; it holds only ciphertext and protection.'],
  ])('refuses %j', (value, message) => {
    expect(() => parseApiKeyCipher(value)).toThrow(message);
  });
});

describe('readSettings', () => {
  it('reads a complete, valid file as it is', () => {
    expect(readSettings(CUSTOM)).toEqual({ settings: CUSTOM, problems: [] });
  });

  it('fills missing fields with their defaults, silently', () => {
    expect(readSettings({ version: SETTINGS_VERSION, workspace: 'acme' })).toEqual({ settings: { ...DEFAULT_APP_SETTINGS, workspace: 'acme' }, problems: [] });
  });

  it('resets only the invalid fields, and says which, what they held and what they are now', () => {
    const { settings, problems } = readSettings({ ...CUSTOM, intervalMinutes: 'five', window: '2h', retention: { hourlyDays: -1 } });
    expect(settings).toEqual({ ...CUSTOM, intervalMinutes: 5, window: '24h', retention: DEFAULT_APP_SETTINGS.retention });
    expect(problems).toEqual([
      'intervalMinutes must be a whole number of minutes from 1 to 1440 (got "five"). It was reset to the default (5).',
      'window must be one of 1h, 24h, 7d (got "2h"). It was reset to the default ("24h").',
      'retention.hourlyDays must be a whole number of days from 1 to 3650 (got -1). It was reset to the default ({"hourlyDays":90,"dailyDays":730,"snapshotFullDays":7}).',
    ]);
  });

  it('drops a damaged API key without showing what it held', () => {
    const { settings, problems } = readSettings({ ...CUSTOM, apiKey: { ciphertext: 'rf_notBase64_secret!', protection: 'os' } });
    expect(settings.apiKey).toBeNull();
    expect(problems).toEqual([
      'The stored API key could not be read: apiKey.ciphertext must be non-empty base64 text (the encrypted key). It was removed; enter the API key again in Settings.',
    ]);
    expect(problems.join(' ')).not.toContain('secret');
  });

  it('keeps every alert setting that is valid on its own', () => {
    const { settings, problems } = readSettings({
      ...CUSTOM,
      alerts: {
        rules: { TrafficDrop: { maxRatio: 2 }, LatencyUp: { factor: 2 } },
        models: { 'hard-hat': { LatencyUp: { recoverFactor: 3 } }, forklift: { ErrorRateUp: { enabled: false } } },
        notifications: { perHour: 0, enabled: false },
        extra: 1,
      },
    });
    expect(settings.alerts).toEqual({ rules: { LatencyUp: { factor: 2 } }, models: { forklift: { ErrorRateUp: { enabled: false } } }, notifications: { enabled: false } });
    expect(problems).toEqual([
      'alerts.extra is not an alert setting; it was ignored.',
      'alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got 2). alerts.rules.TrafficDrop was reset to the default; the other alert settings were kept.',
      'alerts.models["hard-hat"].LatencyUp: recoverFactor (3) must be less than factor (2, from alerts.rules), so that recovering takes a clear margin past the firing threshold. ' +
        'alerts.models["hard-hat"] was reset to the default; the other alert settings were kept.',
      'alerts.notifications.perHour must be a whole number, 1–60 (got 0). alerts.notifications.perHour was reset to the default; the other alert settings were kept.',
    ]);
  });

  it('resets alert sections that are not objects', () => {
    expect(readSettings({ alerts: 'off' }).problems).toEqual([
      'alerts must be an object with rules, models and/or notifications (got "off"); all alert settings were reset to their defaults.',
    ]);
    expect(readSettings({ alerts: { rules: [], notifications: { perHour: 2 } } })).toEqual({
      settings: { ...DEFAULT_APP_SETTINGS, alerts: { notifications: { perHour: 2 } } },
      problems: ['alerts.rules must be an object (got a list); it was reset to its defaults.'],
    });
  });

  it('ignores unknown keys, and says so', () => {
    expect(readSettings({ version: SETTINGS_VERSION, theme: 'dark' })).toEqual({ settings: DEFAULT_APP_SETTINGS, problems: ['"theme" is not a Pulsebar setting; it was ignored.'] });
  });

  it.each([[null], [[1, 2]], ['text'], [42]])('reads %j as the defaults, and says so', (stored) => {
    const { settings, problems } = readSettings(stored);
    expect(settings).toEqual(DEFAULT_APP_SETTINGS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^The settings were not an object \(got .*\); every setting was reset to its default\.$/);
  });

  it('reads anything into settings that a change could set and the JSON schema accepts', () => {
    const anyField = fc.oneof(fc.jsonValue(), fc.constantFrom<unknown>(...Object.values(CUSTOM)));
    const stored = fc.dictionary(fc.constantFrom(...Object.keys(DEFAULT_APP_SETTINGS), 'other'), anyField);
    const schema = settingsJsonSchema();
    fc.assert(
      fc.property(stored, (value) => {
        const { settings } = readSettings({ ...value, version: SETTINGS_VERSION });
        const { apiKey, version, ...rest } = settings;
        expect(validateSettingsPatch(rest)).toEqual(rest);
        expect(parseApiKeyCipher(apiKey)).toEqual(apiKey);
        expect(version).toBe(SETTINGS_VERSION);
        for (const [key, field] of Object.entries(settings)) expect(matchesType(field, schema[key as keyof AppSettings].type)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadSettings', () => {
  it('migrates, then reads, and asks for the result to be written back', () => {
    const loaded = loadSettings({ pollMinutes: 10, quietHours: { start: '22:00', end: '07:00' }, workspace: 'acme' });
    expect(loaded).toEqual({
      settings: { ...DEFAULT_APP_SETTINGS, workspace: 'acme', intervalMinutes: 10, alerts: { notifications: { quietHours: { start: '22:00', end: '07:00' } } } },
      problems: [],
      applied: [1, 2, 3],
      fromNewerVersion: false,
      needsWrite: true,
    });
  });

  it('needs no write for a complete, current file', () => {
    expect(loadSettings(structuredClone(CUSTOM))).toMatchObject({ settings: CUSTOM, problems: [], applied: [], needsWrite: false });
  });

  it('reads a newer file as defaults, never to be written', () => {
    const loaded = loadSettings({ version: SETTINGS_VERSION + 2, intervalMinutes: 'whatever' });
    expect(loaded.settings).toEqual(DEFAULT_APP_SETTINGS);
    expect(loaded.fromNewerVersion).toBe(true);
    expect(loaded.needsWrite).toBe(false);
    expect(loaded.problems).toEqual([
      `The settings file was written by a newer Pulsebar (settings version ${SETTINGS_VERSION + 2}; this one reads up to ${SETTINGS_VERSION}). ` +
        'It was left untouched and the default settings are in use; changes cannot be saved until you update Pulsebar.',
    ]);
  });
});

describe('settingsJsonSchema', () => {
  it('gives each field the JSON type of its default, null allowed where the default is null', () => {
    expect(settingsJsonSchema()).toEqual({
      version: { type: 'number' },
      workspace: { type: ['string', 'null'] },
      baseUrl: { type: 'string' },
      models: { type: 'array' },
      intervalMinutes: { type: 'number' },
      window: { type: 'string' },
      apiKey: { type: ['object', 'null'] },
      demo: { type: 'boolean' },
      launchAtLogin: { type: 'boolean' },
      retention: { type: 'object' },
      alerts: { type: 'object' },
      onboarded: { type: 'boolean' },
    });
  });
});

function matchesType(value: unknown, type: string | readonly string[]): boolean {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return (typeof type === 'string' ? [type] : type).includes(actual);
}
