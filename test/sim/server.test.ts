import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { formatApiTime } from '../../electron/sim/api-time';
import { createSimulation } from '../../electron/sim/generate';
import type { InferenceStatsResponse } from '../../electron/sim/response';
import { offsetToEndAt, startSimulator, type RunningSimulator } from '../../electron/sim/server';
import { DAY, HOUR, T0, expectConsistent, iso, scenarioWith } from './helpers';

const seedKeys = async () => {
  const seed = (await import('../fixtures/seed-example-response.json', { with: { type: 'json' } })).default;
  return { top: Object.keys(seed), row: Object.keys(seed.inference_stats[0]!) };
};

/** Scenario time of each fault (the scenario spans T0 .. T0 + 48 h). */
const FAULTS = {
  unavailable: T0 + 30 * HOUR,
  tooMany: T0 + 31 * HOUR,
  timeout: T0 + 32 * HOUR,
  malformed: T0 + 33 * HOUR,
  html: T0 + 34 * HOUR,
  reset: T0 + 35 * HOUR,
};
const scenario = scenarioWith((raw) => {
  const span = (at: number) => ({ from: iso(at), to: iso(at + 10 * 60_000) });
  raw.faults.push(
    { ...span(FAULTS.unavailable), status: 503 },
    { ...span(FAULTS.tooMany), status: 429, retryAfterSeconds: 120 },
    { ...span(FAULTS.timeout), kind: 'timeout' },
    { ...span(FAULTS.malformed), kind: 'malformed_json' },
    { ...span(FAULTS.html), kind: 'html_error' },
    { ...span(FAULTS.reset), kind: 'reset' },
  );
});

/** Real time in these tests; the scenario is laid so that it ends at REAL_END. */
const REAL_END = Date.parse('2031-05-10T12:00:00Z');
const OFFSET = offsetToEndAt(scenario, REAL_END);
let nowMs = REAL_END;
const atScenarioTime = (ms: number) => (nowMs = ms + OFFSET + 60_000);

let running: RunningSimulator | undefined;
const logLines: string[] = [];
async function start(): Promise<RunningSimulator> {
  running = await startSimulator({ scenario, offsetMs: OFFSET, now: () => nowMs, log: (line) => logLines.push(line) });
  return running;
}
afterEach(async () => {
  await running?.close();
  running = undefined;
  nowMs = REAL_END;
});

