// Launch at login. macOS and Windows keep login items for us (app.setLoginItemSettings);
// Electron has no such API on Linux, where the freedesktop way is a .desktop file in
// $XDG_CONFIG_HOME/autostart. Started at login, Pulsebar goes straight to the tray with no
// window: `--hidden` says so on Windows and Linux; macOS ignores login item arguments, so
// there main asks `wasOpenedAtLogin` instead (see `startedAtLogin`).
import { posix } from 'node:path';
import { homedir } from 'node:os';
import type { App } from 'electron';

export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE_NAME = 'pulsebar.desktop';

export type LaunchAtLoginPlan = 'login-items' | 'autostart-file';

/** How launch at login is done on a platform. */
export function launchAtLoginPlan(platform: NodeJS.Platform): LaunchAtLoginPlan {
  // Every other platform Electron runs on (Linux, the BSDs) has a freedesktop session.
  return platform === 'darwin' || platform === 'win32' ? 'login-items' : 'autostart-file';
}

/** The narrow file-system surface the Linux plan needs; `node:fs` fits it. */
export interface AutostartFs {
  writeFileSync(path: string, data: string, options: { encoding: 'utf8'; mode: number }): void;
  rmSync(path: string, options: { force: boolean }): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  existsSync(path: string): boolean;
}

export interface LaunchAtLoginDeps {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  /** `process.execPath`. */
  execPath: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  fs: AutostartFs;
}

export type LaunchAtLoginResult = { ok: true; enabled: boolean; notice: string | null } | { ok: false; message: string };

/** $XDG_CONFIG_HOME when set to an absolute path (the XDG spec says to ignore a relative one), else ~/.config. */
export function configHome(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const xdg = env['XDG_CONFIG_HOME'];
  return xdg !== undefined && posix.isAbsolute(xdg) ? xdg : posix.join(homeDir, '.config');
}

export function autostartPath(configHomeDir: string = configHome(process.env, homedir())): string {
  return posix.join(configHomeDir, 'autostart', AUTOSTART_FILE_NAME);
}

// The Desktop Entry spec's reserved characters: an argument holding one must be quoted.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/** One Exec argument, quoted and escaped as the Desktop Entry spec asks (before string escaping). */
export function quoteExecArg(arg: string): string {
  const literal = arg.replace(/%/g, '%%'); // `%` starts a field code such as %f
  if (literal.length > 0 && !RESERVED.test(literal)) return literal;
  return `"${literal.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

// The general escapes of a string value, applied by readers before the Exec quoting rules:
// this is why a literal backslash in a quoted path ends up written as four.
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

export interface DesktopEntryOptions {
  execPath: string;
  /** $APPIMAGE: execPath points into the AppImage's temporary mount, gone after a restart. */
  appImagePath?: string;
  name?: string;
}

/** The autostart .desktop file that starts Pulsebar in the tray. */
export function autostartDesktopEntry(options: DesktopEntryOptions): string {
  const target = options.appImagePath !== undefined && options.appImagePath !== '' ? options.appImagePath : options.execPath;
  const exec = [target, HIDDEN_ARG].map(quoteExecArg).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${escapeValue(options.name ?? 'Pulsebar')}`,
    'Comment=Watches your Roboflow models from the tray and tells you when one regresses',
    `Exec=${escapeValue(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'Hidden=false',
    'NoDisplay=false',
    '',
  ].join('\n');
}

// Windows compares the registered command line with these to tell whether it is ours, so
// getting, setting and removing must all pass the same path and arguments.
function windowsItem(deps: LaunchAtLoginDeps): { path: string; args: string[] } {
  return { path: deps.execPath, args: [HIDDEN_ARG] };
}

function linuxAutostartPath(deps: LaunchAtLoginDeps): string {
  return autostartPath(configHome(deps.env, deps.homeDir));
}

export function setLaunchAtLogin(enabled: boolean, deps: LaunchAtLoginDeps): LaunchAtLoginResult {
  const action = enabled ? 'turn on' : 'turn off';
  if (launchAtLoginPlan(deps.platform) === 'autostart-file') {
    const file = linuxAutostartPath(deps);
    try {
      if (enabled) {
        deps.fs.mkdirSync(posix.dirname(file), { recursive: true });
        const appImagePath = deps.env['APPIMAGE'];
        const entry = autostartDesktopEntry({ execPath: deps.execPath, ...(appImagePath ? { appImagePath } : {}) });
        deps.fs.writeFileSync(file, entry, { encoding: 'utf8', mode: 0o644 });
      } else {
        deps.fs.rmSync(file, { force: true });
      }
    } catch (error) {
      return { ok: false, message: `Could not ${action} launch at login: ${errorMessage(error)}. Pulsebar uses the file ${file}; check that its folder is writable, then try again.` };
    }
    return { ok: true, enabled, notice: null };
  }

  try {
    if (deps.platform === 'win32') deps.app.setLoginItemSettings({ openAtLogin: enabled, ...windowsItem(deps) });
    // macOS 13+ ignores `openAsHidden` (Electron dropped it); a tray-only app (LSUIElement)
    // opens no window by itself, and main checks `wasOpenedAtLogin`.
    else deps.app.setLoginItemSettings({ openAtLogin: enabled });
  } catch (error) {
    return { ok: false, message: `Could not ${action} launch at login: ${errorMessage(error)}. Change it in the system's login items settings instead.` };
  }
  const notice =
    enabled && deps.platform === 'darwin' && deps.app.getLoginItemSettings().status === 'requires-approval'
      ? 'macOS needs your approval before Pulsebar can open at login: allow it in System Settings → General → Login Items.'
      : null;
  return { ok: true, enabled, notice };
}

export function isLaunchAtLogin(deps: LaunchAtLoginDeps): boolean {
  switch (launchAtLoginPlan(deps.platform)) {
    case 'autostart-file':
      return deps.fs.existsSync(linuxAutostartPath(deps));
    case 'login-items':
      return (deps.platform === 'win32' ? deps.app.getLoginItemSettings(windowsItem(deps)) : deps.app.getLoginItemSettings()).openAtLogin;
  }
}

/** Whether this run was started at login, so main stays in the tray without opening a window. */
export function startedAtLogin(deps: { platform: NodeJS.Platform; argv: readonly string[]; app: Pick<App, 'getLoginItemSettings'> }): boolean {
  if (deps.argv.includes(HIDDEN_ARG)) return true;
  return deps.platform === 'darwin' && deps.app.getLoginItemSettings().wasOpenedAtLogin;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
