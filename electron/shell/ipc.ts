// Registers the checked handlers with ipcMain, answering only the popover's own page.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_METHODS, channelOf } from '../contract';
import { checkedHandlers } from './handlers';
import type { IpcHandlers } from './ipc-types';

/** True when the request comes from the app's own renderer (not an iframe or a navigated page). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function registerIpcHandlers(handlers: IpcHandlers, isTrustedSender: SenderCheck): () => void {
  const checked = checkedHandlers(handlers);
  for (const method of IPC_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) throw new Error(`Pulsebar refused ${method} from a page that is not its own.`);
      return checked[method](...args);
    });
  }
  return () => {
    for (const method of IPC_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}

/** The sender check for a page loaded from `expectedUrl` (file:// in production, the dev server in development). */
export function isOwnPage(expectedUrl: string): SenderCheck {
  const expected = new URL(expectedUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame.parent !== null) return false; // main frame only
    try {
      const url = new URL(frame.url);
      return url.protocol === expected.protocol && url.host === expected.host && url.pathname === expected.pathname;
    } catch {
      return false;
    }
  };
}
