// The acceptance path as a user types it: the real bin, in child processes, over loopback.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'bin/pulsebar.js';
let sim: ChildProcess;
let url: string;

beforeAll(async () => {
  sim = spawn(process.execPath, [BIN, 'sim', '--scenario', 'demo', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    sim.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    sim.once('exit', (code) => reject(new Error(`pulsebar sim exited ${code}: ${out}`)));
  });
}, 30_000);

afterAll(async () => {
  if (sim.exitCode === null) {
    sim.kill('SIGINT');
    await once(sim, 'exit');
  }
});

const poll = (key: string) =>
  run(process.execPath, [BIN, 'poll', '--once', '--base-url', url, '--workspace', 'demo-workspace', '--api-key', key, '--json'], { env: { ...process.env, CI: 'true' } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

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
    sim.kill('SIGINT');
    const [code] = await once(sim, 'exit');
    expect(code).toBe(0);
  }, 30_000);
});
