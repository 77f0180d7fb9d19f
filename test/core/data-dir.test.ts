import { describe, expect, it } from 'vitest';
import { defaultDataDir, historyPath } from '../../electron/core/data-dir';

describe('defaultDataDir', () => {
  it('matches Electron userData for "Pulsebar" on each platform', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Pulsebar');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Pulsebar');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ada')).toBe('/home/ada/.config/Pulsebar');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Pulsebar');
    expect(defaultDataDir('win32', { APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'C:/Users/ada')).toMatch(/Roaming[\\/]Pulsebar$/);
  });

  it('keeps demo data in its own file', () => {
    expect(historyPath('/d', false)).toBe('/d/history.db');
    expect(historyPath('/d', true)).toBe('/d/demo-history.db');
  });
});
