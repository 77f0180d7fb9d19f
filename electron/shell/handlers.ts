// The IPC handlers as plain functions of their dependencies, so the browser tests run the very
// same handlers (payload checks included) behind a real renderer and preload, without Electron.
import { IPC_METHODS, type AppInfo, type IpcMethod } from '../contract';
import type { MonitorService } from '../core/service';
import { checkArgs } from './ipc-schemas';
import type { IpcHandlers } from './ipc-types';

export interface HandlerDeps {
  appInfo(): AppInfo;
  readonly service: MonitorService;
  /** Asks where to save (a dialog in the app) and writes the file; null path when cancelled. */
  saveFile(content: string, suggestedName: string): Promise<{ saved: boolean; path: string | null }>;
}

export function createIpcHandlers(deps: HandlerDeps): IpcHandlers {
  const { service } = deps;
  return {
    appInfo: () => deps.appInfo(),
    getOverview: () => service.overview(),
    getSeries: (requests) => requests.map((request) => service.series(request)),
    getSnapshotAt: (at) => service.snapshotAt(at),
    listAlerts: (range) => service.alerts(range),
    snooze: (request) => service.snooze(request),
    acknowledgeAlert: (id) => service.acknowledgeAlert(id),
    getSettings: () => service.settings(),
    updateSettings: (patch) => service.updateSettings(patch),
    setApiKey: (key, options) => service.setApiKey(key, options),
    testConnection: (request) => service.testConnection(request),
    pollNow: () => service.pollNow(),
    setPaused: (paused) => {
      if (paused) service.pause();
      else service.resume();
      return service.overview().poll;
    },
    exportHistory: async (request) => {
      const file = service.exportHistory(request);
      if (file === null) return { saved: false, path: null };
      return deps.saveFile(file.content, file.fileName);
    },
  };
}

/** A handler taking the renderer's raw arguments: checked against the method's schema first. */
export type CheckedHandler = (...args: unknown[]) => Promise<unknown>;

export function checkedHandlers(handlers: IpcHandlers): Record<IpcMethod, CheckedHandler> {
  return Object.fromEntries(
    IPC_METHODS.map((method) => {
      const handle = handlers[method] as (...args: unknown[]) => unknown;
      return [method, async (...args: unknown[]) => handle(...checkArgs(method, args))];
    }),
  ) as Record<IpcMethod, CheckedHandler>;
}
