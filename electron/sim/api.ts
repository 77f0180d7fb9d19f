/**
 * The simulated endpoint as a pure function from a request to a reply, so that routing,
 * authentication and parameter handling are the same whether served over HTTP or not.
 * Bodies follow Roboflow's conventions: 401 has the OAuthException shape, other errors
 * `{"error": "..."}`.
 */
import { DAY_MS } from '../core/time';
import { parseApiTime } from './api-time';
import type { Simulation } from './generate';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RequestClock {
  /** Real time of the request, ms since the epoch. */
  nowMs: number;
  /** Scenario time = real time - offsetMs. */
  offsetMs: number;
}

const ROUTE = /^\/([^/]+)\/inference-stats\/?$/;
const JSON_TYPE = 'application/json; charset=utf-8';

export function answer(sim: Simulation, method: string, rawUrl: string, clock: RequestClock): Reply {
  const url = new URL(rawUrl, 'http://simulator.invalid');
  const route = ROUTE.exec(url.pathname);
  if (route === null) {
    return json(404, { error: `Not found: ${url.pathname}. The simulator serves GET /{workspace}/inference-stats.` });
  }
  if (method !== 'GET') {
    return json(405, { error: `Method ${method} not allowed: use GET.` }, { allow: 'GET' });
  }

  const apiKey = url.searchParams.get('api_key') ?? '';
  if (apiKey === '') {
    return unauthorized('This method requires an API key.', 'Pass your workspace\'s private API key as the api_key query parameter.');
  }
  if (apiKey !== sim.scenario.apiKey) {
    return unauthorized(
      'This API key does not exist (or has been revoked).',
      'Check the key: the simulator accepts the scenario\'s "apiKey" only.',
    );
  }

  const workspace = decodeSegment(route[1] ?? '');
  if (workspace !== sim.scenario.workspace) {
    return json(404, { error: `Workspace ${JSON.stringify(workspace ?? route[1])} not found (or not visible to this API key).` });
  }

  const window = readWindow(url.searchParams, clock.nowMs);
  if ('error' in window) return json(400, { error: window.error });

  const modelNames = (url.searchParams.get('modelNames') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const stats = sim.stats({
    startMs: window.startMs - clock.offsetMs,
    endMs: window.endMs - clock.offsetMs,
    modelNames,
    asOfMs: clock.nowMs - clock.offsetMs,
  });
  return json(200, stats);
}

/** Empty or absent times take the API's defaults: 24 hours before the request, and now. */
function readWindow(params: URLSearchParams, nowMs: number): { startMs: number; endMs: number } | { error: string } {
  const startMs = readTime(params, 'startTime', nowMs - DAY_MS);
  if (typeof startMs === 'string') return { error: startMs };
  const endMs = readTime(params, 'endTime', nowMs);
  if (typeof endMs === 'string') return { error: endMs };
  if (startMs >= endMs) {
    const note = (params.get('startTime') ?? '') === '' ? ' (an empty startTime means 24 hours before now)' : '';
    return { error: `Invalid startTime: it must be before endTime${note}.` };
  }
  return { startMs, endMs };
}

/** The time in ms, or an error message naming the parameter. */
function readTime(params: URLSearchParams, name: string, fallback: number): number | string {
  const text = (params.get(name) ?? '').trim();
  if (text === '') return fallback;
  return parseApiTime(text) ?? `Invalid ${name} ${JSON.stringify(text)}: expected "YYYY-MM-DD HH:mm:ss" (UTC).`;
}

function unauthorized(message: string, hint: string): Reply {
  return json(401, { error: { message, type: 'OAuthException', hint } });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
