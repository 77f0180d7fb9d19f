// The desktop app's settings: one object, its defaults and its checks. Two ways in, checked
// differently on purpose: a change from the UI is refused whole when any part is wrong (the user
// is there to fix it), while a stored file keeps every good field and resets only the bad ones
// (a hand-edited file with one typo must not lose everything else).
import { isDeepStrictEqual } from 'node:util';
import * as v from 'valibot';
import { parseAlertSettings } from '../alerts/alert-settings';
import type { PolicySettings } from '../alerts/policy-settings';
import type { ThresholdOverrides } from '../alerts/thresholds';
import { BaseUrlError, DEFAULT_BASE_URL, parseBaseUrl } from '../base-url';
import { DEFAULT_WINDOW, WINDOW_LENGTHS, type WindowLength } from '../headline-window';
import { DEFAULT_RETENTION, type RetentionSettings } from '../history/types';
import { DEFAULT_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../poller/schedule';
import { migrateSettings, SETTINGS_VERSION } from './migrations';
import { describeValue } from '../describe-value';

/** The API key as stored: encrypted by the shell (safeStorage), never the key itself. */
export interface ApiKeyCipher {
  /** base64 of safeStorage.encryptString's bytes. */
  readonly ciphertext: string;
  /** 'basic_text': Linux without a keyring, where safeStorage only obfuscates; the UI says so. */
  readonly protection: 'os' | 'basic_text';
}

/** What parseAlertSettings accepts, kept as the user wrote it (defaults are filled when read). */
export interface AlertSettingsInput {
  readonly rules?: ThresholdOverrides;
  readonly models?: Readonly<Record<string, ThresholdOverrides>>;
  readonly notifications?: Partial<PolicySettings>;
}

export interface AppSettings {
  /** The settings file's version (migrations.ts); always SETTINGS_VERSION once read. */
  readonly version: number;
  /** The Roboflow workspace id; null until the user sets one. */
  readonly workspace: string | null;
  readonly baseUrl: string;
  /** Only these models; empty = all. */
  readonly models: readonly string[];
  readonly intervalMinutes: number;
  readonly window: WindowLength;
  readonly apiKey: ApiKeyCipher | null;
  /** The first run chose "Explore with demo data". */
  readonly demo: boolean;
  readonly launchAtLogin: boolean;
  readonly retention: RetentionSettings;
  readonly alerts: AlertSettingsInput;
  readonly onboarded: boolean;
}

export const MAX_INTERVAL_MINUTES = 1440;
/** Ten years: past it a typo (36500) is likelier than a wish. */
export const MAX_RETENTION_DAYS = 3650;

export const DEFAULT_APP_SETTINGS: AppSettings = deepFreeze({
  version: SETTINGS_VERSION,
  workspace: null,
  baseUrl: DEFAULT_BASE_URL,
  models: [],
  intervalMinutes: DEFAULT_INTERVAL_MINUTES,
  window: DEFAULT_WINDOW,
  apiKey: null,
  demo: false,
  launchAtLogin: false,
  retention: { ...DEFAULT_RETENTION },
  alerts: {},
  onboarded: false,
});

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): AppSettings {
  return structuredClone(DEFAULT_APP_SETTINGS);
}

export interface SettingsIssue {
  /** The setting at fault, or null when the change as a whole is wrong. */
  readonly field: string | null;
  readonly message: string;
}

/** A refused change: every issue found, each naming the setting, its value and what is allowed. */
export class SettingsError extends RangeError {
  readonly issues: readonly SettingsIssue[];
  static {
    this.prototype.name = 'SettingsError';
  }
  constructor(issues: readonly SettingsIssue[]) {
    super(issues.map((issue) => issue.message).join(' '));
    this.issues = issues;
  }
}

/** Thrown by a field's check; its message names the field. */
class FieldError extends Error {}

type Field = Exclude<keyof AppSettings, 'version'>;
type Check<T> = (value: unknown) => T;

