// `watch --demo` in simulated time fills a history; `history` and `export` then read it with
// no simulator running (offline), as a user would after the fact.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/poller/fake-clock';
import { runPulsebar, type CliRun } from './cli-harness';

const START = Date.parse('2026-11-28T08:02:00Z');
const dataDir = mkdtempSync(join(tmpdir(), 'pulsebar-cli-'));
const clock = new FakeClock(START);
let watch: CliRun;
const pollLines: string[] = [];

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

beforeAll(async () => {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runPulsebar(['watch', '--demo', '--data-dir', dataDir, '--interval', '5'], {
    clock,
    waitForStop: () => stopped,
    onStdout: (text) => {
      if (/^\d\d:\d\d:\d\d {2}(ok|failed)/.test(text)) pollLines.push(text);
    },
  });
  await until(() => pollLines.length === 1, 'the first poll');
  // One simulated hour of 5-minute polls.
  for (let n = 2; n <= 13; n++) {
    await clock.runNext();
    await until(() => pollLines.length === n, `poll ${n}`);
  }
  stop();
  watch = await running;
}, 60_000);

describe('pulsebar watch --demo', () => {
  it('polls on its interval, stores, and stops cleanly', () => {
    expect(watch.code).toBe(0);
    expect(watch.stderr).toBe('');
    expect(watch.stdout).toContain('DEMO: watching the simulated workspace "demo-workspace" every 5 min');
    expect(pollLines).toHaveLength(13);
    expect(pollLines.every((line) => /ok {2}last 24h: [\d,]+ inferences/.test(line))).toBe(true);
    expect(pollLines[0]).toMatch(/^08:02:00/);
    expect(pollLines[12]).toMatch(/^09:0\d:\d\d/);
    expect(watch.stdout).toContain('Stopped. Review offline with: pulsebar history --demo');
    expect(existsSync(join(dataDir, 'demo-history.db'))).toBe(true);
  });
});

describe('pulsebar history, offline', () => {
  it('summarises what was stored', async () => {
    const run = await runPulsebar(['history', '--demo', '--data-dir', dataDir], { clock });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`History of the demo in ${join(dataDir, 'demo-history.db')}`);
    expect(run.stdout).toMatch(/Polls {7}13 \(13 ok\) · available 100\.0 % overall/);
    for (const model of ['license-plate-recognition-rxg4e', 'forklift-detection-mz7qa', 'hard-hat-sample-8j2w3', 'pcb-defect-detection-qx7v1']) {
      expect(run.stdout).toContain(model);
    }
  });

  it('details one model, and names the models when asked for an unknown one', async () => {
    const one = await runPulsebar(['history', '--demo', '--data-dir', dataDir, '--model', 'hard-hat-sample-8j2w3'], { clock });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^helmet\s/m);
    expect(one.stdout).toMatch(/^\(nothing found\)\s/m);
    const unknown = await runPulsebar(['history', '--demo', '--data-dir', dataDir, '--model', 'nope'], { clock });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no model "nope" in this history. Models seen: .*hard-hat-sample-8j2w3/);
  });

  it('says plainly when there is no history yet', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pulsebar-empty-'));
    const run = await runPulsebar(['history', '--data-dir', empty], { clock });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/there is no history in .* yet. Run "pulsebar watch"/);
  });
});

describe('pulsebar export, offline', () => {
  it('writes the hourly series as CSV with a header and ISO UTC hours', async () => {
    const out = join(dataDir, 'hourly.csv');
    const run = await runPulsebar(['export', '--demo', '--data-dir', dataDir, '--format', 'csv', '--out', out], { clock });
    expect(run.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('hour,level,model,class,inferences,errors,avg_confidence,median_confidence,avg_response_time_seconds,detections,complete');
    // 48 h backfilled plus the hours watched, each with a workspace row.
    const workspaceHours = lines.filter((l) => /^[^,]+,workspace,/.test(l)).map((l) => l.split(',')[0]!);
    expect(workspaceHours.length).toBeGreaterThanOrEqual(20);
    expect(workspaceHours.every((h) => /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/.test(h))).toBe(true);
    expect(run.stderr).toMatch(/^Wrote .*hourly\.csv \(csv, [\d,]+ bytes\)/);
  });

  it('filters by model and time range, as JSON', async () => {
    const run = await runPulsebar(
      ['export', '--demo', '--data-dir', dataDir, '--format', 'json', '--model', 'hard-hat-sample-8j2w3', '--from', '2026-11-28T07:00Z', '--to', '2026-11-28T09:00Z'],
      { clock },
    );
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { hour: string; model: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(['hard-hat-sample-8j2w3']));
    expect(new Set(rows.map((r) => r.hour))).toEqual(new Set(['2026-11-28T07:00:00.000Z', '2026-11-28T08:00:00.000Z']));
  });

  it('exports the headline snapshots', async () => {
    const run = await runPulsebar(['export', '--demo', '--data-dir', dataDir, '--format', 'json', '--snapshots'], { clock });
    expect(run.code).toBe(0);
    const snapshots = JSON.parse(run.stdout) as { fetchedAt: string; totals: unknown }[];
    expect(snapshots).toHaveLength(13);
  });

  it.each([
    [['--format', 'xml'], /--format "xml" is not offered/],
    [['--format', 'csv', '--from', 'yesterday'], /--from "yesterday" is not a time/],
    [['--format', 'csv', '--from', '2026-11-28', '--to', '2026-11-27'], /must be before --to/],
    [[], /no format given/],
  ])('refuses %j with a reason', async (args, reason) => {
    const run = await runPulsebar(['export', '--demo', '--data-dir', dataDir, ...args], { clock });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
  });
});

describe('pulsebar watch, local storage trouble', () => {
  it('exits 8 with one line naming the file and what to do when the data folder cannot be made', async () => {
    const blocker = join(dataDir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const run = await runPulsebar(['watch', '--workspace', 'w', '--data-dir', join(blocker, 'sub')], { env: { ROBOFLOW_API_KEY: 'sk-some-key' }, clock });
    expect(run.code).toBe(8);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^pulsebar watch: Could not create the data folder .*a-file\/sub\/history\/w\.db.*Choose another data folder/);
  });
});
