import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, startSimulator, type RunningSimulator } from '../../electron/sim';
import { runPulsebar } from './cli-harness';

// The incidents scenario, served in its own time: each test picks a moment by the sim's clock.
const scenario = loadScenario('incidents');
const KEY = scenario.apiKey;
let clockMs = Date.parse('2026-11-12T12:00:00Z');
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario, now: () => clockMs });
});
afterAll(async () => sim.close());

const at = (iso: string) => {
  clockMs = Date.parse(iso);
  return new Date(clockMs);
};
const poll = (args: string[], now: Date, key = KEY) =>
  runPulsebar(['poll', '--once', '--base-url', sim.url, '--workspace', scenario.workspace, ...args], { env: { ROBOFLOW_API_KEY: key }, now });

describe('pulsebar poll against the simulator', () => {
  it('prints a summary: totals against the previous period and one line per model', async () => {
    const run = await poll([], at('2026-11-12T12:00:00Z'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`${scenario.workspace} · last 24 h · 2026-11-11 12:00 → 2026-11-12 12:00 UTC`);
    expect(run.stdout).toMatch(/^Inferences\s+[\d,]+\s+[\d,]+\s+[-+]?\d+\.\d%$/m);
    for (const model of scenario.models) expect(run.stdout).toContain(model.name);
  });

  it('prints the normalised snapshot as JSON for the window ending now', async () => {
    const run = await poll(['--json', '--window', '1h', '--models', 'forklift-detection-mz7qa'], at('2026-11-11T15:00:00Z'));
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout);
    expect(snapshot.window).toEqual({ start: '2026-11-11T14:00:00.000Z', end: '2026-11-11T15:00:00.000Z' });
    expect(snapshot.models.map((m: { model: string }) => m.model)).toEqual(['forklift-detection-mz7qa']);
    // error_rise on forklift from 14:00: a third of its requests fail this hour.
    const { inferences, errors } = snapshot.totals.current;
    expect(errors / (inferences + errors)).toBeGreaterThan(0.25);
  });

  it('exits 3 with one line when the key is wrong, and never prints the key', async () => {
    const run = await poll([], at('2026-11-12T12:00:00Z'), 'sk-WRONG-KEY-123');
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^pulsebar poll: Roboflow rejected the API key for workspace "incidents-workspace|^pulsebar poll: Roboflow rejected the API key/);
    expect(run.stderr).not.toContain('sk-WRONG-KEY-123');
  });

  it('exits 4 when the workspace does not exist', async () => {
    const run = await runPulsebar(['poll', '--base-url', sim.url, '--workspace', 'no-such-workspace'], { env: { ROBOFLOW_API_KEY: KEY }, now: at('2026-11-12T12:00:00Z') });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('"no-such-workspace"');
  });

  // Each fault of the scenario, met at a moment inside it, and the exit code scripts can act on.
  it.each([
    ['2026-11-09T08:05:00Z', 7, /\b503\b/],
    ['2026-11-10T16:05:00Z', 7, /rate|429/i],
    ['2026-11-11T06:05:00Z', 5, /did not answer .* within 300 ms/],
    ['2026-11-12T22:05:00Z', 6, /JSON|truncated|broken|incomplete/i],
    ['2026-11-13T02:05:00Z', 7, /502/],
    ['2026-11-14T04:05:00Z', 5, /connection|network|reset/i],
    ['2026-11-15T18:02:00Z', 7, /\b500\b/],
  ])('at %s a faulty API exits %i with one clear line', async (iso, code, reason) => {
    // Only the timeout fault needs a short limit; the others build a whole answer first (the
    // truncated JSON is half of a real day's answer), which a busy machine can take past 300 ms.
    const timeout = code === 5 && iso.startsWith('2026-11-11') ? '0.3' : '10';
    const run = await poll(['--timeout', timeout], at(iso));
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain(KEY);
    expect(run.stderr).not.toMatch(/<html|<body/i);
  });

  it('exits 5 when nothing listens at the base URL', async () => {
    const closed = await startSimulator({ scenario });
    await closed.close();
    const run = await runPulsebar(['poll', '--base-url', closed.url, '--workspace', 'x'], { env: { ROBOFLOW_API_KEY: KEY } });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/127\.0\.0\.1/);
  });
});

describe('pulsebar usage', () => {
  it('prints help on "help" and exits 0', async () => {
    const run = await runPulsebar(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pulsebar poll [--once] [options]');
  });

  it.each([
    [[], /Usage:/, 'stdout'],
    [['frobnicate'], /^pulsebar frobnicate: unknown command "frobnicate". Commands: poll, watch, history, export, sim, replay, help.\n$/, 'stderr'],
    [['poll'], /^pulsebar poll: no workspace given. Pass --workspace NAME or set ROBOFLOW_WORKSPACE.\n$/, 'stderr'],
    [['poll', '--workspace', 'w', '--api-key', 'k', '--base-url', 'http://example.com'], /Refusing plain http to example\.com/, 'stderr'],
  ])('exits 2 for %j', async (argv, message, stream) => {
    const run = await runPulsebar(argv as string[]);
    expect(run.code).toBe(2);
    expect(run[stream as 'stdout' | 'stderr']).toMatch(message);
  });
});
