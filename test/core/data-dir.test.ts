import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, demoHistoryPath, historyPath, workspacesWithHistory } from '../../electron/core/data-dir';

describe('defaultDataDir', () => {
  it('matches Electron userData for "Pulsebar" on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Pulsebar');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Pulsebar');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ada')).toBe('/home/ada/.config/Pulsebar');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Pulsebar');
    expect(defaultDataDir('win32', { APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'C:/Users/ada')).toMatch(/Roaming[\\/]Pulsebar$/);
  });
});

describe('history files', () => {
  it('keeps one file per workspace, and demo data apart', () => {
    expect(historyPath('/d', 'acme-vision')).toBe('/d/history/acme-vision.db');
    expect(demoHistoryPath('/d')).toBe('/d/demo-history.db');
  });

  it.each(['..', '.hidden', 'a/b', '', 'a b'])('refuses %j as a file name', (workspace) => {
    expect(() => historyPath('/d', workspace)).toThrow(RangeError);
  });

  it('lists the workspaces that have a history', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulsebar-dd-'));
    expect(workspacesWithHistory(dir)).toEqual([]);
    mkdirSync(join(dir, 'history'));
    for (const name of ['b-ws.db', 'a-ws.db', 'a-ws.db-wal', 'notes.txt']) writeFileSync(join(dir, 'history', name), '');
    expect(workspacesWithHistory(dir)).toEqual(['a-ws', 'b-ws']);
  });
});
