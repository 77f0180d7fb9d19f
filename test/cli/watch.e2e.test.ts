// The history acceptance path with the real bin in child processes: watch a simulated
// workspace, stop it and the simulator, then read the history offline.
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin, startBin, type RunningBin } from './bin-process';

const dataDir = mkdtempSync(join(tmpdir(), 'pulsebar-e2e-'));
const env = { ...process.env, CI: 'true', PULSEBAR_DATA_DIR: dataDir, ROBOFLOW_API_KEY: 'demo-key', ROBOFLOW_WORKSPACE: 'demo-workspace' };
const children: RunningBin[] = [];
const start = (args: string[]) => {
  const running = startBin(args, env);
  children.push(running);
  return running;
};

afterAll(() => {
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
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

    const history = await runBin(['history'], env);
    expect(history.stdout).toMatch(/Polls {7}1 \(1 ok\)/);
    expect(history.stdout).toContain('license-plate-recognition-rxg4e');

    const exported = await runBin(['export', '--format', 'csv'], env);
    const lines = exported.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^hour,level,model,class,/);
    expect(lines.length).toBeGreaterThan(10);
  }, 60_000);
});
