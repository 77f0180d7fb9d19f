// The in-memory fetch answers as the HTTP simulator does: the same bytes and headers for raw
// requests, the same snapshots and the same StatsErrors through the real client, faults
// included. Both transports share one clock and one offset, so "the same simulated time" is
// the same `now`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StatsError, createRoboflowSource, type StatsSource } from '../../electron/core/stats';
import { createSimulatorFetch, offsetToEndAt, startSimulator, type RunningSimulator, type SimulatorFetch } from '../../electron/sim';
import { DAY, HOUR, T0, iso, scenarioWith } from './helpers';

const MINUTE = 60_000;
const HARD_HAT = 'hard-hat-sample-8j2w3';
const PLATES = 'license-plate-recognition-rxg4e';

type FaultSpec = { status: number; retryAfterSeconds?: number } | { kind: 'timeout' | 'reset' | 'html_error' | 'malformed_json' };

/** One fault per case, each ten minutes long, an hour apart in scenario time; the expected StatsError kind. */
const FAULT_CASES: ReadonlyArray<readonly [string, FaultSpec, string]> = [
  ['400', { status: 400 }, 'server'],
  ['401', { status: 401 }, 'auth'],
  ['403', { status: 403 }, 'auth'],
  ['404', { status: 404 }, 'not_found'],
  ['429 with Retry-After', { status: 429, retryAfterSeconds: 120 }, 'rate_limited'],
  ['429 without Retry-After', { status: 429 }, 'rate_limited'],
  ['500', { status: 500 }, 'server'],
  ['503', { status: 503 }, 'server'],
  ['timeout', { kind: 'timeout' }, 'timeout'],
  ['malformed_json', { kind: 'malformed_json' }, 'bad_response'],
  ['html_error', { kind: 'html_error' }, 'server'],
  ['reset', { kind: 'reset' }, 'network'],
];
const faultStart = (index: number) => T0 + (12 + index) * HOUR;

const scenario = scenarioWith((raw) => {
  FAULT_CASES.forEach(([, spec], index) => {
    raw.faults.push({ from: iso(faultStart(index)), to: iso(faultStart(index) + 10 * MINUTE), ...spec });
  });
});

/** Real time; the scenario (T0 .. T0 + 48 h) is laid so that it ends here. */
const REAL_END = Date.parse('2031-05-10T12:00:00Z');
const OFFSET = offsetToEndAt(scenario, REAL_END);
let nowMs = REAL_END;
const clock = () => nowMs;
/** Real time a few minutes (and seconds) into fault `index`. */
const duringFault = (index: number) => faultStart(index) + OFFSET + 3 * MINUTE + 7_000;

let server: RunningSimulator;
let memory: SimulatorFetch;
const httpLog: string[] = [];
const memoryLog: string[] = [];

beforeAll(async () => {
  server = await startSimulator({ scenario, offsetMs: OFFSET, now: clock, log: (line) => httpLog.push(line) });
  memory = createSimulatorFetch({ scenario, offsetMs: OFFSET, now: clock, log: (line) => memoryLog.push(line) });
});
afterAll(() => server.close());
beforeEach(() => {
  nowMs = REAL_END;
  httpLog.length = 0;
  memoryLog.length = 0;
});

