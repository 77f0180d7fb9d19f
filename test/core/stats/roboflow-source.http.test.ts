// The fetch path end to end with Node's own global fetch against a real loopback server:
// query encoding as a server sees it, streaming, the size cap, truncation and the timeout.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsError } from '../../../electron/core/stats/errors';
import type { BadResponse, NetworkError } from '../../../electron/core/stats/errors';
import { createRoboflowSource } from '../../../electron/core/stats/roboflow-source';
import type { RoboflowSourceOptions } from '../../../electron/core/stats/roboflow-source';
import { loadSeed, WINDOW } from './helpers';

const KEY = 'sk-loop back+key/=';
const seedBody = JSON.stringify(loadSeed());
let server: Server;
let baseUrl: string;
const seen: { path: string; query: Record<string, string> }[] = [];
/** Set by a route when the client went away before the whole body was written. */
const clientLeft = new Set<string>();

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const routes: Record<string, Route> = {
  ok: (_req, res) => {
    // Several writes, so the client really reads a stream.
    res.writeHead(200, { 'content-type': 'application/json' });
    for (let i = 0; i < seedBody.length; i += 97) res.write(seedBody.slice(i, i + 97));
    res.end();
  },
  'streams-too-much': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no Content-Length
    let sent = 0;
    const pump = () => {
      while (sent < 8 * 1024 * 1024) {
        sent += 16 * 1024;
        if (!res.write(' '.repeat(16 * 1024))) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => {
      if (!res.writableFinished) clientLeft.add('streams-too-much');
    });
    pump();
  },
  'declares-too-much': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
    res.write('{"num_inferences":');
    res.on('close', () => clientLeft.add('declares-too-much'));
  },
  truncated: (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(seedBody.length) });
    res.write(seedBody.slice(0, 200), () => req.socket.destroy());
  },
  'slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"num_inferences":'); // ...and nothing more
  },
  'no-answer': () => undefined,
  'gateway-page': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>');
  },
  'bad-key': (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'This API key does not exist (or has been revoked).', type: 'OAuthException', hint: 'Get a key at https://app.roboflow.com' } }));
  },
  'rate-limited': (_req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '12' });
    res.end('{"error":"Too many requests"}');
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const workspace = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    seen.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    (routes[workspace] ?? routes['ok']!)(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function source(workspace: string, options: Partial<RoboflowSourceOptions> = {}) {
  return createRoboflowSource({ baseUrl, workspace, apiKey: KEY, fetch: globalThis.fetch, ...options });
}

async function failure(workspace: string, options: Partial<RoboflowSourceOptions> = {}): Promise<StatsError> {
  const error: unknown = await source(workspace, options)
    .fetchStats({ window: WINDOW })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatsError);
  expect(String(error)).not.toContain('sk-loop');
  return error as StatsError;
}

describe('RoboflowSource over real HTTP with global fetch', () => {
  it('sends the query a server decodes back to the exact values, and parses the streamed answer', async () => {
    const snapshot = await source('ok').fetchStats({ window: WINDOW, models: ['cards-3z9gn', 'coco'] });
    expect(snapshot.totals.previous.inferences).toBe(290);
    expect(snapshot.models.map((m) => m.model)).toEqual(['cards-3z9gn', 'hard-hat-sample-8j2w3', 'coco', 'license-plate-recognition-rxg4e']);
    expect(seen.at(-1)).toEqual({
      path: '/ok/inference-stats',
      query: { api_key: KEY, startTime: '2024-06-01 00:00:00', endTime: '2024-06-02 00:00:00', modelNames: 'cards-3z9gn,coco' },
    });
  });

  it('path-encodes an odd workspace name so the server sees one segment', async () => {
    await source('ok/../x y?').fetchStats({ window: WINDOW });
    expect(seen.at(-1)?.path).toBe('/ok%2F..%2Fx%20y%3F/inference-stats');
  });

  it('cuts off a streamed answer past the size cap', async () => {
    const error = (await failure('streams-too-much', { maxResponseBytes: 256 * 1024 })) as BadResponse;
    expect(error.detail).toBe('the answer grew past the 256 KiB limit while downloading');
    await expect.poll(() => clientLeft.has('streams-too-much')).toBe(true);
  });

  it('refuses an answer whose Content-Length is over the cap without reading it', async () => {
    const error = (await failure('declares-too-much')) as BadResponse;
    expect(error.detail).toBe('the answer is 64 MiB (Content-Length), over the 20 MiB limit');
    await expect.poll(() => clientLeft.has('declares-too-much')).toBe(true);
  });

  it('reports a connection dropped mid-body as a truncated answer', async () => {
    const error = (await failure('truncated')) as BadResponse;
    expect(error.kind).toBe('bad_response');
    expect(error.detail).toMatch(/truncated body/);
  });

  it('times out on a server that never answers, and on one that stalls mid-body', async () => {
    for (const workspace of ['no-answer', 'slow-body']) {
      const started = Date.now();
      const error = await failure(workspace, { timeoutMs: 150 });
      expect(error.kind, workspace).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('maps HTTP errors with their bodies', async () => {
    expect(await failure('gateway-page')).toMatchObject({ kind: 'server', status: 502, serverMessage: 'an HTML page titled "502 Bad Gateway"' });
    expect(await failure('bad-key')).toMatchObject({
      kind: 'auth',
      status: 401,
      serverMessage: 'This API key does not exist (or has been revoked).',
      serverHint: 'Get a key at https://app.roboflow.com',
    });
    expect(await failure('rate-limited')).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 12, serverMessage: 'Too many requests' });
  });

  it('reports a refused connection as a NetworkError naming the host, not the key', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error: unknown = await createRoboflowSource({ baseUrl: `http://127.0.0.1:${port}`, workspace: 'w', apiKey: KEY, fetch: globalThis.fetch })
      .fetchStats({ window: WINDOW })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', host: `127.0.0.1:${port}`, code: 'ECONNREFUSED' });
    expect((error as NetworkError).message).toBe(
      `Could not reach 127.0.0.1:${port} for workspace "w" (connection refused, ECONNREFUSED). Check your internet connection and proxy, or the server address in Settings.`,
    );
  });

  it("stops at the caller's abort", async () => {
    const controller = new AbortController();
    const pending = source('no-answer').fetchStats({ window: WINDOW }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
