/**
 * The simulator over HTTP (node:http only): the endpoint of api.ts, plus the scenario's
 * API faults (decided in fault-reply.ts, acted out here). Real time t is scenario time
 * t - offsetMs.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { redactUrl } from '../core/stats/redact';
import type { Reply } from './api';
import { respond } from './fault-reply';
import { timeFaults } from './faults';
import { createSimulation } from './generate';
import type { Scenario } from './scenario-schema';
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

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { scenario, host = '127.0.0.1', port = 0, offsetMs = 0, now = () => Date.now(), log } = options;
  const sim = createSimulation(scenario);
  const faults = timeFaults(scenario.faults);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const outcome = respond(sim, faults, method, rawUrl, { nowMs: now(), offsetMs });
    switch (outcome.kind) {
      case 'reply':
        send(res, outcome.reply);
        break;
      case 'timeout':
        break; // the socket stays open until the client gives up or close()
      case 'reset':
        req.socket.resetAndDestroy();
        break;
    }
    log?.(`${method} ${redactUrl(rawUrl)} -> ${outcome.log}`);
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

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}