function clients(timeoutMs = 10_000): { http: StatsSource; memory: StatsSource } {
  const common = { workspace: scenario.workspace, apiKey: scenario.apiKey, timeoutMs, now: () => new Date(nowMs) };
  return {
    http: createRoboflowSource({ ...common, baseUrl: server.url, fetch: globalThis.fetch }),
    memory: createRoboflowSource({ ...common, baseUrl: memory.url, fetch: memory.fetch }),
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Whether `promise` is still pending after the event loop has turned a few times. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('snapshots through the real client', () => {
  it.each([
    ['the last hour, every model', -HOUR, 0, undefined],
    ['the last day, one model', -DAY, 0, [PLATES]],
    ['the whole scenario, both models named', -2 * DAY, 0, [HARD_HAT, PLATES]],
    ['odd seconds at both ends', -5 * HOUR + 17_000, -2 * HOUR - 3_000, [HARD_HAT]],
    ['an unknown model', -DAY, 0, ['no-such-model']],
    ['a window running past now', -30 * MINUTE, 2 * HOUR, undefined],
  ] as const)('%s', async (_title, fromNow, toNow, models) => {
    nowMs = REAL_END + 25_000; // mid-minute: the minute in progress is left out
    const { http, memory: inMemory } = clients();
    const query = { window: { start: new Date(nowMs + fromNow), end: new Date(nowMs + toNow) }, models };
    const overHttp = await http.fetchStats(query);
    const overMemory = await inMemory.fetchStats(query);
    expect(overMemory).toEqual(overHttp);
    if (models?.[0] !== 'no-such-model') expect(overMemory.totals.current.inferences).toBeGreaterThan(0);
  });

  it('mid-scenario, where later minutes have not happened yet', async () => {
    nowMs = REAL_END - 10 * HOUR + 25_000;
    const { http, memory: inMemory } = clients();
    const query = { window: { start: new Date(nowMs - HOUR), end: new Date(nowMs + HOUR) } };
    expect(await inMemory.fetchStats(query)).toEqual(await http.fetchStats(query));
  });
});

/** The parts of a StatsError that do not depend on the transport (the host differs). */
function describeError(error: unknown, host: string): Record<string, unknown> {
  expect(error).toBeInstanceOf(StatsError);
  const e = error as StatsError & Record<string, unknown>;
  return {
    name: e.name,
    kind: e.kind,
    status: e.status,
    serverMessage: e.serverMessage,
    retryAfterSeconds: e.retryAfterSeconds,
    timeoutMs: e.timeoutMs,
    detail: e.detail,
    code: e.code,
    message: e.message.replaceAll(host, '<host>'),
  };
}

describe('faults through the real client', () => {
  it.each(FAULT_CASES.map(([label, spec, kind], index) => [label, spec, kind, index] as const))(
    '%s gives the same StatsError over both transports',
    async (_label, spec, kind, index) => {
      nowMs = duringFault(index);
      // Short, so the timeout fault costs little; the other faults answer at once.
      const { http, memory: inMemory } = clients(300);
      const query = { window: { start: new Date(nowMs - HOUR), end: new Date(nowMs) } };
      const overHttp = describeError(await rejectionOf(http.fetchStats(query)), new URL(server.url).host);
      const overMemory = describeError(await rejectionOf(inMemory.fetchStats(query)), new URL(memory.url).host);
      expect(overMemory).toEqual(overHttp);
      expect(overMemory.kind).toBe(kind);
      if ('status' in spec) expect(overMemory.status).toBe(spec.status);
      if ('status' in spec && spec.status === 429) expect(overMemory.retryAfterSeconds).toBe(spec.retryAfterSeconds);
      expect(memoryLog).toEqual(httpLog);
      expect(memoryLog).toHaveLength(1);
    },
  );
});

describe('raw requests', () => {
  const statsPath = (params: Record<string, string> = {}, workspace = scenario.workspace) =>
    `/${workspace}/inference-stats?${new URLSearchParams({ api_key: scenario.apiKey, ...params }).toString()}`;
  const SHOWN_HEADERS = ['content-type', 'content-length', 'retry-after', 'allow'];

  async function answerOf(response: Response) {
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(SHOWN_HEADERS.map((name) => [name, response.headers.get(name)])),
      body: await response.text(),
    };
  }

  /** Title, path and query, method, index of the fault to be inside (none: no fault). */
  const RAW_CASES: ReadonlyArray<readonly [string, string, string, number | undefined]> = [
    ['the default window', statsPath(), 'GET', undefined],
    ['a model filter', statsPath({ startTime: '2031-05-10 06:00:00', endTime: '2031-05-10 09:30:00', modelNames: HARD_HAT }), 'GET', undefined],
    ['a wrong key', statsPath({ api_key: 'not-the-key' }), 'GET', undefined],
    ['no key', `/${scenario.workspace}/inference-stats`, 'GET', undefined],
    ['another workspace', statsPath({}, 'someone-else'), 'GET', undefined],
    ['another path', '/test-workspace/projects', 'GET', undefined],
    ['a bad time', statsPath({ endTime: 'yesterday' }), 'GET', undefined],
    ['POST', statsPath(), 'POST', undefined],
    ['a lower-case method', statsPath(), 'get', undefined],
    ...FAULT_CASES.flatMap(([label, spec], index) => ('status' in spec || spec.kind === 'html_error' || spec.kind === 'malformed_json' ? [[`fault ${label}`, statsPath(), 'GET', index] as const] : [])),
  ];

  it.each(RAW_CASES)('%s: same status, headers, body and log line', async (_title, path, method, fault) => {
    if (fault !== undefined) nowMs = duringFault(fault);
    const overHttp = await answerOf(await fetch(`${server.url}${path}`, { method }));
    const overMemory = await answerOf(await memory.fetch(`${memory.url}${path}`, { method }));
    expect(overMemory).toEqual(overHttp);
    expect(Number(overMemory.headers['content-length'])).toBe(Buffer.byteLength(overMemory.body));
    expect(memoryLog).toEqual(httpLog);
    expect(memoryLog[0]).not.toContain(scenario.apiKey);
  });

  it('accepts a Request as input', async () => {
    const response = await memory.fetch(new Request(`${memory.url}${statsPath()}`, { method: 'POST' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('HEAD: headers without a body, as over HTTP', async () => {
    const overHttp = await fetch(`${server.url}${statsPath()}`, { method: 'HEAD' });
    const overMemory = await memory.fetch(`${memory.url}${statsPath()}`, { method: 'HEAD' });
    expect(overMemory.status).toBe(overHttp.status);
    expect(overMemory.body).toBeNull();
    expect(await overMemory.text()).toBe(await overHttp.text());
  });

  it('reset: rejects as Node\'s fetch does when the socket is reset', async () => {
    const index = FAULT_CASES.findIndex(([label]) => label === 'reset');
    nowMs = duringFault(index);
    const overHttp = await rejectionOf(fetch(`${server.url}${statsPath()}`));
    const overMemory = await rejectionOf(memory.fetch(`${memory.url}${statsPath()}`));
    for (const error of [overHttp, overMemory]) {
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('fetch failed');
      expect((error as Error).cause).toMatchObject({ code: 'ECONNRESET' });
    }
    expect(memoryLog).toEqual(httpLog);
  });

  it('timeout: pending until the signal aborts, then rejected with its reason', async () => {
    const index = FAULT_CASES.findIndex(([label]) => label === 'timeout');
    nowMs = duringFault(index);
    const controller = new AbortController();
    const request = memory.fetch(`${memory.url}${statsPath()}`, { signal: controller.signal });
    expect(await isPending(request)).toBe(true);
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await expect(request).rejects.toBe(reason);
    expect(memoryLog).toEqual([expect.stringMatching(/-> no answer \(timeout fault\)$/)]);
  });

  it('an already-aborted signal rejects at once with its reason, and nothing is served', async () => {
    const reason = new Error('aborted before asking');
    const request = memory.fetch(`${memory.url}${statsPath()}`, { signal: AbortSignal.abort(reason) });
    await expect(request).rejects.toBe(reason);
    expect(memoryLog).toEqual([]);
  });

  it.each([
    ['another port', 'http://127.0.0.1:2'],
    ['another host', 'http://localhost:1'],
    ['another scheme', 'https://127.0.0.1:1'],
  ])('rejects requests to %s, naming the URL (key redacted)', async (_title, base) => {
    const error = await rejectionOf(memory.fetch(`${base}${statsPath()}`));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain(`${base}/${scenario.workspace}/inference-stats?api_key=[redacted]`);
    expect((error as Error).message).not.toContain(scenario.apiKey);
    expect(memoryLog).toEqual([]);
  });
});
