import { describe, expect, it, vi } from 'vitest';
import type { AlertView, Overview } from '../../electron/contract';
import { SNOOZE_ALL_MS, runTrayAction } from '../../electron/shell/tray-actions';
import { trayViewOf } from '../../electron/shell/tray-view';

const NOW = new Date('2026-11-28T12:00:00Z');
const alert = (rule: string, model: string | null, severity: AlertView['severity'], className: string | null = null): AlertView => ({
  id: 1,
  rule,
  model,
  className,
  severity,
  message: `${model}: ${rule}`,
  startedAt: NOW.toISOString(),
  endedAt: null,
  acknowledged: false,
  figures: {},
});
const overview = (over: Partial<Overview> = {}): Overview => ({
  workspace: 'acme',
  demo: false,
  health: 'ok',
  window: '24h',
  fetchedAt: NOW.toISOString(),
  totals: null,
  models: [],
  activeAlerts: [],
  snoozes: [],
  poll: { status: 'idle', lastPollAt: new Date(NOW.getTime() - 3 * 60_000).toISOString(), lastSuccessAt: null, nextPollAt: null, consecutiveFailures: 0, lastError: null, offline: false },
  ...over,
});

function service(active: AlertView[] = []) {
  return { pollNow: vi.fn(() => Promise.resolve(overview().poll)), pause: vi.fn(), resume: vi.fn(), snooze: vi.fn(), overview: () => overview({ activeAlerts: active }) };
}
const deps = (s = service()) => ({ service: s, now: NOW, openView: vi.fn(), openLogs: vi.fn(), quit: vi.fn() });

describe('tray actions', () => {
  it('snoozes every active (rule, model) once for an hour, and says until when', () => {
    const s = service([alert('ConfidenceDrop', 'hard-hat', 'warning', 'helmet'), alert('ConfidenceDrop', 'hard-hat', 'warning', 'head'), alert('ModelSilent', 'pcb', 'critical'), alert('ServerVersionChange', 'pcb', 'info')]);
    expect(runTrayAction('snooze-all', deps(s))).toEqual(new Date(NOW.getTime() + SNOOZE_ALL_MS));
    expect(s.snooze.mock.calls).toEqual([[{ rule: 'ConfidenceDrop', model: 'hard-hat', for: '1h' }], [{ rule: 'ModelSilent', model: 'pcb', for: '1h' }]]);
  });

  it('refreshes, pauses, resumes, opens settings and logs, and quits', () => {
    const d = deps();
    for (const id of ['refresh', 'pause', 'resume', 'settings', 'open-logs', 'quit'] as const) expect(runTrayAction(id, d)).toBeNull();
    expect(d.service.pollNow).toHaveBeenCalledOnce();
    expect(d.service.pause).toHaveBeenCalledOnce();
    expect(d.service.resume).toHaveBeenCalledOnce();
    expect(d.openView).toHaveBeenCalledWith('settings');
    expect(d.openLogs).toHaveBeenCalledOnce();
    expect(d.quit).toHaveBeenCalledOnce();
  });
});

describe('the tray view of an overview', () => {
  it('shows the worst alert, counts alerts in the tooltip, and offers a snooze', () => {
    const view = trayViewOf(overview({ activeAlerts: [alert('LatencyUp', 'a', 'warning'), alert('ModelSilent', 'b', 'critical'), alert('ServerVersionChange', 'c', 'info')] }), { now: NOW, snoozedAllUntil: null });
    expect(view.state).toBe('critical');
    expect(view.tooltip).toContain('acme');
    expect(view.tooltip).toContain('2 alerts');
    expect(view.menu).toContainEqual(expect.objectContaining({ id: 'snooze-all', enabled: true }));
  });

  it('says paused, offline and demo before ok, and shows a running snooze', () => {
    expect(trayViewOf(overview({ poll: { ...overview().poll, status: 'paused' } }), { now: NOW, snoozedAllUntil: null }).state).toBe('paused');
    expect(trayViewOf(overview({ poll: { ...overview().poll, consecutiveFailures: 3, offline: true } }), { now: NOW, snoozedAllUntil: null }).state).toBe('offline');
    expect(trayViewOf(overview({ demo: true }), { now: NOW, snoozedAllUntil: null }).state).toBe('demo');
    const snoozed = trayViewOf(overview({ activeAlerts: [alert('LatencyUp', 'a', 'warning')] }), { now: NOW, snoozedAllUntil: new Date(NOW.getTime() + 30 * 60_000) });
    expect(snoozed.menu).toContainEqual(expect.objectContaining({ id: 'snooze-all', enabled: false, label: expect.stringMatching(/^Snoozed until \d\d:\d\d$/) }));
    const over = trayViewOf(overview({ activeAlerts: [alert('LatencyUp', 'a', 'warning')] }), { now: NOW, snoozedAllUntil: new Date(NOW.getTime() - 1) });
    expect(over.menu).toContainEqual(expect.objectContaining({ id: 'snooze-all', enabled: true }));
  });
});
