// The app settings' public surface: import from here rather than from the parts.
export {
  DEFAULT_APP_SETTINGS,
  MAX_INTERVAL_MINUTES,
  MAX_RETENTION_DAYS,
  SettingsError,
  defaultSettings,
  loadSettings,
  parseApiKeyCipher,
  readSettings,
  settingsJsonSchema,
  validateSettingsPatch,
} from './app-settings';
export type { AlertSettingsInput, ApiKeyCipher, AppSettings, LoadedSettings, SettingsIssue } from './app-settings';
export { SETTINGS_VERSION, listMigrations, migrateSettings } from './migrations';
export type { MigrationResult } from './migrations';
