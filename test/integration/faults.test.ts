// Every fault of scenarios/incidents.json, served by the simulator over HTTP, arrives as the
// right StatsError through the client. Faults apply by request time, so the simulator's clock
// is moved to a moment inside each fault (and, as a control, to the fault's end, where the
// same request succeeds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadResponse, NetworkError, RateLimited, ServerError, StatsError, Timeout, checkConsistency } from '../../electron/core/stats';
import { loadScenario } from '../../electron/sim';
import type { Fault } from '../../electron/sim';
import { DAY, HOUR, MINUTE, at, fetchWindow, rejectionOf, scenarioSpan, startHarness, type Harness } from './helpers';

const scenario = loadScenario('incidents');
const { endMs } = scenarioSpan(scenario);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(scenario);
});
afterAll(() => harness.close());

/** The scenario's fault that starts at `from` (times as in the file). */
function faultFrom(from: string): Fault {
  const fault = scenario.faults.find((f) => at(f.from) === at(from));
  if (fault === undefined) throw new Error(`incidents.json has no fault from ${from}`);
  return fault;
}

/** Sets the simulator's clock a few minutes into the fault, asks for the hour before, returns the rejection. */
async function failureDuring(fault: Fault, timeoutMs = 10_000): Promise<unknown> {
  const now = at(fault.from) + 3 * MINUTE + 7_000;
  expect(now).toBeLessThan(at(fault.to));
  harness.clock.nowMs = now;
  const client = harness.client({ timeoutMs });
  return rejectionOf(fetchWindow(client, now - HOUR - 7_000, now - 7_000));
}

/** At the fault's end (its `to` is excluded) the same kind of request is answered. */
async function expectAnsweredAfter(fault: Fault): Promise<void> {
  const now = at(fault.to);
  harness.clock.nowMs = now;
  const snapshot = await fetchWindow(harness.client(), now - HOUR, now);
  expect(checkConsistency(snapshot)).toEqual([]);
  expect(snapshot.totals.current.inferences).toBeGreaterThan(0);
}

describe('incidents.json faults through the client', () => {
  it('the scenario has one fault of every kind, at the times these tests use', () => {
    const described = scenario.faults.map((f) => `${f.from} ${f.status ?? f.kind}`);
    expect(described).toEqual([
      '2026-11-09T08:00:00Z 503',
      '2026-11-10T16:00:00Z 429',
      '2026-11-11T06:00:00Z timeout',
      '2026-11-12T22:00:00Z malformed_json',
      '2026-11-13T02:00:00Z html_error',
      '2026-11-14T04:00:00Z reset',
      '2026-11-15T18:00:00Z 500',
    ]);
  });

  it.each([
    ['2026-11-09T08:00:00Z', 503, 'Service Unavailable'],
    ['2026-11-15T18:00:00Z', 500, 'Internal Server Error'],
  ] as const)('status fault from %s: %i -> ServerError with that status', async (from, status, reason) => {
    const fault = faultFrom(from);
    const error = await failureDuring(fault);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toBeInstanceOf(StatsError);
    const server = error as ServerError;
    expect(server.kind).toBe('server');
    expect(server.status).toBe(status);
    expect(server.serverMessage).toBe(reason); // the simulator's {"error": "<reason phrase>"}
    expect(server.workspace).toBe(scenario.workspace);
    expect(server.message).toContain(`(${status}: ${reason})`);
    expect(server.message).toMatch(/try again/i);
    await expectAnsweredAfter(fault);
  });

  it('429 with retryAfterSeconds -> RateLimited with retryAfterSeconds 120', async () => {
    const fault = faultFrom('2026-11-10T16:00:00Z');
    expect(fault).toMatchObject({ status: 429, retryAfterSeconds: 120 });
    const error = await failureDuring(fault);
    expect(error).toBeInstanceOf(RateLimited);
    const limited = error as RateLimited;
    expect(limited.kind).toBe('rate_limited');
    expect(limited.status).toBe(429);
    expect(limited.retryAfterSeconds).toBe(120);
    expect(limited.serverMessage).toBe('Too Many Requests');
    expect(limited.message).toContain('Wait 120 s');
    await expectAnsweredAfter(fault);
  });

  it('timeout -> Timeout after the client\'s own limit (300 ms)', async () => {
    const fault = faultFrom('2026-11-11T06:00:00Z');
    expect(fault.kind).toBe('timeout');
    const error = await failureDuring(fault, 300);
    expect(error).toBeInstanceOf(Timeout);
    const timeout = error as Timeout;
    expect(timeout.kind).toBe('timeout');
    expect(timeout.timeoutMs).toBe(300);
    expect(timeout.status).toBeUndefined();
    expect(timeout.message).toContain('within 300 ms');
    await expectAnsweredAfter(fault);
  });

  it('malformed_json -> BadResponse (the JSON ends early)', async () => {
    const fault = faultFrom('2026-11-12T22:00:00Z');
    expect(fault.kind).toBe('malformed_json');
    const error = await failureDuring(fault);
    expect(error).toBeInstanceOf(BadResponse);
    const bad = error as BadResponse;
    expect(bad.kind).toBe('bad_response');
    expect(bad.status).toBe(200);
    expect(bad.detail).toBe('the JSON ends early (truncated body)');
    expect(bad.message).toContain('could not be read');
    // Never the half body itself.
    expect(bad.message).not.toContain('inference_stats');
    expect(bad.message).not.toContain('{');
    await expectAnsweredAfter(fault);
  });

  it('html_error -> ServerError 502 whose message names the page and does not dump it', async () => {
    const fault = faultFrom('2026-11-13T02:00:00Z');
    expect(fault.kind).toBe('html_error');
    const error = await failureDuring(fault);
    expect(error).toBeInstanceOf(ServerError);
    const server = error as ServerError;
    expect(server.status).toBe(502);
    expect(server.serverMessage).toBe('an HTML page titled "502 Bad Gateway"');
    expect(server.message).toContain('(502: an HTML page titled "502 Bad Gateway")');
    for (const piece of ['<', '>', 'html>', 'nginx', 'center', '\r', '\n']) {
      expect(server.message, `message contains ${JSON.stringify(piece)}`).not.toContain(piece);
    }
    await expectAnsweredAfter(fault);
  });

  it('reset -> NetworkError (connection reset), naming the host and never the URL', async () => {
    const fault = faultFrom('2026-11-14T04:00:00Z');
    expect(fault.kind).toBe('reset');
    const error = await failureDuring(fault);
    expect(error).toBeInstanceOf(NetworkError);
    const network = error as NetworkError;
    expect(network.kind).toBe('network');
    expect(network.status).toBeUndefined();
    expect(network.host).toBe(`127.0.0.1:${harness.server.port}`);
    expect(network.message).toContain('connection reset');
    expect(network.message).not.toContain('inference-stats');
    await expectAnsweredAfter(fault);
  });

  it('outside every fault the same requests are answered (clock a day after the scenario end)', async () => {
    harness.clock.nowMs = endMs + DAY;
    const snapshot = await fetchWindow(harness.client(), endMs - HOUR, endMs);
    expect(checkConsistency(snapshot)).toEqual([]);
  });
});