const FIELDS: { readonly [K in Field]: Check<AppSettings[K]> } = {
  workspace: checkWith(
    v.nullable(
      v.pipe(
        v.string(got('workspace must be null or a workspace id from your Roboflow URL')),
        v.trim(),
        v.check(isWorkspaceId, got('workspace must be the workspace id from your Roboflow URL (no spaces, "/", "?" or "#")')),
      ),
    ),
  ),
  baseUrl: checkBaseUrl,
  models: checkWith(
    v.pipe(
      v.array(
        v.pipe(
          v.string(got('models must hold model ids only')),
          v.trim(),
          v.check((id) => id !== '' && !id.includes(','), got('models must hold model ids, none empty and none with a comma')),
        ),
        got('models must be a list of model ids (an empty list means every model)'),
      ),
      v.maxLength(1000, (issue) => `models can list at most 1000 model ids (got ${String(issue.received)}).`),
      v.transform((ids) => [...new Set(ids)]),
    ),
  ),
  intervalMinutes: checkWith(wholeNumber('intervalMinutes', 'a whole number of minutes', MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES)),
  window: checkWith(v.picklist(Object.keys(WINDOW_LENGTHS) as WindowLength[], got(`window must be one of ${Object.keys(WINDOW_LENGTHS).join(', ')}`))),
  apiKey: checkApiKeyCipher,
  demo: checkWith(v.boolean(got('demo must be true or false'))),
  launchAtLogin: checkWith(v.boolean(got('launchAtLogin must be true or false'))),
  retention: checkWith(retentionSchema()),
  alerts: checkAlerts,
  onboarded: checkWith(v.boolean(got('onboarded must be true or false'))),
};

const FIELD_NAMES = Object.keys(FIELDS) as Field[];
const PATCHABLE = FIELD_NAMES.filter((field) => field !== 'apiKey');

/**
 * Checks a change from the UI: every key is checked, unknown ones and apiKey are refused.
 * Returns the change with values normalised (trimmed, de-duplicated); throws a SettingsError
 * listing every problem. Each field given replaces the stored one whole.
 */
export function validateSettingsPatch(patch: unknown): Partial<AppSettings> {
  if (!isRecord(patch)) {
    throw new SettingsError([{ field: null, message: `A settings change must be an object of settings to change (got ${describeValue(patch)}).` }]);
  }
  const issues: SettingsIssue[] = [];
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'apiKey') {
      issues.push({ field: key, message: 'apiKey cannot be changed with the other settings: use setApiKey, which encrypts the key before it is stored.' });
    } else if (key === 'version') {
      issues.push({ field: key, message: 'version is kept by Pulsebar itself and cannot be changed.' });
    } else if (!isField(key)) {
      issues.push({ field: key, message: `${describeValue(key)} is not a setting; the settings are ${PATCHABLE.join(', ')}.` });
    } else {
      try {
        checked[key] = FIELDS[key](value);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        issues.push({ field: key, message: error.message });
      }
    }
  }
  if (issues.length > 0) throw new SettingsError(issues);
  return checked as Partial<AppSettings>;
}

/** Checks what the shell is about to store for the API key; throws a SettingsError. */
export function parseApiKeyCipher(value: unknown): ApiKeyCipher | null {
  try {
    return checkApiKeyCipher(value);
  } catch (error) {
    if (error instanceof FieldError) throw new SettingsError([{ field: 'apiKey', message: error.message }]);
    throw error;
  }
}

/**
 * Reads stored settings (already migrated): keeps every valid field, resets each invalid one to
 * its default and says so in `problems`, one sentence each. Unknown keys are dropped, and said.
 */
export function readSettings(stored: unknown): { settings: AppSettings; problems: string[] } {
  if (!isRecord(stored)) {
    return { settings: defaultSettings(), problems: [`The settings were not an object (got ${describeValue(stored)}); every setting was reset to its default.`] };
  }
  const problems: string[] = [];
  if (stored['version'] !== undefined && stored['version'] !== SETTINGS_VERSION) {
    problems.push(`The settings said version ${describeValue(stored['version'])}; they were read as version ${SETTINGS_VERSION}.`);
  }
  const settings: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const field of FIELD_NAMES) {
    const value = stored[field];
    const fallback = structuredClone(DEFAULT_APP_SETTINGS[field]);
    if (value === undefined) {
      settings[field] = fallback;
    } else if (field === 'alerts') {
      settings[field] = salvageAlerts(value, problems);
    } else {
      try {
        settings[field] = FIELDS[field](value);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        settings[field] = fallback;
        problems.push(
          field === 'apiKey'
            ? `The stored API key could not be read: ${error.message} It was removed; enter the API key again in Settings.`
            : `${error.message} It was reset to the default (${JSON.stringify(fallback)}).`,
        );
      }
    }
  }
  for (const key of Object.keys(stored)) {
    if (key !== 'version' && !isField(key)) problems.push(`${describeValue(key)} is not a Pulsebar setting; it was ignored.`);
  }
  return { settings: settings as unknown as AppSettings, problems };
}

