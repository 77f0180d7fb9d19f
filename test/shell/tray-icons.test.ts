import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconsDir, trayIconFile } from '../../electron/shell/tray-icons';
import { TRAY_STATES } from '../../electron/shell/tray-state';

describe('trayIconFile', () => {
  it('uses the monochrome Template image on macOS, whatever the theme', () => {
    expect(trayIconFile('warning', { platform: 'darwin', darkTaskbar: false })).toBe('warningTemplate.png');
    expect(trayIconFile('warning', { platform: 'darwin', darkTaskbar: true })).toBe('warningTemplate.png');
  });

  it('picks the variant drawn for the taskbar elsewhere', () => {
    expect(trayIconFile('critical', { platform: 'win32', darkTaskbar: true })).toBe('critical-dark.png');
    expect(trayIconFile('critical', { platform: 'win32', darkTaskbar: false })).toBe('critical-light.png');
    expect(trayIconFile('offline', { platform: 'linux', darkTaskbar: true })).toBe('offline-dark.png');
  });

  it('names only files the generator made, with their @2x siblings', () => {
    const dir = iconsDir(process.cwd(), false);
    for (const state of TRAY_STATES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        for (const darkTaskbar of [false, true]) {
          const file = trayIconFile(state, { platform, darkTaskbar });
          expect(existsSync(join(dir, file)), file).toBe(true);
          expect(existsSync(join(dir, file.replace(/\.png$/, '@2x.png'))), file).toBe(true);
        }
      }
    }
  });
});

describe('iconsDir', () => {
  it('is resources/icons/tray in the project while developing', () => {
    expect(iconsDir('/src/pulsebar', false)).toBe(join('/src/pulsebar', 'resources', 'icons', 'tray'));
  });

  it('is icons/tray beside app.asar once packaged (extraResources)', () => {
    expect(iconsDir('/opt/Pulsebar/resources/app.asar', true)).toBe(join('/opt/Pulsebar/resources', 'icons', 'tray'));
  });
});
