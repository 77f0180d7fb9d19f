// Which history database a reading command (history, export) opens: the demo's, the named
// workspace's, or the only one there is. Never creates one: reading must not invent history.
import { existsSync } from 'node:fs';
import { defaultDataDir, demoHistoryPath, historyPath, workspacesWithHistory } from '../core/data-dir';
import type { CliIo } from './io';
import { UsageError } from './usage';

export const DATA_ARGS = {
  'data-dir': { type: 'string' },
  workspace: { type: 'string' },
  demo: { type: 'boolean' },
} as const;

export interface DataValues {
  'data-dir'?: string | undefined;
  workspace?: string | undefined;
  demo?: boolean | undefined;
}

export function dataDirOf(values: DataValues, io: CliIo): string {
  return values['data-dir'] ?? io.env['PULSEBAR_DATA_DIR'] ?? defaultDataDir(io.platform, io.env, io.homeDir);
}

export function existingHistoryFile(values: DataValues, io: CliIo): { path: string; label: string } {
  const dataDir = dataDirOf(values, io);
  if (values.demo) return mustExist(demoHistoryPath(dataDir), 'the demo', 'pulsebar watch --demo');
  const workspace = values.workspace ?? io.env['ROBOFLOW_WORKSPACE'];
  if (workspace) return mustExist(historyPath(dataDir, workspace), `workspace "${workspace}"`, 'pulsebar watch');
  const known = workspacesWithHistory(dataDir);
  if (known.length === 1) return mustExist(historyPath(dataDir, known[0]!), `workspace "${known[0]}"`, 'pulsebar watch');
  if (known.length === 0) {
    throw new UsageError(`there is no history in ${dataDir} yet. Run "pulsebar watch" (or "pulsebar watch --demo") first, or point --data-dir at another folder.`);
  }
  throw new UsageError(`${dataDir} holds the history of several workspaces (${known.join(', ')}). Choose one with --workspace NAME.`);
}

function mustExist(path: string, label: string, how: string): { path: string; label: string } {
  if (!existsSync(path)) throw new UsageError(`there is no history for ${label} at ${path} yet. Run "${how}" first, or point --data-dir at another folder.`);
  return { path, label };
}
