// The renderer's only door to the main process: a narrow, typed API on window.pulsebar, built
// from the contract's lists (no raw ipcRenderer, no Node).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENTS, IPC_METHODS, channelOf, type IpcEvent, type PulsebarApi } from './contract';

const methods = Object.fromEntries(IPC_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]));

function on(event: IpcEvent, listener: (payload: unknown) => void): () => void {
  if (!(IPC_EVENTS as readonly string[]).includes(event)) throw new TypeError(`Unknown Pulsebar event "${String(event)}".`);
  // The renderer never sees the IpcRendererEvent (it carries the sender).
  const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channelOf(event), relay);
  return () => void ipcRenderer.removeListener(channelOf(event), relay);
}

contextBridge.exposeInMainWorld('pulsebar', { ...methods, on } as PulsebarApi);
