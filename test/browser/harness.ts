// Runs the built renderer and the built preload in a real Chromium, with the preload's
// `electron` module replaced by a bridge to the real IPC handlers running in this Node process.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { IPC_METHODS, channelOf, type IpcEvent, type IpcEvents, type IpcMethod } from '../../electron/contract';
import { checkedHandlers } from '../../electron/shell/handlers';
import type { IpcHandlers } from '../../electron/shell/ipc-types';

export const OUT_DIR = resolve('out');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function assertBuilt(): void {
  for (const file of ['renderer/index.html', 'preload/index.cjs']) {
    if (!existsSync(join(OUT_DIR, file))) {
      throw new Error(`out/${file} is missing: run "npm run build" before the browser tests (npm run test:browser does).`);
    }
  }
}

/** Serves out/renderer on loopback: module scripts do not load from file:// in Chromium. */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const root = join(OUT_DIR, 'renderer');
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Installs the built preload, wired to `handlers` (checked as main checks them), before any page script runs. */
export async function installPreload(page: Page, handlers: IpcHandlers): Promise<void> {
  const checked = checkedHandlers(handlers);
  const methods = new Map<string, IpcMethod>(IPC_METHODS.map((method) => [channelOf(method), method]));
  await page.exposeBinding('__pulsebarIpc', async (_source, channel: string, args: unknown[]) => {
    const method = methods.get(channel);
    if (method === undefined) throw new Error(`No handler registered for '${channel}'`);
    return checked[method](...args);
  });
  const preload = readFileSync(join(OUT_DIR, 'preload/index.cjs'), 'utf8');
  await page.addInitScript(`(() => {
    const listeners = new Map();
    const electron = {
      contextBridge: {
        exposeInMainWorld(key, api) {
          Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true });
        },
      },
      ipcRenderer: {
        invoke: (channel, ...args) => window.__pulsebarIpc(channel, args),
        on(channel, listener) {
          if (!listeners.has(channel)) listeners.set(channel, new Set());
          listeners.get(channel).add(listener);
        },
        removeListener(channel, listener) {
          listeners.get(channel)?.delete(listener);
        },
      },
    };
    // What webContents.send does in the app: the test pushes events through it.
    Object.defineProperty(window, '__pulsebarEmit', {
      value: (channel, payload) => { for (const listener of listeners.get(channel) ?? []) listener({ sender: null }, payload); },
    });
    const require = (name) => {
      if (name === 'electron') return electron;
      throw new Error('a sandboxed preload can only require electron, not ' + name);
    };
    (function (require) {\n${preload}\n})(require);
  })();`);
}

/** Pushes an event to the page as main would (webContents.send). */
export async function emitEvent<E extends IpcEvent>(page: Page, event: E, payload: IpcEvents[E]): Promise<void> {
  await page.evaluate(([channel, value]) => (globalThis as unknown as { __pulsebarEmit(c: string, p: unknown): void }).__pulsebarEmit(channel, value), [channelOf(event), payload] as const);
}