export interface LoadedSettings {
  readonly settings: AppSettings;
  readonly problems: string[];
  /** The migrations that ran. */
  readonly applied: number[];
  /** The file is from a newer Pulsebar: defaults are in use and the file must not be written. */
  readonly fromNewerVersion: boolean;
  /** What was stored differs from `settings` (migrated, repaired or incomplete): write it back. */
  readonly needsWrite: boolean;
}

/** Migrates, then reads: what the shell does with the contents of the settings file. */
export function loadSettings(stored: unknown): LoadedSettings {
  if (!isRecord(stored)) return { ...readSettings(stored), applied: [], fromNewerVersion: false, needsWrite: true };
  const migrated = migrateSettings(stored);
  if (migrated.newer) {
    const problem =
      `The settings file was written by a newer Pulsebar (settings version ${migrated.from}; this one reads up to ${SETTINGS_VERSION}). ` +
      'It was left untouched and the default settings are in use; changes cannot be saved until you update Pulsebar.';
    return { settings: defaultSettings(), problems: [...migrated.problems, problem], applied: [], fromNewerVersion: true, needsWrite: false };
  }
  const read = readSettings(migrated.data);
  return {
    settings: read.settings,
    problems: [...migrated.problems, ...read.problems],
    applied: migrated.applied,
    fromNewerVersion: false,
    needsWrite: !isDeepStrictEqual(stored, read.settings),
  };
}

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
type NullableField = { [K in keyof AppSettings]: null extends AppSettings[K] ? K : never }[keyof AppSettings];
/** The type of the fields whose default is null: the default alone cannot say. */
const NULLABLE_TYPES: { readonly [K in NullableField]: JsonType } = { workspace: 'string', apiKey: 'object' };

/**
 * The store's JSON schema (conf's `schema` option), derived from the defaults: types only. The
 * checks above are the real ones; this is a last guard against writing a value of the wrong type.
 */
export function settingsJsonSchema(): Record<keyof AppSettings, { type: JsonType | JsonType[] }> {
  const entries = Object.entries(DEFAULT_APP_SETTINGS).map(([key, value]: [string, unknown]) => {
    const nullable = (NULLABLE_TYPES as Readonly<Record<string, JsonType>>)[key];
    return [key, { type: value === null ? [nullable ?? 'null', 'null'] : jsonTypeOf(value) }];
  });
  return Object.fromEntries(entries) as Record<keyof AppSettings, { type: JsonType | JsonType[] }>;
}

function jsonTypeOf(value: unknown): JsonType {
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return value === null ? 'null' : 'object';
}

// ---- the checks ------------------------------------------------------------------------------

function checkWith<T>(schema: v.GenericSchema<unknown, T>): Check<T> {
  return (value) => {
    const result = v.safeParse(schema, value, { abortEarly: true });
    if (result.success) return result.output;
    throw new FieldError(result.issues[0].message);
  };
}

/** A message function: `what` plus the offending value, shortened. */
function got(what: string) {
  return (issue: v.BaseIssue<unknown>) => `${what} (got ${describeValue(issue.input)}).`;
}

