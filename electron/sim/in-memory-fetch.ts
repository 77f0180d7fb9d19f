/**
 * The simulator as a `fetch` function: each request gets what startSimulator would send at
 * `now()`, API faults included, without a socket. A replay of weeks of polls through the real
 * client cannot afford loopback HTTP per request.
 */
import { STATUS_CODES } from 'node:http';
import { redactUrl } from '../core/stats/redact';
import type { Reply } from './api';
import { respond } from './fault-reply';
import { timeFaults } from './faults';
import { createSimulation } from './generate';
import type { Scenario } from './scenario-schema';

export interface SimulatorFetchOptions {
  scenario: Scenario;
  /** Real time of each request, ms since the epoch; Date.now by default. */
  now?: () => number;
  /** Scenario time = real time - offsetMs, as for startSimulator. */
  offsetMs?: number;
  /** One line per request, as startSimulator logs them, API key redacted. */
  log?: (line: string) => void;
}

export interface SimulatorFetch {
  /**
   * Answers requests to `url` only. A timeout fault never settles until the request's signal
   * aborts (then rejects with its reason), as a hanging server would; without a signal it
   * stays pending for good. createRoboflowSource always passes one (its own timeout).
   */
  fetch: typeof globalThis.fetch;
  /** A loopback base URL (so parseBaseUrl accepts plain http) that no socket serves. */
  url: string;
}

const BASE_URL = 'http://127.0.0.1:1';
const BASE_ORIGIN = new URL(BASE_URL).origin;
// Methods fetch upper-cases (others are sent as given).
const NORMALISED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export function createSimulatorFetch(options: SimulatorFetchOptions): SimulatorFetch {
  const { scenario, now = () => Date.now(), offsetMs = 0, log } = options;
  // One Simulation for every request: it caches generated hours, which is what makes a replay fast.
  const sim = createSimulation(scenario);
  const faults = timeFaults(scenario.faults);

  async function simulatorFetch(input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    if (url.origin !== BASE_ORIGIN) {
      throw new TypeError(`The simulator's fetch only serves ${BASE_URL}, not ${redactUrl(url)}: pass its url as the base URL.`);
    }
    const signal = init?.signal ?? request?.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;

    const method = normaliseMethod(init?.method ?? request?.method ?? 'GET');
    const rawUrl = `${url.pathname}${url.search}`;
    const outcome = respond(sim, faults, method, rawUrl, { nowMs: now(), offsetMs });
    log?.(`${method} ${redactUrl(rawUrl)} -> ${outcome.log}`);
    switch (outcome.kind) {
      case 'reply':
        return toResponse(outcome.reply, method);
      case 'timeout':
        return untilAbort(signal);
      case 'reset':
        // What Node's fetch (undici) rejects with when startSimulator resets the socket.
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' }) });
    }
  }

  return { fetch: simulatorFetch, url: BASE_URL };
}

function normaliseMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALISED_METHODS.has(upper) ? upper : method;
}

function toResponse(reply: Reply, method: string): Response {
  const bytes = new TextEncoder().encode(reply.body);
  const headers = new Headers(reply.headers);
  headers.set('content-length', String(bytes.byteLength));
  // HEAD answers carry the headers only, as over HTTP.
  return new Response(method === 'HEAD' ? null : bytes, { status: reply.status, statusText: STATUS_CODES[reply.status] ?? '', headers });
}

/** Pending until `signal` aborts, then rejected with its reason, as fetch does. */
function untilAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason as unknown), { once: true });
  });
}
