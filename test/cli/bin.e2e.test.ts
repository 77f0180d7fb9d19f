// The acceptance path as a user types it: the real bin, in child processes, over loopback.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, startBin, type RunningBin } from './bin-process';

let sim: RunningBin;
let url: string;

beforeAll(async () => {
  sim = startBin(['sim', '--scenario', 'demo', '--port', '0']);
  [, url = ''] = await sim.waitFor(/at (http:\/\/127\.0\.0\.1:\d+)/);
}, 30_000);

afterAll(async () => {
  if (sim.child.exitCode === null) {
    sim.child.kill('SIGINT');
    await once(sim.child, 'exit');
  }
});

const poll = (key: string) =>
  runBin(['poll', '--once', '--base-url', url, '--workspace', 'demo-workspace', '--api-key', key, '--json'], { ...process.env, CI: 'true' });

describe('npx pulsebar sim + poll', () => {
  it('prints the snapshot as JSON with the demo key', async () => {
    const result = await poll('demo-key');
    expect(result.code).toBe(0);
    const snapshot = JSON.parse(result.stdout);
    expect(snapshot.models).toHaveLength(4);
    expect(snapshot.totals.current.inferences).toBeGreaterThan(1000);
    expect(Date.parse(snapshot.window.end) - Date.parse(snapshot.window.start)).toBe(86_400_000);
  }, 30_000);

  it('exits 3 with one clear line for a wrong key', async () => {
    const result = await poll('wrong-key');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^pulsebar poll: Roboflow rejected the API key .*Check the key/)]);
    expect(result.stderr).not.toContain('wrong-key');
  }, 30_000);

  it('stops cleanly on Ctrl+C', async () => {
    sim.child.kill('SIGINT');
    const [code] = await once(sim.child, 'exit');
    expect(code).toBe(0);
  }, 30_000);
});
