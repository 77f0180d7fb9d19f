// Authentication and workspace errors over HTTP, and the API key's redaction in every error
// the client can raise against the simulator: the key (distinctive, so that any fragment of
// it would show) never appears in message, String(err), JSON.stringify(err), the stack,
// util.inspect or the cause chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, NotFound, StatsError, checkConsistency } from '../../electron/core/stats';
import type { StatsErrorKind } from '../../electron/core/stats';
import { validateScenario } from '../../electron/sim';
import type { Scenario } from '../../electron/sim';
import { HOUR, MINUTE, at, fetchWindow, rejectionOf, startHarness, textsOf, type Harness } from './helpers';

/** Every key below contains this; no text of any error may. */
const MARK = 'INTEGRATION';
const START = at('2026-11-01T00:00:00Z');
const faultAt = (hour: number) => START + hour * HOUR;

const FAULTS = [
  { hour: 30, fault: { status: 503 }, kind: 'server', status: 503 },
  { hour: 31, fault: { status: 429, retryAfterSeconds: 120 }, kind: 'rate_limited', status: 429 },
  { hour: 32, fault: { kind: 'timeout' }, kind: 'timeout', status: undefined },
  { hour: 33, fault: { kind: 'malformed_json' }, kind: 'bad_response', status: 200 },
  { hour: 34, fault: { kind: 'html_error' }, kind: 'server', status: 502 },
  { hour: 35, fault: { kind: 'reset' }, kind: 'network', status: undefined },
  { hour: 36, fault: { status: 500 }, kind: 'server', status: 500 },
] as const satisfies ReadonlyArray<{ hour: number; fault: object; kind: StatsErrorKind; status: number | undefined }>;

function secretScenario(apiKey: string): Scenario {
  return validateScenario(
    {
      name: 'secret',
      workspace: 'secret-workspace',
      apiKey,
      start: new Date(START).toISOString(),
      hours: 48,
      seed: 5,
      models: [
        {
          name: 'hard-hat-sample-8j2w3',
          serverVersion: '0.15.1',
          requestsPerHour: 600,
          errorRate: 0.01,
          latencySeconds: 0.05,
          emptyRate: 0.05,
          classes: [{ name: 'helmet', share: 1, confidence: 0.86 }],
        },
      ],
      faults: FAULTS.map(({ hour, fault }) => ({ from: new Date(faultAt(hour)).toISOString(), to: new Date(faultAt(hour) + 10 * MINUTE).toISOString(), ...fault })),
    },
    'inline secret scenario',
  );
}

function expectNoSecret(error: unknown, ...secrets: string[]): void {
  expect(error).toBeInstanceOf(StatsError);
  const texts = textsOf(error);
  expect(texts.length).toBeGreaterThan(4);
  for (const text of texts) {
    expect(text).not.toContain(MARK);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(secret));
    }
  }
}

it('the leak check sees the cause chain and inspect() output (a control for expectNoSecret)', () => {
  const error = new Error('outer', { cause: new Error(`inner ${MARK}`) });
  expect(textsOf(error).filter((text) => text.includes(MARK)).length).toBeGreaterThan(1);
});

const KEYS = [
  ['a plain key', 'sk-INTEGRATION-SECRET'],
  ['a key that needs URL encoding', 'sk-INTEGRATION SECRET+/=&%?#'],
] as const;

describe.each(KEYS)('the API key never leaks (%s)', (_label, apiKey) => {
  const scenario = secretScenario(apiKey);
  let harness: Harness;
  const normalNow = START + 46 * HOUR;
  beforeAll(async () => {
    harness = await startHarness(scenario, normalNow);
  });
  afterAll(() => harness.close());

  it('the right key is accepted (the simulator decodes what the client encodes)', async () => {
    harness.clock.nowMs = normalNow;
    const snapshot = await fetchWindow(harness.client(), normalNow - HOUR, normalNow);
    expect(checkConsistency(snapshot)).toEqual([]);
    expect(snapshot.totals.current.inferences).toBeGreaterThan(0);
  });

  it.each([
    ['the key with a suffix', `${apiKey}-WRONG`],
    ['another key', 'sk-OTHER-INTEGRATION-KEY'],
  ])('wrong key (%s) -> AuthError 401 with the server\'s message and hint, never the key', async (_which, wrongKey) => {
    harness.clock.nowMs = normalNow;
    const error = await rejectionOf(fetchWindow(harness.client({ apiKey: wrongKey }), normalNow - HOUR, normalNow));
    expect(error).toBeInstanceOf(AuthError);
    const auth = error as AuthError;
    expect(auth.kind).toBe('auth');
    expect(auth.status).toBe(401);
    expect(auth.serverMessage).toBe('This API key does not exist (or has been revoked).');
    expect(auth.serverHint).toBe('Check the key: the simulator accepts the scenario\'s "apiKey" only.');
    // The server's closing full stop gives way to the client's sentence.
    expect(auth.message).toContain('(401: This API key does not exist (or has been revoked)');
    expect(auth.message).toContain('Roboflow\'s hint: Check the key: the simulator accepts the scenario\'s "apiKey" only.');
    expect(auth.message).toContain('secret-workspace');
    expectNoSecret(error, wrongKey, apiKey);
  });

  it('unknown workspace -> NotFound 404 with the server\'s message, never the key', async () => {
    harness.clock.nowMs = normalNow;
    const error = await rejectionOf(fetchWindow(harness.client({ workspace: 'no-such-workspace' }), normalNow - HOUR, normalNow));
    expect(error).toBeInstanceOf(NotFound);
    const notFound = error as NotFound;
    expect(notFound.kind).toBe('not_found');
    expect(notFound.status).toBe(404);
    expect(notFound.workspace).toBe('no-such-workspace');
    expect(notFound.serverMessage).toBe('Workspace "no-such-workspace" not found (or not visible to this API key).');
    expect(notFound.message).toContain('no-such-workspace');
    expectNoSecret(error, apiKey);
  });

  it.each(FAULTS)('fault at hour $hour -> $kind (status $status), never the key', async ({ hour, kind, status }) => {
    const now = faultAt(hour) + 2 * MINUTE;
    harness.clock.nowMs = now;
    // A short limit only where the server never answers: elsewhere a slow machine must not turn an answer into a Timeout.
    const timeoutMs = kind === 'timeout' ? 300 : 10_000;
    const error = await rejectionOf(fetchWindow(harness.client({ timeoutMs }), now - HOUR, now));
    expect(error).toBeInstanceOf(StatsError);
    expect((error as StatsError).kind).toBe(kind);
    expect((error as StatsError).status).toBe(status);
    expectNoSecret(error, apiKey);
  });
});
