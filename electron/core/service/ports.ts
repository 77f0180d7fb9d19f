// What the monitor service needs from its host: settings and the API key. The desktop shell
// backs them with electron-store and safeStorage; tests with plain objects.
import type { KeyStatus, SetKeyResult, WindowLength } from '../../contract';
import type { RetentionSettings } from '../history/types';

/** The settings the service runs on (the app's settings hold these and more). */
export interface ServiceSettings {
  readonly workspace: string | null;
  readonly baseUrl: string;
  readonly models: readonly string[];
  readonly intervalMinutes: number;
  readonly window: WindowLength;
  /** Runs the bundled demo scenario instead of a workspace (first run: "Explore with demo data"). */
  readonly demo: boolean;
  readonly launchAtLogin: boolean;
  readonly retention: RetentionSettings;
  /** The alert settings object (`parseAlertSettings`): rules, models, notifications. */
  readonly alerts: unknown;
  /** The first run is done. Absent: treated as done when a workspace or the demo is set. */
  readonly onboarded?: boolean;
}

export interface SettingsPort {
  get(): ServiceSettings;
  /** Applies a user's change; throws a RangeError whose message says what was refused and why. */
  update(patch: Readonly<Record<string, unknown>>): ServiceSettings;
  /** Problems found when the settings were loaded, for the user. */
  readonly notices: readonly string[];
}

export interface SecretsPort {
  /** The key, for main's requests only. */
  apiKey(): string | null;
  status(): KeyStatus;
  setApiKey(key: string, options?: { allowWeakProtection?: boolean }): SetKeyResult;
}
