import { describe, expect, it } from 'vitest';
import { AuthError, BadResponse, NetworkError, NotFound, PlanError, RateLimited, ServerError, StatsError, Timeout } from '../../../electron/core/stats/errors';
import { createRoboflowSource } from '../../../electron/core/stats/roboflow-source';
import type { RoboflowSourceOptions } from '../../../electron/core/stats/roboflow-source';
import { endlessBody, fakeFetch, json, loadSeed, streamBody, text, WINDOW } from './helpers';

const NOW = new Date('2024-06-02T00:00:10Z');

function sourceWith(respond: Parameters<typeof fakeFetch>[0], options: Partial<RoboflowSourceOptions> = {}) {
  const fake = fakeFetch(respond);
  const source = createRoboflowSource({ baseUrl: 'https://api.roboflow.com/', workspace: 'acme', apiKey: 'KEY-1', fetch: fake.fetch, now: () => NOW, ...options });
  return { source, calls: fake.calls };
}

async function failure(respond: Parameters<typeof fakeFetch>[0], options: Partial<RoboflowSourceOptions> = {}): Promise<StatsError> {
  const { source } = sourceWith(respond, options);
  const error: unknown = await source.fetchStats({ window: WINDOW }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatsError);
  return error as StatsError;
}

describe('createRoboflowSource: success', () => {
  it('GETs the stats URL and returns the parsed snapshot', async () => {
    const { source, calls } = sourceWith(() => json(loadSeed()));
    const snapshot = await source.fetchStats({ window: WINDOW, models: ['cards-3z9gn', 'coco'] });
    expect(snapshot.totals.current.inferences).toBe(120);
    expect(snapshot.window).toBe(WINDOW);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      'https://api.roboflow.com/acme/inference-stats?api_key=KEY-1&startTime=2024-06-01+00%3A00%3A00&endTime=2024-06-02+00%3A00%3A00&modelNames=cards-3z9gn%2Ccoco',
    );
    expect(calls[0]?.init).toMatchObject({ method: 'GET', redirect: 'manual' });
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('reads JSON whatever the content type says, and a body split across chunks', async () => {
    const body = JSON.stringify(loadSeed());
    const { source } = sourceWith(() => new Response(streamBody([body.slice(0, 10), body.slice(10, 500), body.slice(500)]), { headers: { 'content-type': 'text/plain' } }));
    expect((await source.fetchStats({ window: WINDOW })).classes).toHaveLength(6);
  });

  it('refuses bad configuration up front', () => {
    const fetch = fakeFetch(() => json({})).fetch;
    expect(() => createRoboflowSource({ baseUrl: 'http://api.roboflow.com', workspace: 'a', apiKey: 'k', fetch })).toThrow(/Refusing plain http/);
    expect(() => createRoboflowSource({ baseUrl: 'https://api.roboflow.com', workspace: '..', apiKey: 'k', fetch })).toThrow(/not a workspace id/);
    expect(() => createRoboflowSource({ baseUrl: 'https://api.roboflow.com', workspace: 'a', apiKey: ' ', fetch })).toThrow(/No Roboflow API key/);
  });

  it('refuses a malformed window without fetching', async () => {
    const { source, calls } = sourceWith(() => json(loadSeed()));
    await expect(source.fetchStats({ window: { start: WINDOW.end, end: WINDOW.start } })).rejects.toThrow(RangeError);
    expect(calls).toHaveLength(0);
  });
});

describe('createRoboflowSource: HTTP errors', () => {
  it('401 -> AuthError with the flat body message', async () => {
    const error = await failure(() => json({ error: 'Invalid request' }, 401));
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverMessage: 'Invalid request', workspace: 'acme' });
    expect(error.message).toBe('Roboflow rejected the API key for workspace "acme" (401: Invalid request). Check the key in Settings or ROBOFLOW_API_KEY.');
  });

  it('403 -> AuthError with the nested body message and hint', async () => {
    const body = { error: { message: 'Unauthorized access to workspace', type: 'GraphMethodException', hint: 'Use the key from this workspace settings page' } };
    const error = await failure(() => json(body, 403));
    expect(error).toMatchObject({ kind: 'auth', status: 403, serverMessage: 'Unauthorized access to workspace', serverHint: 'Use the key from this workspace settings page' });
    expect(error.message).toBe(
      'Roboflow refused this API key access to workspace "acme" (403: Unauthorized access to workspace). Check that the key belongs to this workspace, in Settings or ROBOFLOW_API_KEY. Roboflow\'s hint: Use the key from this workspace settings page',
    );
  });

  it('402 and 423 -> PlanError', async () => {
    const plan = await failure(() => json({ error: { message: 'Upgrade required' } }, 402));
    expect(plan).toBeInstanceOf(PlanError);
    expect(plan).toMatchObject({ kind: 'plan', status: 402 });
    expect(plan.message).toMatch(/plan limit \(402: Upgrade required\)\. .*check the workspace's plan/);
    const paused = await failure(() => json({ error: 'Workspace paused' }, 423));
    expect(paused).toMatchObject({ kind: 'plan', status: 423 });
    expect(paused.message).toMatch(/paused usage for workspace "acme" \(423: Workspace paused\), usually over billing\. Check billing/);
  });

  it('404 -> NotFound', async () => {
    const error = await failure(() => json({ error: { message: 'Workspace not found' } }, 404));
    expect(error).toBeInstanceOf(NotFound);
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(error.message).toMatch(/\(404: Workspace not found\).*Check the workspace id in Settings/);
  });

  it('429 with Retry-After in seconds or as a date, and without', async () => {
    const seconds = await failure(() => json({ error: 'Too many requests' }, 429, { 'retry-after': '30' }));
    expect(seconds).toBeInstanceOf(RateLimited);
    expect(seconds).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 30 });
    expect(seconds.message).toMatch(/rate-limiting requests for workspace "acme" \(429: Too many requests\)\. Wait 30 s before trying again/);
    const date = await failure(() => json({}, 429, { 'retry-after': 'Sun, 02 Jun 2024 00:01:10 GMT' }));
    expect(date).toMatchObject({ retryAfterSeconds: 60 });
    const none = await failure(() => text('', 429));
    expect(none).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: undefined });
    expect(none.message).toMatch(/\(429\)\. Wait a few minutes/);
  });

  it('500 and 503 -> ServerError', async () => {
    const error = await failure(() => json({ error: { message: 'Internal error' } }, 500));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ kind: 'server', status: 500, serverMessage: 'Internal error' });
    expect(error.message).toMatch(/server failed to answer.*\(500: Internal error\)\. This is usually temporary/);
    expect(await failure(() => text('Service Unavailable', 503))).toMatchObject({ kind: 'server', status: 503, serverMessage: 'Service Unavailable' });
  });

  it('an HTML 502 gateway page -> ServerError summarised by its title', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${'<p>cloudflare</p>'.repeat(1000)}</body></html>`;
    const error = await failure(() => text(page, 502, 'text/html'));
    expect(error).toMatchObject({ kind: 'server', status: 502, serverMessage: 'an HTML page titled "502 Bad Gateway"' });
    expect(error.message).not.toContain('<');
    expect(error.message.length).toBeLessThan(300);
  });

  it('any other status -> ServerError saying so (400, a redirect)', async () => {
    expect((await failure(() => json({ error: 'Invalid request' }, 400))).message).toMatch(/rejected the stats request as invalid.*\(400: Invalid request\)/);
    const redirect = await failure(() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example' } }));
    expect(redirect).toMatchObject({ kind: 'server', status: 302 });
    expect(redirect.message).toMatch(/redirect.*never sent elsewhere/);
  });

  it('an error body that breaks off mid-way still yields the status error', async () => {
    const error = await failure(() => new Response(streamBody(['{"error":'], 'error'), { status: 401 }));
    expect(error).toMatchObject({ kind: 'auth', status: 401, serverMessage: undefined });
  });
});

describe('createRoboflowSource: unusable 2xx answers -> BadResponse', () => {
  it('non-JSON text', async () => {
    const error = await failure(() => text('OK, here are your stats', 200));
    expect(error).toBeInstanceOf(BadResponse);
    expect((error as BadResponse).detail).toBe('the body is not JSON (it starts with "OK, here are your stats")');
    expect(error.status).toBe(200);
  });

  it('an HTML page (captive portal)', async () => {
    const error = (await failure(() => text('<html><head><title>Hotel Wi-Fi login</title></head></html>', 200, 'text/html'))) as BadResponse;
    expect(error.detail).toBe('an HTML page titled "Hotel Wi-Fi login" came back instead of JSON (a proxy, captive portal or wrong server address may be answering)');
  });

  it('an empty body', async () => {
    expect(((await failure(() => new Response(null, { status: 200 }))) as BadResponse).detail).toBe('the answer was empty');
    expect(((await failure(() => new Response(null, { status: 204 }))) as BadResponse).detail).toBe('the answer was empty');
  });

  it('truncated JSON (complete transfer, incomplete document)', async () => {
    const body = JSON.stringify(loadSeed()).slice(0, 300);
    expect(((await failure(() => text(body, 200, 'application/json'))) as BadResponse).detail).toBe('the JSON ends early (truncated body)');
  });

  it('a body whose stream breaks off (connection dropped)', async () => {
    const error = (await failure(() => new Response(streamBody(['{"num_inferences": 1'], 'error'), { status: 200 }))) as BadResponse;
    expect(error.detail).toBe('the connection closed before the whole answer arrived (truncated body)');
    expect(String((error.cause as Error).message)).toBe('terminated');
  });

  it('oversized by Content-Length, refused before reading', async () => {
    const endless = endlessBody(1024);
    const error = (await failure(() => new Response(endless.body, { status: 200, headers: { 'content-length': String(50 * 1024 * 1024) } }))) as BadResponse;
    expect(error.detail).toBe('the answer is 50 MiB (Content-Length), over the 20 MiB limit');
    expect(endless.pulled()).toBeLessThanOrEqual(64 * 1024); // at most the stream's own read-ahead
  });

  it('oversized by streamed bytes, cut off as soon as the limit is passed', async () => {
    const endless = endlessBody(1000);
    const error = (await failure(() => new Response(endless.body, { status: 200 }), { maxResponseBytes: 10_000 })) as BadResponse;
    expect(error.detail).toBe('the answer grew past the 9.8 KiB limit while downloading');
    expect(endless.pulled()).toBeLessThan(20_000);
    expect(endless.cancelled()).toBe(true);
  });

  it('the wrong shape, naming the path', async () => {
    const seed = loadSeed();
    seed.inference_stats[3]!['num_inferences'] = '12';
    const error = (await failure(() => json(seed))) as BadResponse;
    expect(error).toMatchObject({ kind: 'bad_response', path: 'inference_stats[3].num_inferences', workspace: 'acme', status: 200 });
    expect(error.message).toContain('inference_stats[3].num_inferences: expected number or null, got "12"');
    expect(error.message).toContain('workspace "acme"');
  });
});

describe('createRoboflowSource: network, timeout and abort', () => {
  it('fetch rejecting -> NetworkError naming the host, with the system code', async () => {
    const error = await failure(() => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.roboflow.com'), { code: 'ENOTFOUND' }) });
    });
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'network', host: 'api.roboflow.com', code: 'ENOTFOUND', status: undefined });
    expect(error.message).toBe(
      'Could not reach api.roboflow.com for workspace "acme" (DNS lookup failed, ENOTFOUND). Check your internet connection and proxy, or the server address in Settings.',
    );
  });

  it('a hanging fetch that ignores its signal -> Timeout', async () => {
    const started = Date.now();
    const error = await failure(() => new Promise<Response>(() => undefined), { timeoutMs: 50 });
    expect(error).toBeInstanceOf(Timeout);
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 50 });
    expect(error.message).toBe('Roboflow did not answer for workspace "acme" within 50 ms. The service or your network may be slow; try again later.');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a body that stalls after the headers -> Timeout (the limit covers the body read)', async () => {
    const error = await failure(() => new Response(streamBody(['{"num_inferences":'], 'hang'), { status: 200 }), { timeoutMs: 50 });
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 50 });
  });

  it('a fetch that honours its signal rejects on timeout too, with the signal aborted', async () => {
    let seen: AbortSignal | undefined;
    const error = await failure(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          seen = init?.signal ?? undefined;
          seen?.addEventListener('abort', () => reject(seen?.reason as Error));
        }),
      { timeoutMs: 30 },
    );
    expect(error.kind).toBe('timeout');
    expect(seen?.aborted).toBe(true);
  });

  it("a caller's abort rejects with the caller's reason, not a StatsError", async () => {
    const { source } = sourceWith(() => new Promise<Response>(() => undefined));
    const controller = new AbortController();
    const reason = new Error('poller stopped');
    const pending = source.fetchStats({ window: WINDOW }, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
  });

  it('an already-aborted signal rejects at once, without fetching', async () => {
    const { source, calls } = sourceWith(() => json(loadSeed()));
    await expect(source.fetchStats({ window: WINDOW }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(0);
  });

  it('a caller abort during the body read also wins', async () => {
    const { source } = sourceWith(() => new Response(streamBody(['{'], 'hang'), { status: 200 }));
    const controller = new AbortController();
    const pending = source.fetchStats({ window: WINDOW }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
