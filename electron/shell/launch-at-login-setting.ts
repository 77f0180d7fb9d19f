// The "launch at login" setting is stored like any other, and applied to the OS when it changes.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IpcHandlers } from './ipc-types';
import { setLaunchAtLogin, type LaunchAtLoginDeps } from './launch-at-login';

export type LoginDeps = Omit<LaunchAtLoginDeps, 'fs'>;

const fs = { existsSync, mkdirSync, rmSync, writeFileSync };

export function applyLaunchAtLogin(enabled: boolean, deps: LoginDeps, log: (line: string) => void): void {
  const result = setLaunchAtLogin(enabled, { ...deps, fs });
  if (!result.ok) log(result.message);
  else if (result.notice !== null) log(result.notice);
}

/** The handlers, with updateSettings also applying launchAtLogin to the OS once it is saved. */
export function withLaunchAtLogin(handlers: IpcHandlers, deps: LoginDeps, log: (line: string) => void): IpcHandlers {
  return {
    ...handlers,
    updateSettings: async (patch) => {
      const result = await handlers.updateSettings(patch);
      if (result.ok && typeof patch['launchAtLogin'] === 'boolean') applyLaunchAtLogin(result.settings.launchAtLogin, deps, log);
      return result;
    },
  };
}
