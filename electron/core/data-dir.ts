// Where Pulsebar keeps its data. The CLI defaults to the very folder the desktop app uses
// (Electron's userData for "Pulsebar"), so `pulsebar history` shows what the app has seen.
import { join } from 'node:path';

export const APP_DIR_NAME = 'Pulsebar';
export const HISTORY_FILE = 'history.db';
/** Demo data never mixes with a real workspace's history. */
export const DEMO_HISTORY_FILE = 'demo-history.db';

export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const config = env['XDG_CONFIG_HOME'];
  return join(config && config.startsWith('/') ? config : join(home, '.config'), APP_DIR_NAME);
}

export function historyPath(dataDir: string, demo: boolean): string {
  return join(dataDir, demo ? DEMO_HISTORY_FILE : HISTORY_FILE);
}