/** Waits for something the server does, without betting on how long it takes. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function statsUrl(server: RunningSimulator, params: Record<string, string> = {}, workspace = 'test-workspace'): string {
  const query = new URLSearchParams({ api_key: 'test-key', ...params });
  return `${server.url}/${workspace}/inference-stats?${query.toString()}`;
}

describe('startSimulator', () => {
  it('listens on loopback, on a free port', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers with the shape of the real response', async () => {
    const server = await start();
    const response = await fetch(statsUrl(server));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as InferenceStatsResponse;
    const keys = await seedKeys();
    expect(Object.keys(body)).toEqual(keys.top);
    expect(body.inference_stats.length).toBeGreaterThan(0);
    for (const row of body.inference_stats) expect(Object.keys(row)).toEqual(keys.row);
    expectConsistent(body, { simulated: true });
  });

  it('defaults to the 24 hours before now, laid so that the scenario ends now', async () => {
    const server = await start();
    const body = (await (await fetch(statsUrl(server, { startTime: '', endTime: '' }))).json()) as InferenceStatsResponse;
    const sim = createSimulation(scenario);
    expect(body).toEqual(sim.stats({ startMs: sim.endMs - DAY, endMs: sim.endMs }));
  });

  it('reads startTime and endTime as UTC and maps them to scenario time', async () => {
    const server = await start();
    const startMs = REAL_END - 5 * HOUR;
    const endMs = REAL_END - 2 * HOUR;
    const params = { startTime: formatApiTime(startMs), endTime: formatApiTime(endMs), modelNames: 'license-plate-recognition-rxg4e' };
    const body = (await (await fetch(statsUrl(server, params))).json()) as InferenceStatsResponse;
    const expected = createSimulation(scenario).stats({ startMs: startMs - OFFSET, endMs: endMs - OFFSET, modelNames: [params.modelNames] });
    expect(body).toEqual(expected);
    expect(new Set(body.inference_stats.map((row) => row.model_name))).toEqual(new Set([params.modelNames]));
  });

  it('keeps running after the scenario end, with no data for minutes yet to come', async () => {
    nowMs = REAL_END + 3 * DAY;
    const server = await start();
    const future = { startTime: formatApiTime(nowMs - HOUR), endTime: formatApiTime(nowMs + HOUR) };
    const body = (await (await fetch(statsUrl(server, future))).json()) as InferenceStatsResponse;
    const sim = createSimulation(scenario);
    const scenarioNow = nowMs - OFFSET;
    expect(body.num_inferences).toBeGreaterThan(0);
    expect(body.num_inferences).toBe(sim.stats({ startMs: scenarioNow - HOUR, endMs: scenarioNow }).num_inferences);
  });
});

describe('errors', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-key'],
  ])('401 with the OAuthException body for a %s api_key', async (_title, key) => {
    const server = await start();
    const query = key === undefined ? '' : `?api_key=${key}`;
    const response = await fetch(`${server.url}/test-workspace/inference-stats${query}`);
    expect(response.status).toBe(401);
    const text = await response.text();
    const body = JSON.parse(text) as { error: { message: string; type: string; hint: string } };
    expect(body.error.type).toBe('OAuthException');
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.error.hint.length).toBeGreaterThan(0);
    if (key !== undefined) expect(text).not.toContain(key);
  });

  it('404 with {"error": "..."} for an unknown workspace', async () => {
    const server = await start();
    const response = await fetch(statsUrl(server, {}, 'someone-else'));
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: unknown };
    expect(body.error).toEqual(expect.stringContaining('someone-else'));
  });

  it('404 for other paths, 405 for other methods', async () => {
    const server = await start();
    const other = await fetch(`${server.url}/test-workspace/projects`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: string }).error).toContain('/test-workspace/projects');
    const post = await fetch(statsUrl(server), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    expect(typeof ((await post.json()) as { error: unknown }).error).toBe('string');
  });

  it.each([
    [{ startTime: '2031-05-10T10:00:00Z' }, 'startTime'],
    [{ startTime: '2031-13-01 00:00:00' }, 'startTime'],
    [{ endTime: 'yesterday' }, 'endTime'],
    [{ startTime: '2031-05-10 10:00:00', endTime: '2031-05-10 09:00:00' }, 'startTime'],
    [{ startTime: '2031-05-10 10:00:00', endTime: '2031-05-10 10:00:00' }, 'startTime'],
  ])('400 naming the parameter for %j', async (params, name) => {
    const server = await start();
    const response = await fetch(statsUrl(server, params));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain(name);
  });
});

describe('faults', () => {
  it('status: answers with that status', async () => {
    atScenarioTime(FAULTS.unavailable);
    const server = await start();
    const response = await fetch(statsUrl(server));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toBe('Service Unavailable');
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('429 carries Retry-After when the scenario gives retryAfterSeconds', async () => {
    atScenarioTime(FAULTS.tooMany);
    const server = await start();
    const response = await fetch(statsUrl(server));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('120');
    await response.body?.cancel();
  });

  it('timeout: never answers (the client gives up), and close() still finishes', async () => {
    atScenarioTime(FAULTS.timeout);
    logLines.length = 0;
    const server = await start();
    await expect(fetch(statsUrl(server), { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
    // A request still hanging when the server closes is cut, not waited for.
    const hanging = fetch(statsUrl(server)).then(
      () => 'answered',
      () => 'cut',
    );
    await until(() => logLines.filter((line) => line.includes('timeout fault')).length === 2);
    await server.close();
    expect(await hanging).toBe('cut');
  });

  it('malformed_json: 200 with a JSON content type and a body that does not parse', async () => {
    atScenarioTime(FAULTS.malformed);
    const server = await start();
    const response = await fetch(statsUrl(server));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(text.startsWith('{"num_inferences":')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('html_error: 502 with an HTML page', async () => {
    atScenarioTime(FAULTS.html);
    const server = await start();
    const response = await fetch(statsUrl(server));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>502 Bad Gateway</title>');
  });

  it('reset: the connection is closed before any response', async () => {
    atScenarioTime(FAULTS.reset);
    const server = await start();
    const outcome = await new Promise<{ status?: number; code?: string }>((resolve) => {
      const req = request(statsUrl(server), (res) => resolve({ status: res.statusCode ?? 0 }));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? error.message }));
      req.end();
    });
    expect(outcome.status).toBeUndefined();
    expect(outcome.code).toBe('ECONNRESET');
  });

  it('ends at "to": the next minute answers normally', async () => {
    atScenarioTime(FAULTS.unavailable + 10 * 60_000);
    const server = await start();
    expect((await fetch(statsUrl(server))).status).toBe(200);
  });
});

describe('close and logging', () => {
  it('closes with idle keep-alive connections open, and twice', async () => {
    const server = await start();
    await (await fetch(statsUrl(server))).text();
    await server.close();
    await server.close();
    await expect(fetch(statsUrl(server))).rejects.toThrow();
  });

  it('logs one line per request, with the API key redacted', async () => {
    logLines.length = 0;
    const server = await start();
    await (await fetch(statsUrl(server, { modelNames: 'x' }))).text();
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toContain('api_key=[redacted]');
    expect(logLines[0]).not.toContain('test-key');
    expect(logLines[0]).toMatch(/-> 200$/);
  });
});
