import { describe, expect, it } from 'vitest';
import {
  AuthError,
  BadResponse,
  isStatsError,
  NetworkError,
  NotFound,
  PlanError,
  RateLimited,
  ServerError,
  StatsError,
  Timeout,
} from '../../../electron/core/stats/errors';
import type { AnyStatsError } from '../../../electron/core/stats/errors';

const all: AnyStatsError[] = [
  new AuthError({ status: 401, workspace: 'w' }),
  new NotFound({ status: 404 }),
  new PlanError({ status: 402 }),
  new RateLimited({ status: 429, retryAfterSeconds: 3 }),
  new ServerError({ status: 503 }),
  new NetworkError({ host: 'api.roboflow.com', reason: 'connection refused' }),
  new Timeout({ timeoutMs: 30_000 }),
  new BadResponse({ detail: 'the answer was empty' }),
];

describe('the StatsError set', () => {
  it('is one family with a distinct kind and name per member', () => {
    expect(all.every((e) => e instanceof StatsError && e instanceof Error && isStatsError(e))).toBe(true);
    expect(all.map((e) => e.kind)).toEqual(['auth', 'not_found', 'plan', 'rate_limited', 'server', 'network', 'timeout', 'bad_response']);
    expect(all.map((e) => e.name)).toEqual(['AuthError', 'NotFound', 'PlanError', 'RateLimited', 'ServerError', 'NetworkError', 'Timeout', 'BadResponse']);
    expect(all.every((e) => e.stack?.startsWith(`${e.name}: `))).toBe(true);
    expect(isStatsError(new Error('x'))).toBe(false);
  });

  it('narrows on kind', () => {
    const retry = (e: AnyStatsError) => (e.kind === 'rate_limited' ? e.retryAfterSeconds : e.kind === 'timeout' ? e.timeoutMs : undefined);
    expect(all.map(retry)).toEqual([undefined, undefined, undefined, 3, undefined, undefined, 30_000, undefined]);
  });

  it('serialises its facts to JSON (for logs and IPC), without undefined fields', () => {
    expect(JSON.parse(JSON.stringify(new AuthError({ status: 401, workspace: 'w', serverMessage: 'm' })))).toEqual({
      kind: 'auth',
      status: 401,
      workspace: 'w',
      serverMessage: 'm',
    });
  });

  it('messages say what failed and what to do, with or without a workspace and server message', () => {
    expect(new AuthError({ status: 401 }).message).toBe('Roboflow rejected the API key (401). Check the key in Settings or ROBOFLOW_API_KEY.');
    expect(new Timeout({ timeoutMs: 30_000 }).message).toBe('Roboflow did not answer within 30 s. The service or your network may be slow; try again later.');
    expect(new ServerError({ status: 418, workspace: 'w' }).message).toBe(
      'Roboflow answered with an unexpected status for workspace "w" (418). Try again later; if it persists, check the server address in Settings.',
    );
    expect(new BadResponse({ detail: 'x: y' }).message).toBe(
      "Roboflow's inference-stats answer could not be read: x: y. If this persists the API may have changed or a proxy is interfering; check for a Pulsebar update.",
    );
  });

  it('keeps only a redacted copy of a cause chain, with its codes', () => {
    const original = new TypeError('fetch failed for https://x/?api_key=abc', { cause: Object.assign(new Error('connect ECONNREFUSED abc'), { code: 'ECONNREFUSED' }) });
    const error = new NetworkError({ host: 'x', reason: 'connection refused', cause: original, secrets: ['abc'] });
    const cause = error.cause as Error & { code?: string; cause?: Error & { code?: string } };
    expect(cause).not.toBe(original);
    expect(cause).toMatchObject({ name: 'TypeError', message: 'fetch failed for https://x/?api_key=[redacted]' });
    expect(cause.cause).toMatchObject({ message: 'connect ECONNREFUSED [redacted]', code: 'ECONNREFUSED' });
    expect(new NetworkError({ host: 'x', reason: 'r', cause: 'plain abc', secrets: ['abc'] }).cause).toBe('plain [redacted]');
  });
});
