/**
 * The simulator over HTTP (node:http only): the endpoint of api.ts, plus the scenario's
 * API faults. Real time t is scenario time t - offsetMs.
 */
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { redactUrl } from '../core/stats/redact';
import { answer, json, type Reply } from './api';
import { faultAt, timeFaults } from './faults';
import { createSimulation } from './generate';
import type { Fault, Scenario } from './scenario-schema';
import { scenarioEndMs } from './timeline';

export interface SimulatorOptions {
  scenario: Scenario;
  /** Loopback by default: the simulator is a local test double. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Scenario time = real time - offsetMs; see offsetToEndAt. */
  offsetMs?: number;
  now?: () => number;
  /** One line per request, API key redacted. */
  log?: (line: string) => void;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The offset that lays the scenario so that its last hour ends at `nowMs` (time then runs on). */
export function offsetToEndAt(scenario: Scenario, nowMs: number): number {
  return nowMs - scenarioEndMs(scenario);
}

const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { scenario, host = '127.0.0.1', port = 0, offsetMs = 0, now = () => Date.now(), log } = options;
  const sim = createSimulation(scenario);
  const faults = timeFaults(scenario.faults);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const nowMs = now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const reply = (): Reply => {
      try {
        return answer(sim, method, rawUrl, { nowMs, offsetMs });
      } catch (error) {
        return json(500, { error: `Simulator error: ${(error as Error).message}` });
      }
    };
    const fault = faultAt(faults, nowMs - offsetMs);
    const outcome = fault === undefined ? send(res, reply()) : misbehave(fault, req, res, reply);
    log?.(`${method} ${redactUrl(rawUrl)} -> ${outcome}`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('simulator: no TCP address');
  const urlHost = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    close() {
      // Hanging requests (timeout faults) and idle keep-alive sockets would hold close() forever.
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, reply: Reply): string {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
  return String(reply.status);
}

/** Answers as the faulty API would; returns what it did, for the log. */
function misbehave(fault: Fault, req: IncomingMessage, res: ServerResponse, reply: () => Reply): string {
  if (fault.status !== undefined) {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    const body = JSON.stringify({ error: STATUS_CODES[fault.status] ?? `HTTP ${fault.status}` });
    send(res, { status: fault.status, headers, body });
    return `${fault.status} (fault)`;
  }
  switch (fault.kind) {
    case 'timeout':
      return 'no answer (timeout fault)'; // the socket stays open until the client gives up or close()
    case 'reset':
      req.socket.resetAndDestroy();
      return 'connection reset (fault)';
    case 'html_error':
      send(res, { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE });
      return '502 html (fault)';
    case 'malformed_json': {
      // A JSON object cut short can never parse: its closing brace is missing.
      const full = reply().body;
      send(res, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))) });
      return '200 truncated (fault)';
    }
    case undefined:
      send(res, json(500, { error: 'Simulator error: a fault with neither status nor kind' }));
      return '500';
  }
}
