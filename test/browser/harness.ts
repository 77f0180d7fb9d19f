// Runs the built renderer and the built preload in a real Chromium, with the preload's
// `electron` module replaced by a bridge to the real IPC handlers running in this Node process.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { IpcChannel } from '../../electron/contract';
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

/** Installs the built preload, wired to `handlers`, before any page script runs. */
export async function installPreload(page: Page, handlers: IpcHandlers): Promise<void> {
  await page.exposeBinding('__pulsebarIpc', async (_source, channel: IpcChannel, args: unknown[]) => {
    const handle = handlers[channel] as ((...a: unknown[]) => unknown) | undefined;
    if (!handle) throw new Error(`No handler registered for '${channel}'`);
    return handle(...args);
  });
  const preload = readFileSync(join(OUT_DIR, 'preload/index.cjs'), 'utf8');
  await page.addInitScript(`(() => {
    const electron = {
      contextBridge: {
        exposeInMainWorld(key, api) {
          Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true });
        },
      },
      ipcRenderer: {
        invoke: (channel, ...args) => window.__pulsebarIpc(channel, args),
      },
    };
    const require = (name) => {
      if (name === 'electron') return electron;
      throw new Error('a sandboxed preload can only require electron, not ' + name);
    };
    (function (require) {\n${preload}\n})(require);
  })();`);
}
