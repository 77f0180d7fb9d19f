// Where Pulsebar keeps its data. The CLI defaults to the very folder the desktop app uses
// (Electron's userData for "Pulsebar"), so `pulsebar history` shows what the app has seen.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Pulsebar';
const HISTORY_DIR = 'history';
/** Demo data never mixes with a real workspace's history. */
export const DEMO_HISTORY_FILE = 'demo-history.db';

export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const config = env['XDG_CONFIG_HOME'];
  return join(config && config.startsWith('/') ? config : join(home, '.config'), APP_DIR_NAME);
}

/** One database per workspace: switching workspace never mixes two workspaces' figures. */
export function historyPath(dataDir: string, workspace: string): string {
  if (!/^[\w][\w.-]*$/.test(workspace)) throw new RangeError(`"${workspace}" is not a workspace id that can name a history file.`);
  return join(dataDir, HISTORY_DIR, `${workspace}.db`);
}

export function demoHistoryPath(dataDir: string): string {
  return join(dataDir, DEMO_HISTORY_FILE);
}

/** Workspaces that have a history in `dataDir`, by name. */
export function workspacesWithHistory(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, HISTORY_DIR))
      .filter((name) => name.endsWith('.db'))
      .map((name) => name.slice(0, -'.db'.length))
      .sort();
  } catch {
    return [];
  }
}
