// The IPC handlers as plain functions of their dependencies, so the browser tests can run the
// very same handlers behind a real renderer and preload without Electron.
import type { AppInfo } from '../contract';
import type { IpcHandlers } from './ipc-types';

export interface HandlerDeps {
  appInfo(): AppInfo;
}

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    'app:info': () => deps.appInfo(),
  };
}
