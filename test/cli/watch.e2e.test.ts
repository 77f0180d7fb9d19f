// The history acceptance path with the real bin in child processes: watch a simulated
// workspace, stop it and the simulator, then read the history offline.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'bin/pulsebar.js';
const dataDir = mkdtempSync(join(tmpdir(), 'pulsebar-e2e-'));
const env = { ...process.env, CI: 'true', PULSEBAR_DATA_DIR: dataDir, ROBOFLOW_API_KEY: 'demo-key', ROBOFLOW_WORKSPACE: 'demo-workspace' };
const children: ChildProcess[] = [];

function start(args: string[]): { child: ChildProcess; output: () => string; waitFor(pattern: RegExp): Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  const listeners: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    output: () => out,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out);
          if (match) resolve(match);
        };
        listeners.push(check);
        child.once('exit', (code) => reject(new Error(`pulsebar ${args[0]} exited ${code} before ${pattern}: ${out}`)));
        check();
      }),
  };
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('watch, then history and export offline', () => {
  it('fills the history from the simulator and reads it back after both stop', async () => {
    const sim = start(['sim', '--scenario', 'demo', '--port', '0']);
    const [, url] = await sim.waitFor(/at (http:\/\/127\.0\.0\.1:\d+)/);

    const watch = start(['watch', '--base-url', url!, '--interval', '1']);
    await watch.waitFor(/ok {2}last 24h: [\d,]+ inferences · \d+ hourly windows stored/);
    watch.child.kill('SIGINT');
    const [watchCode] = await once(watch.child, 'exit');
    expect(watchCode).toBe(0);
    expect(watch.output()).toContain(`history in ${join(dataDir, 'history', 'demo-workspace.db')}`);
    expect(watch.output()).toContain('Stopped.');

    sim.child.kill('SIGINT');
    await once(sim.child, 'exit');

    const history = await run(process.execPath, [BIN, 'history'], { env });
    expect(history.stdout).toMatch(/Polls {7}1 \(1 ok\)/);
    expect(history.stdout).toContain('license-plate-recognition-rxg4e');

    const exported = await run(process.execPath, [BIN, 'export', '--format', 'csv'], { env });
    const lines = exported.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^hour,level,model,class,/);
    expect(lines.length).toBeGreaterThan(10);
  }, 60_000);
});
