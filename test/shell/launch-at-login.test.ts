import type * as nodeFs from 'node:fs';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  autostartDesktopEntry,
  autostartPath,
  configHome,
  isLaunchAtLogin,
  launchAtLoginPlan,
  quoteExecArg,
  setLaunchAtLogin,
  startedAtLogin,
  type AutostartFs,
  type LaunchAtLoginDeps,
} from '../../electron/shell/launch-at-login';

function fakeFs() {
  const files = new Map<string, string>();
  const fs = {
    files,
    writeFileSync: vi.fn((path: string, data: string) => void files.set(path, data)),
    rmSync: vi.fn((path: string) => void files.delete(path)),
    mkdirSync: vi.fn(() => undefined),
    existsSync: vi.fn((path: string) => files.has(path)),
  };
  return fs;
}

function fakeApp(status: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found' = 'enabled') {
  let openAtLogin = false;
  return {
    setLoginItemSettings: vi.fn((settings: { openAtLogin?: boolean }) => {
      openAtLogin = settings.openAtLogin ?? false;
    }),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin, wasOpenedAtLogin: false, status, executableWillLaunchAtLogin: openAtLogin, launchItems: [] })),
  };
}

function deps(platform: NodeJS.Platform, overrides: Partial<LaunchAtLoginDeps> = {}) {
  const fs = fakeFs();
  const app = fakeApp();
  const all = { platform, app, execPath: '/opt/Pulsebar/pulsebar', env: {}, homeDir: '/home/ada', fs, ...overrides };
  return { deps: all, fs, app };
}

describe('launchAtLoginPlan', () => {
  it('uses login items on macOS and Windows, an autostart file elsewhere', () => {
    expect(launchAtLoginPlan('darwin')).toBe('login-items');
    expect(launchAtLoginPlan('win32')).toBe('login-items');
    expect(launchAtLoginPlan('linux')).toBe('autostart-file');
    expect(launchAtLoginPlan('freebsd')).toBe('autostart-file');
  });
});

describe('autostart location', () => {
  it('follows XDG_CONFIG_HOME when absolute, else ~/.config', () => {
    expect(configHome({ XDG_CONFIG_HOME: '/xdg/config' }, '/home/ada')).toBe('/xdg/config');
    expect(configHome({}, '/home/ada')).toBe('/home/ada/.config');
    expect(configHome({ XDG_CONFIG_HOME: '' }, '/home/ada')).toBe('/home/ada/.config');
    expect(configHome({ XDG_CONFIG_HOME: 'relative/config' }, '/home/ada')).toBe('/home/ada/.config');
    expect(autostartPath('/xdg/config')).toBe('/xdg/config/autostart/pulsebar.desktop');
    expect(autostartPath()).toMatch(/\/autostart\/pulsebar\.desktop$/);
  });
});

describe('quoteExecArg', () => {
  it('leaves plain paths alone and quotes the ones with reserved characters', () => {
    expect(quoteExecArg('/opt/Pulsebar/pulsebar')).toBe('/opt/Pulsebar/pulsebar');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
    expect(quoteExecArg('/home/ada/My Apps/Pulsebar.AppImage')).toBe('"/home/ada/My Apps/Pulsebar.AppImage"');
    expect(quoteExecArg('/a/"b"/$c/`d`/e\\f')).toBe('"/a/\\"b\\"/\\$c/\\`d\\`/e\\\\f"');
    expect(quoteExecArg("/a/it's")).toBe('"/a/it\'s"');
    expect(quoteExecArg('/a/100%')).toBe('/a/100%%');
    expect(quoteExecArg('')).toBe('""');
  });
});

describe('autostartDesktopEntry', () => {
  it('is a freedesktop entry that starts Pulsebar hidden', () => {
    const entry = autostartDesktopEntry({ execPath: '/opt/Pulsebar/pulsebar' });
    const lines = entry.split('\n');
    expect(lines[0]).toBe('[Desktop Entry]');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Type=Application',
        'Name=Pulsebar',
        'Exec=/opt/Pulsebar/pulsebar --hidden',
        'X-GNOME-Autostart-enabled=true',
        'Hidden=false',
        'NoDisplay=false',
        'Terminal=false',
      ]),
    );
    expect(lines.some((line) => /^Comment=\S/.test(line))).toBe(true);
    expect(entry.endsWith('\n')).toBe(true);
  });

  it('prefers the AppImage over the temporary mount execPath points into', () => {
    const entry = autostartDesktopEntry({ execPath: '/tmp/.mount_PulsebXyz/pulsebar', appImagePath: '/home/ada/Apps/Pulsebar-0.1.0.AppImage' });
    expect(entry).toContain('Exec=/home/ada/Apps/Pulsebar-0.1.0.AppImage --hidden\n');
    expect(entry).not.toContain('.mount_');
  });

  it('quotes paths with spaces and applies the string escapes on top', () => {
    expect(autostartDesktopEntry({ execPath: '/home/ada/My Apps/pulsebar' })).toContain('Exec="/home/ada/My Apps/pulsebar" --hidden\n');
    // A backslash in a quoted argument is written as four, a dollar sign as \\$ (Desktop Entry spec).
    expect(autostartDesktopEntry({ execPath: '/odd dir/a\\b$c' })).toContain('Exec="/odd dir/a\\\\\\\\b\\\\$c" --hidden\n');
  });

  it('takes another name', () => {
    expect(autostartDesktopEntry({ execPath: '/p', name: 'Pulsebar (beta)' })).toContain('Name=Pulsebar (beta)\n');
  });
});

