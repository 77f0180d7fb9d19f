// `pulsebar watch` alerts: printed always, sent to the desktop with --notify through notify-send.
// Roboflow is unreachable here (a closed loopback port), so the third failed poll raises
// MonitorUnavailable, the one alert a few polls can produce.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOnPath, notifySendArgs } from '../../electron/cli/notifiers';
import { FakeClock } from '../core/poller/fake-clock';
import { runPulsebar } from './cli-harness';

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A folder holding an executable `notify-send` (never run: the harness records programs). */
function pathWithNotifySend(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pulsebar-bin-'));
  writeFileSync(join(dir, 'notify-send'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(dir, 'notify-send'), 0o755);
  return dir;
}

async function watchUnreachable(extraArgs: string[], env: Record<string, string>) {
  const clock = new FakeClock(Date.parse('2026-11-28T08:00:00Z'));
  const programs: { file: string; args: readonly string[] }[] = [];
  let polls = 0;
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runPulsebar(['watch', '--base-url', 'http://127.0.0.1:1', '--workspace', 'w', '--data-dir', mkdtempSync(join(tmpdir(), 'pulsebar-cli-')), ...extraArgs], {
    clock,
    env: { ROBOFLOW_API_KEY: 'sk-test', ...env },
    programs,
    waitForStop: () => stopped,
    onStdout: (text) => {
      if (/^\d\d:\d\d:\d\d {2}failed/.test(text)) polls += 1;
    },
  });
  await until(() => polls === 1, 'the first poll');
  for (let n = 2; n <= 3; n++) {
    await clock.runNext(); // back-off: 5, then 10 minutes
    await until(() => polls === n, `poll ${n}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the alert is evaluated after the poll line
  stop();
  return { run: await running, programs };
}

describe('pulsebar watch alerts', () => {
  it('prints the alert and its notification, and sends it with notify-send when asked', async () => {
    const dir = pathWithNotifySend();
    const { run, programs } = await watchUnreachable(['--notify'], { PATH: dir });
    expect(run.code).toBe(0);
    // The third failed poll (5 and 10 minutes of back-off, with jitter) raises it, then notifies.
    expect(run.stdout).toMatch(/^08:1\d:\d\d {2}ALERT {5}MonitorUnavailable \(warning\) {2}Roboflow could not be read: 3 polls in a row failed \(last: Could not reach 127\.0\.0\.1:1 .*\)\n08:1\d:\d\d {2}NOTIFY {2}Pulsebar: Roboflow unreachable: /m);
    expect(programs).toHaveLength(1);
    expect(programs[0]?.file).toBe(join(dir, 'notify-send'));
    expect(programs[0]?.args.slice(0, 4)).toEqual(['--app-name=Pulsebar', '--urgency=normal', '--category=presence', '--']);
    expect(run.stdout).not.toContain('sk-test');
  }, 30_000);

  it('says how to get notify-send when --notify cannot find it, and still prints', async () => {
    const { run, programs } = await watchUnreachable(['--notify'], { PATH: mkdtempSync(join(tmpdir(), 'pulsebar-empty-')) });
    expect(run.stderr).toContain('pulsebar watch: --notify needs notify-send, which is not installed (Debian/Ubuntu: sudo apt install libnotify-bin). Notifications are printed here only.\n');
    expect(programs).toEqual([]);
    expect(run.stdout).toMatch(/NOTIFY {2}Pulsebar: Roboflow unreachable/);
  }, 30_000);

  it('sends nothing to the desktop without --notify', async () => {
    const { programs, run } = await watchUnreachable([], { PATH: pathWithNotifySend() });
    expect(programs).toEqual([]);
    expect(run.stdout).toMatch(/NOTIFY/);
  }, 30_000);
});

describe('notify-send', () => {
  it('is found on PATH only as an executable file', () => {
    const dir = pathWithNotifySend();
    expect(findOnPath('notify-send', `/nonexistent:${dir}`)).toBe(join(dir, 'notify-send'));
    expect(findOnPath('notify-send', '')).toBeNull();
    expect(findOnPath('notify-send', undefined)).toBeNull();
    const plain = mkdtempSync(join(tmpdir(), 'pulsebar-bin-'));
    writeFileSync(join(plain, 'notify-send'), 'not executable');
    chmodSync(join(plain, 'notify-send'), 0o644);
    expect(findOnPath('notify-send', plain)).toBeNull();
  });

  it('marks critical notifications critical and passes title and body after --', () => {
    const n = { at: new Date(), kind: 'alert', model: 'm', severity: 'critical', title: '-t: m', body: 'no inferences', alerts: [] } as const;
    expect(notifySendArgs(n)).toEqual(['--app-name=Pulsebar', '--urgency=critical', '--category=presence', '--', '-t: m', 'no inferences']);
  });
});
