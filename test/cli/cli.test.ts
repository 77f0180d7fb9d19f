import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli';
import { createSimulation, loadScenario } from '../../electron/sim';
import { clockAt } from './cli-harness';

describe('runCli', () => {
  it('reports an unexpected failure in one line, exit 1, with the key scrubbed', async () => {
    const scenario = loadScenario('demo');
    const body = JSON.stringify(createSimulation(scenario).stats({ startMs: Date.parse('2026-11-03T00:00:00Z'), endMs: Date.parse('2026-11-03T01:00:00Z') }));
    let stderr = '';
    const code = await runCli(['poll', '--workspace', 'w', '--api-key', 'sk-FLAG-KEY'], {
      env: { ROBOFLOW_API_KEY: 'sk-ENV-KEY' },
      fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
      platform: process.platform,
      homeDir: '/nonexistent-home',
      clock: clockAt(new Date('2026-11-03T01:00:00Z')),
      stdout: () => {
        throw new Error('write EPIPE while printing for sk-FLAG-KEY / sk-ENV-KEY');
      },
      stderr: (text) => (stderr += text),
      waitForStop: () => Promise.resolve(),
      runProgram: () => Promise.reject(new Error('not expected')),
    });
    expect(code).toBe(1);
    expect(stderr).toBe('pulsebar: unexpected failure: write EPIPE while printing for [redacted] / [redacted]. Please report it.\n');
  });
});
