// The renderer's only door to the main process: a narrow, typed API on window.pulsebar.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, apiNameOf, type PulsebarApi } from './contract';

const api = Object.fromEntries(
  IPC_CHANNELS.map((channel) => [apiNameOf(channel), (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
) as PulsebarApi;

contextBridge.exposeInMainWorld('pulsebar', api);
