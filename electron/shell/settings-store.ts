// The settings file: electron-store in the app, conf in tests (electron-store is a subclass).
// Every decision (migrations, what is valid, what gets reset) is the core's; this file does the
// effects: it reads the file itself first, so that a damaged file is moved aside before conf
// could read it as empty and write defaults over it, and a newer Pulsebar's file is never
// handed to conf at all.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Conf from 'conf';
import {
  SETTINGS_VERSION,
  SettingsError,
  defaultSettings,
  loadSettings,
  parseApiKeyCipher,
  settingsJsonSchema,
  validateSettingsPatch,
  type ApiKeyCipher,
  type AppSettings,
} from '../core/settings';

/** conf's and electron-store's default file name (electron-store ignores `configName`). */
export const SETTINGS_FILE_NAME = 'config.json';

export interface SettingsStoreOptions {
  /** The folder of the settings file (the app's userData folder); absolute. */
  readonly cwd: string;
  /** electron-store's class in the app; conf's by default. */
  readonly Store?: typeof Conf;
  /** Names the copy of a damaged file. */
  now(): Date;
}

export interface SettingsStore {
  /** The current settings (a copy). */
  get(): AppSettings;
  /** Checks and saves a change from the UI; throws the core's SettingsError when refused or read-only. */
  update(patch: unknown): AppSettings;
  /** Saves the encrypted API key (the shell encrypts it with safeStorage), or removes it. */
  setApiKeyCipher(value: ApiKeyCipher | null): void;
  /** What the user should be told about the settings file, as sentences; empty when all is well. */
  readonly notices: readonly string[];
  readonly path: string;
}

type StoredSettings = Record<string, unknown>;

const CONF_INTERNAL_KEY = '__internal__';

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const Store = options.Store ?? Conf;
  const cwd = resolve(options.cwd);
  const path = join(cwd, SETTINGS_FILE_NAME);
  const notices: string[] = [];
  // Why changes cannot be saved, or null when they can.
  let readOnly: string | null = null;
  let current: AppSettings = defaultSettings();

  const file = readSettingsFile(path);
  if (file.kind === 'unreadable') {
    notices.push(`Pulsebar could not read its settings file ${path} (${file.code}); the default settings are in use. Check the file's permissions, then restart Pulsebar.`);
    readOnly = `the settings file ${path} could not be read (${file.code})`;
  } else if (file.kind === 'damaged') {
    const aside = moveAside(path, options.now());
    if (typeof aside === 'string') {
      notices.push(`Your settings file was damaged (${file.reason}); it was saved as ${aside} and defaults were loaded.`);
    } else {
      notices.push(`Your settings file ${path} was damaged (${file.reason}) and could not be moved aside (${aside.code}); defaults were loaded and the file was left as it is.`);
      readOnly = `the damaged settings file ${path} could not be moved aside (${aside.code})`;
    }
  } else if (file.kind === 'found') {
    // conf's own bookkeeping (its migrations'), which it keeps in the file whatever is written.
    const { [CONF_INTERNAL_KEY]: _internal, ...data } = file.data;
    const loaded = loadSettings(data);
    notices.push(...loaded.problems);
    current = loaded.settings;
    if (loaded.fromNewerVersion) {
      readOnly = `the settings file ${path} was written by a newer Pulsebar; update Pulsebar to change settings`;
    } else if (loaded.needsWrite) {
      // Through a store without the schema: the file may hold values of the wrong type until
      // this write, and a schema'd store refuses to open on them (clearInvalidConfig: false).
      new Store<StoredSettings>({ cwd, clearInvalidConfig: false }).store = { ...current };
    }
  }

  const store = readOnly === null ? openSchemaStore(Store, cwd, path) : null;
  const save = (next: AppSettings): void => {
    // A SettingsError (a RangeError), like a refused change: the UI shows why rather than failing.
    if (store === null) throw new SettingsError([{ field: null, message: `Settings cannot be saved: ${readOnly ?? 'the store is closed'}.` }]);
    store.store = { ...next, version: SETTINGS_VERSION };
    current = next;
  };

  return {
    get: () => structuredClone(current),
    update(patch) {
      const change = validateSettingsPatch(patch);
      save({ ...current, ...change });
      return structuredClone(current);
    },
    setApiKeyCipher(value) {
      save({ ...current, apiKey: parseApiKeyCipher(value) });
    },
    notices,
    path,
  };
}

function openSchemaStore(Store: typeof Conf, cwd: string, path: string): Conf<StoredSettings> {
  const store = new Store<StoredSettings>({ cwd, schema: settingsJsonSchema(), clearInvalidConfig: false });
  // Both reads must be of the same file: a store configured with another name would not be.
  if (resolve(store.path) !== path) throw new Error(`The settings store opened ${store.path}, not ${path}: it must use its default file name.`);
  return store;
}

type SettingsFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'found'; readonly data: Record<string, unknown> }
  | { readonly kind: 'damaged'; readonly reason: string }
  | { readonly kind: 'unreadable'; readonly code: string };

/** Reads the file as conf would (UTF-8, a byte order mark skipped), without changing it. */
function readSettingsFile(path: string): SettingsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // Not the parser's message: it quotes the file, and the file holds the (encrypted) key.
    return { kind: 'damaged', reason: text.trim() === '' ? 'it was empty' : 'it was not valid JSON' };
  }
  // conf reads anything but an object as an empty store, and its next write would replace the file.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { kind: 'damaged', reason: 'it did not hold a settings object' };
  return { kind: 'found', data: data as Record<string, unknown> };
}

/** Renames the file to config.corrupt-<time>.json beside it; the new path, or why it failed. */
function moveAside(path: string, now: Date): string | { readonly code: string } {
  const stem = basename(path, '.json');
  const stamp = now.toISOString().replaceAll(':', '-');
  let target = join(dirname(path), `${stem}.corrupt-${stamp}.json`);
  // Never over an earlier copy: two damaged files within a millisecond each keep theirs.
  for (let n = 2; existsSync(target); n++) target = join(dirname(path), `${stem}.corrupt-${stamp}-${n}.json`);
  try {
    renameSync(path, target);
    return target;
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
}
