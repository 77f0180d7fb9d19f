// The replay end to end: the real client over the in-memory simulator, the poller in simulated
// time, the history in a temporary file, the detector, the lifecycle and the policy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReplay, type ReplayResult } from '../../electron/replay/run-replay';
import { scoreReplay } from '../../electron/replay/score';
import { loadScenario } from '../../electron/sim/scenario';
import { runPulsebar } from '../cli/cli-harness';

const OUTAGE = fileURLToPath(new URL('../fixtures/scenarios/replay-outage.json', import.meta.url));

let outage: Promise<ReplayResult> | undefined;
const replayOutage = () => (outage ??= runReplay({ scenario: loadScenario(OUTAGE) }));

describe('replay', () => {
  it('catches the outage with ModelSilent, notifies once, and once more when it is over', async () => {
    const result = await replayOutage();
    const score = scoreReplay(result);
    expect(score.incidents).toEqual([expect.objectContaining({ kind: 'outage', rule: 'ModelSilent', caught: true, notifications: 1, resolvedNotifications: 1 })]);
    expect(score.incidents[0]?.delayMinutes).toBeLessThanOrEqual(40);
    expect(score.falseAlarms).toEqual([]);
  }, 60_000);

  it('raises only MonitorUnavailable for API faults, after three failed polls, and not for a short one', async () => {
    const result = await replayOutage();
    const faultTime = (line: { at: string }) => line.at >= '2026-11-01T20:00' && line.at < '2026-11-01T22:00';
    const aroundFaults = result.lines.filter((l) => l.event === 'firing' && (faultTime(l) || l.at.startsWith('2026-11-02T02')));
    expect(aroundFaults.map((l) => [l.at, l.rule])).toEqual([['2026-11-01T20:15:00Z', 'MonitorUnavailable']]);
    // 20:00, 20:05, 20:15 and 20:35 failed (back-off 5, 10, 20 min); the 9-min reset fault failed two polls only.
    expect(result.polls.filter((p) => !p.ok).map((p) => p.at.toISOString().slice(11, 16))).toEqual(['20:00', '20:05', '20:15', '20:35', '02:00', '02:05']);
    const resolved = result.lines.find((l) => l.event === 'resolved' && l.rule === 'MonitorUnavailable');
    expect(resolved?.at).toBe('2026-11-01T21:05:00Z'); // the first poll after the back-off
    expect(scoreReplay(result).monitorAlerts).toBe(1);
  }, 60_000);

  it('prints exactly the documented JSON line for every firing, resolved and notification', async () => {
    const run = await runPulsebar(['replay', '--scenario', OUTAGE, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const text of lines) {
      const line = JSON.parse(text) as Record<string, unknown>;
      expect(Object.keys(line)).toEqual(['at', 'event', 'rule', 'model', 'class', 'severity', 'message']);
      expect(line.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(['firing', 'resolved', 'notified']).toContain(line.event);
      expect(['info', 'warning', 'critical']).toContain(line.severity);
      expect(typeof line.message).toBe('string');
    }
    expect(lines.map((l) => JSON.parse(l) as { event: string; rule: string })).toContainEqual(expect.objectContaining({ event: 'firing', rule: 'ModelSilent', model: 'gate-camera', class: null, severity: 'critical' }));
  }, 60_000);

  it('prints a readable timeline and a scored summary without --json', async () => {
    const run = await runPulsebar(['replay', '--scenario', OUTAGE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2026-11-02 10:\d\dZ {2}FIRING {4}ModelSilent \(critical\) gate-camera: no inferences in the last 30 min/m);
    expect(run.stdout).toMatch(/outage +gate-camera +2026-11-02 10:00 +ModelSilent +\d+ min +1 \+ 1 resolved/);
    expect(run.stdout).toContain('Caught within 60 min: 1 of 1.');
  }, 60_000);

  it('takes thresholds and notification settings from --alerts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulsebar-alerts-'));
    const file = join(dir, 'alerts.json');
    writeFileSync(file, JSON.stringify({ models: { 'gate-camera': { ModelSilent: { enabled: false } } }, notifications: { enabled: false } }));
    const run = await runPulsebar(['replay', '--scenario', OUTAGE, '--alerts', file, '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; rule: string });
    expect(lines.filter((l) => l.rule === 'ModelSilent')).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'firing', rule: 'TrafficDrop' })); // the outage still shows, later
    expect(lines.filter((l) => l.event === 'notified')).toEqual([]);
  }, 60_000);

  it('refuses bad alert settings with the file, the setting and what is allowed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulsebar-alerts-'));
    const file = join(dir, 'alerts.json');
    writeFileSync(file, JSON.stringify({ rules: { TrafficDrop: { maxRatio: 1.5 } } }));
    const bad = await runPulsebar(['replay', '--scenario', OUTAGE, '--alerts', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`pulsebar replay: ${file}: alerts.rules.TrafficDrop.maxRatio must be a number from 0 (excluded) to 1 (got 1.5).\n`);
    writeFileSync(file, '{ "rules": ');
    expect((await runPulsebar(['replay', '--scenario', OUTAGE, '--alerts', file])).stderr).toMatch(new RegExp(`^pulsebar replay: the alert settings ${file} are not valid JSON \\(.+\\)\\.\\n$`));
    expect((await runPulsebar(['replay', '--scenario', OUTAGE, '--alerts', join(dir, 'missing.json')])).stderr).toBe(
      `pulsebar replay: cannot read the alert settings ${join(dir, 'missing.json')} (ENOENT). Check the path given to --alerts.\n`,
    );
  });

  it('refuses a missing scenario with the way to name one', async () => {
    const run = await runPulsebar(['replay']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('pulsebar replay: no scenario given. Pass --scenario FILE, or a bundled one: --scenario incidents (or demo, quiet).\n');
  });
});