function wholeNumber(name: string, kind: string, min: number, max: number) {
  const message = got(`${name} must be ${kind} from ${min} to ${max}`);
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

function isWorkspaceId(id: string): boolean {
  // The stats URL's path segment: "." and ".." would be read as dot-segments.
  return id !== '' && id !== '.' && id !== '..' && id.length <= 200 && !/[/?#\s]/.test(id);
}

function checkBaseUrl(value: unknown): string {
  if (typeof value !== 'string') throw new FieldError(`baseUrl must be a URL such as ${DEFAULT_BASE_URL} (got ${describeValue(value)}).`);
  try {
    parseBaseUrl(value);
  } catch (error) {
    if (error instanceof BaseUrlError) throw new FieldError(`baseUrl: ${error.message}`);
    throw error;
  }
  return value.trim();
}

function retentionSchema() {
  const keys = ['hourlyDays', 'dailyDays', 'snapshotFullDays'];
  const days = (key: string, min: number) => wholeNumber(`retention.${key}`, 'a whole number of days', min, MAX_RETENTION_DAYS);
  return v.pipe(
    v.custom<Record<string, unknown>>(isRecord, got(`retention must be an object with ${keys.join(', ')}`)),
    v.strictObject({ hourlyDays: days('hourlyDays', 1), dailyDays: days('dailyDays', 1), snapshotFullDays: days('snapshotFullDays', 0) }, (issue) => {
      const key = shortKey(issue.path?.[0]?.key);
      return issue.expected === 'never' ? `retention.${key} is not a retention setting; the ones are ${keys.join(', ')}.` : `retention must hold ${keys.join(', ')} (${key} is missing).`;
    }),
    // Daily rows are rolled up from hourly ones as they age, and snapshots, polls and alerts all go
    // at dailyDays: keeping any of them longer than that would keep nothing.
    v.check(
      (r) => r.dailyDays >= r.hourlyDays,
      (issue) => `retention.dailyDays (${issue.input.dailyDays}) must be at least retention.hourlyDays (${issue.input.hourlyDays}): daily rollups are made from hourly rows as they age out.`,
    ),
    v.check(
      (r) => r.dailyDays >= r.snapshotFullDays,
      (issue) => `retention.snapshotFullDays (${issue.input.snapshotFullDays}) must be at most retention.dailyDays (${issue.input.dailyDays}): nothing is kept longer than dailyDays.`,
    ),
  );
}

function checkApiKeyCipher(value: unknown): ApiKeyCipher | null {
  if (value === null) return null;
  // Never echo the ciphertext: it is the key, encrypted or (basic_text) barely obfuscated.
  if (!isRecord(value)) throw new FieldError(`apiKey must be null or { ciphertext, protection } (got ${describeValue(value)}).`);
  const extra = Object.keys(value).find((key) => key !== 'ciphertext' && key !== 'protection');
  if (extra !== undefined) throw new FieldError(`apiKey.${shortKey(extra)} is not part of a stored key; it holds only ciphertext and protection.`);
  const { ciphertext, protection } = value;
  if (typeof ciphertext !== 'string' || ciphertext.length === 0 || ciphertext.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) {
    throw new FieldError('apiKey.ciphertext must be non-empty base64 text (the encrypted key).');
  }
  if (protection !== 'os' && protection !== 'basic_text') throw new FieldError(`apiKey.protection must be "os" or "basic_text" (got ${describeValue(protection)}).`);
  return { ciphertext, protection };
}

function checkAlerts(value: unknown): AlertSettingsInput {
  if (!isRecord(value)) throw new FieldError(`alerts must be an object with rules, models and/or notifications (got ${describeValue(value)}).`);
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(value)); // stored as JSON: check what will be stored
  } catch {
    throw new FieldError('alerts must be plain JSON data (numbers, text, true/false, lists and objects).');
  }
  try {
    parseAlertSettings(copy);
  } catch (error) {
    if (error instanceof RangeError) throw new FieldError(error.message.startsWith('alerts') ? error.message : `alerts: ${error.message}`);
    throw error;
  }
  return copy as AlertSettingsInput;
}

const ALERT_SECTIONS = ['rules', 'models', 'notifications'] as const;

/**
 * Stored alert settings, keeping every entry that is valid on its own: one rule's overrides, one
 * model's, one notification setting. The checks across fields all lie within one entry (a rule's
 * hysteresis, a model's overrides on top of the kept rules, quiet hours' start and end).
 */
function salvageAlerts(value: unknown, problems: string[]): AlertSettingsInput {
  if (!isRecord(value)) {
    problems.push(`alerts must be an object with rules, models and/or notifications (got ${describeValue(value)}); all alert settings were reset to their defaults.`);
    return {};
  }
  for (const key of Object.keys(value)) {
    if (!(ALERT_SECTIONS as readonly string[]).includes(key)) problems.push(`alerts.${shortKey(key)} is not an alert setting; it was ignored.`);
  }
  const kept: Record<string, Record<string, unknown>> = {};
  for (const section of ALERT_SECTIONS) {
    const entries = value[section];
    if (entries === undefined) continue;
    if (!isRecord(entries)) {
      problems.push(`alerts.${section} must be an object (got ${describeValue(entries)}); it was reset to its defaults.`);
      continue;
    }
    const good = new Map<string, unknown>();
    for (const [key, entry] of Object.entries(entries)) {
      const candidate = section === 'models' ? { rules: kept['rules'] ?? {}, models: { [key]: entry } } : { [section]: { [key]: entry } };
      try {
        parseAlertSettings(candidate);
        good.set(key, entry);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        const path = section === 'models' ? `alerts.models[${JSON.stringify(key)}]` : `alerts.${section}.${key}`;
        problems.push(`${error.message} ${path} was reset to the default; the other alert settings were kept.`);
      }
    }
    kept[section] = Object.fromEntries(good);
  }
  return structuredClone(kept) as AlertSettingsInput;
}

// ---- helpers ---------------------------------------------------------------------------------

function isField(key: string): key is Field {
  return Object.hasOwn(FIELDS, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A key for a message: as written, but never a wall of text. */
function shortKey(key: unknown): string {
  const text = String(key);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
