import { describe, expect, it } from 'vitest';
import { runPulsebar } from './cli-harness';

describe('pulsebar sim', () => {
  it('serves the scenario laid to end now, until asked to stop', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let announced!: (url: string) => void;
    const url = new Promise<string>((resolve) => (announced = resolve));
    const now = new Date('2030-01-01T12:00:00Z');

    const running = runPulsebar(['sim', '--scenario', 'demo', '--port', '0'], {
      now,
      waitForStop: () => stopped,
      onStdout: (text) => {
        const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (match) announced(match[1]!);
      },
    });
    const base = await url;
    const response = await fetch(`${base}/demo-workspace/inference-stats?api_key=demo-key&startTime=2030-01-01 11:00:00&endTime=2030-01-01 12:00:00`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { num_inferences: number | null };
    // Its last hour is the hour before "now": traffic is there, not in an empty future.
    expect(body.num_inferences).toBeGreaterThan(0);

    stop();
    const run = await running;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Simulating workspace "demo-workspace" (scenario demo)');
    expect(run.stdout).toMatch(/GET \/demo-workspace\/inference-stats\?api_key=\[redacted\].* -> 200/);
    expect(run.stdout).not.toContain('api_key=demo-key');
    await expect(fetch(base)).rejects.toThrow();
  });

  it.each([
    [['sim'], /no scenario given/],
    [['sim', '--scenario', 'test/fixtures/scenarios/bad-share.json'], /models\[1\]\.classes\[0\]\.share/],
    [['sim', '--scenario', 'test/fixtures/scenarios/bad-json.json'], /line \d+/],
    [['sim', '--scenario', 'no-such-scenario'], /no-such-scenario/],
    [['sim', '--scenario', 'demo', '--host', '0.0.0.0'], /not a loopback address/],
    [['sim', '--scenario', 'demo', '--port', '70000'], /not a port number/],
  ])('exits 2 for %j, naming what is wrong', async (argv, reason) => {
    const run = await runPulsebar(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stdout).toBe('');
  });
});
