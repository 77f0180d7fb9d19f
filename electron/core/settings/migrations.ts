// The settings file's own versions and the steps between them. Ours rather than electron-store's
// `migrations` option: those are keyed by the app's semver and run inside the store's
// constructor, after it has read (and possibly rewritten) the file; a plain integer in the file
// can be checked before anything touches it, and a file from a newer Pulsebar left alone.

/** One step: takes a file at `version - 1` to `version`. Must not modify its input. */
interface Migration {
  readonly version: number;
  /** What it changes, for tests and for whoever adds the next one. */
  readonly summary: string;
  readonly up: (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    // Pre-release builds wrote no version at all; from here on every file carries one.
    summary: 'adds version',
    up: (data) => ({ ...data, version: 1 }),
  },
  {
    version: 2,
    // Pre-release builds called the poll interval `pollMinutes`. A file holding both keeps the
    // newer name's value: it is the one the app wrote last.
    summary: 'renames pollMinutes to intervalMinutes',
    up: (data) => {
      const { pollMinutes, ...rest } = data;
      const moved = pollMinutes !== undefined && rest['intervalMinutes'] === undefined ? { intervalMinutes: pollMinutes } : {};
      return { ...rest, ...moved, version: 2 };
    },
  },
  {
    version: 3,
    // Quiet hours became a notification-policy setting (alerts.notifications.quietHours). When
    // they cannot be moved (alerts is not an object, or already has quiet hours), the key stays
    // where it is and reading the settings reports it, rather than losing it here silently.
    summary: 'moves quietHours under alerts.notifications',
    up: (data) => {
      const { quietHours, ...rest } = data;
      if (quietHours === undefined) return { ...rest, version: 3 };
      const alerts = rest['alerts'] ?? {};
      const notifications = isRecord(alerts) ? (alerts['notifications'] ?? {}) : undefined;
      if (!isRecord(alerts) || !isRecord(notifications) || notifications['quietHours'] !== undefined) return { ...data, version: 3 };
      return { ...rest, alerts: { ...alerts, notifications: { ...notifications, quietHours } }, version: 3 };
    },
  },
];

/** The version this Pulsebar writes: the last migration's. */
export const SETTINGS_VERSION = 3;

export interface MigrationResult {
  /** The settings at SETTINGS_VERSION; for a newer file, the stored object itself, untouched. */
  readonly data: Record<string, unknown>;
  /** The versions whose migrations ran, in order. */
  readonly applied: number[];
  /** The version the file said it was at (0 when it said nothing usable). */
  readonly from: number;
  /** The file is from a newer Pulsebar: nothing was changed, and it must not be written over. */
  readonly newer: boolean;
  /** Things the user may want to know, as sentences. */
  readonly problems: string[];
}

/** Runs the migrations from the stored version (missing = 0) up to SETTINGS_VERSION, in order. */
export function migrateSettings(stored: Record<string, unknown>): MigrationResult {
  const problems: string[] = [];
  const version = stored['version'];
  let from = 0;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) {
    from = version;
  } else if (version !== undefined) {
    // Every migration leaves a file that already has its change alone, so running them all on a
    // current file does no harm; skipping them on an old one would misread it.
    problems.push(`The settings file's version (${JSON.stringify(version) ?? String(version)}) is not a version number; it was read as an unversioned file.`);
  }
  if (from > SETTINGS_VERSION) return { data: stored, applied: [], from, newer: true, problems };
  let data: Record<string, unknown> = structuredClone(stored);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= from) continue;
    data = migration.up(data);
    applied.push(migration.version);
  }
  return { data, applied, from, newer: false, problems };
}

/** The migrations' versions and summaries, oldest first (for tests and diagnostics). */
export function listMigrations(): { readonly version: number; readonly summary: string }[] {
  return MIGRATIONS.map(({ version, summary }) => ({ version, summary }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
