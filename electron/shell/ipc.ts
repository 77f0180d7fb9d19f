import { ipcMain } from 'electron';
import type { IpcChannel } from '../contract';
import type { IpcHandlers } from './ipc-types';

export function registerIpcHandlers(handlers: IpcHandlers): void {
  for (const channel of Object.keys(handlers) as IpcChannel[]) {
    const handle = handlers[channel] as (...args: unknown[]) => unknown;
    ipcMain.handle(channel, (_event, ...args: unknown[]) => handle(...args));
  }
}