describe('setLaunchAtLogin and isLaunchAtLogin on Linux', () => {
  it('writes and removes the autostart file under XDG_CONFIG_HOME', () => {
    const { deps: linux, fs, app } = deps('linux', { env: { XDG_CONFIG_HOME: '/xdg' } });
    expect(isLaunchAtLogin(linux)).toBe(false);
    expect(setLaunchAtLogin(true, linux)).toEqual({ ok: true, enabled: true, notice: null });
    expect(fs.mkdirSync).toHaveBeenCalledWith('/xdg/autostart', { recursive: true });
    expect(fs.files.get('/xdg/autostart/pulsebar.desktop')).toContain('Exec=/opt/Pulsebar/pulsebar --hidden\n');
    expect(isLaunchAtLogin(linux)).toBe(true);

    expect(setLaunchAtLogin(false, linux)).toEqual({ ok: true, enabled: false, notice: null });
    expect(fs.rmSync).toHaveBeenCalledWith('/xdg/autostart/pulsebar.desktop', { force: true });
    expect(isLaunchAtLogin(linux)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses ~/.config and $APPIMAGE when running as an AppImage', () => {
    const { deps: linux, fs } = deps('linux', { execPath: '/tmp/.mount_Pulse/pulsebar', env: { APPIMAGE: '/home/ada/Apps/Pulse bar.AppImage' } });
    setLaunchAtLogin(true, linux);
    expect(fs.files.get('/home/ada/.config/autostart/pulsebar.desktop')).toContain('Exec="/home/ada/Apps/Pulse bar.AppImage" --hidden\n');
  });

  it('explains a file that cannot be written', () => {
    const { deps: linux, fs } = deps('linux');
    fs.writeFileSync.mockImplementation(() => {
      throw new Error('EACCES: permission denied');
    });
    const result = setLaunchAtLogin(true, linux);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/turn on.*EACCES.*\/home\/ada\/\.config\/autostart\/pulsebar\.desktop.*writable/);
  });
});

describe('setLaunchAtLogin and isLaunchAtLogin with login items', () => {
  it('on Windows registers the executable with --hidden, and checks and removes the same item', () => {
    const { deps: windows, app, fs } = deps('win32', { execPath: 'C:\\Program Files\\Pulsebar\\Pulsebar.exe' });
    const item = { path: 'C:\\Program Files\\Pulsebar\\Pulsebar.exe', args: ['--hidden'] };
    expect(setLaunchAtLogin(true, windows)).toEqual({ ok: true, enabled: true, notice: null });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true, ...item });
    expect(isLaunchAtLogin(windows)).toBe(true);
    expect(app.getLoginItemSettings).toHaveBeenLastCalledWith(item);
    setLaunchAtLogin(false, windows);
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, ...item });
    expect(isLaunchAtLogin(windows)).toBe(false);
    expect(fs.writeFileSync).not.toHaveBeenCalled();
  });

  it('on macOS opens at login and reports a login item that needs approval', () => {
    const { deps: mac, app } = deps('darwin');
    expect(setLaunchAtLogin(true, mac)).toEqual({ ok: true, enabled: true, notice: null });
    expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
    expect(isLaunchAtLogin(mac)).toBe(true);
    expect(app.getLoginItemSettings).toHaveBeenLastCalledWith();

    const pending = deps('darwin', { app: fakeApp('requires-approval') });
    const result = setLaunchAtLogin(true, pending.deps);
    expect(result).toMatchObject({ ok: true, enabled: true, notice: expect.stringMatching(/Login Items/) });
    expect(setLaunchAtLogin(false, pending.deps)).toEqual({ ok: true, enabled: false, notice: null });
  });

  it('explains a refusal from the system', () => {
    const { deps: mac, app } = deps('darwin');
    app.setLoginItemSettings.mockImplementation(() => {
      throw new Error('Operation not permitted');
    });
    expect(setLaunchAtLogin(true, mac)).toMatchObject({ ok: false, message: expect.stringMatching(/turn on.*Operation not permitted/) });
  });
});

describe('startedAtLogin', () => {
  it('sees --hidden on any platform and wasOpenedAtLogin on macOS', () => {
    const app = fakeApp();
    expect(startedAtLogin({ platform: 'linux', argv: ['/opt/Pulsebar/pulsebar', '--hidden'], app })).toBe(true);
    expect(startedAtLogin({ platform: 'win32', argv: ['Pulsebar.exe'], app })).toBe(false);
    expect(startedAtLogin({ platform: 'darwin', argv: ['Pulsebar'], app })).toBe(false);
    app.getLoginItemSettings.mockReturnValue({ openAtLogin: true, wasOpenedAtLogin: true, status: 'enabled', executableWillLaunchAtLogin: false, launchItems: [] });
    expect(startedAtLogin({ platform: 'darwin', argv: ['Pulsebar'], app })).toBe(true);
  });
});

describe('types', () => {
  it('node:fs fits the file-system dependency', () => {
    expectTypeOf<typeof nodeFs>().toExtend<AutostartFs>();
  });
});
