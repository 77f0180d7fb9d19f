import { describe, expect, it } from 'vitest';
import { TOOLTIP_MAX, TRAY_STATES, ago, trayStateOf, trayTooltip, type TrayStateInput } from '../../electron/shell/tray-state';

const calm: TrayStateInput = { demo: false, paused: false, consecutiveFailures: 0, activeSeverities: [] };

describe('trayStateOf', () => {
  it('is ok with nothing going on, and info alerts do not change that', () => {
    expect(trayStateOf(calm)).toBe('ok');
    expect(trayStateOf({ ...calm, activeSeverities: ['info', 'info'] })).toBe('ok');
  });

  it('shows the worst active alert', () => {
    expect(trayStateOf({ ...calm, activeSeverities: ['info', 'warning'] })).toBe('warning');
    expect(trayStateOf({ ...calm, activeSeverities: ['warning', 'critical', 'info'] })).toBe('critical');
  });

  it('goes offline after 3 failures in a row by default, or after offlineAfter', () => {
    expect(trayStateOf({ ...calm, consecutiveFailures: 2 })).toBe('ok');
    expect(trayStateOf({ ...calm, consecutiveFailures: 3 })).toBe('offline');
    expect(trayStateOf({ ...calm, consecutiveFailures: 1, offlineAfter: 1 })).toBe('offline');
    expect(trayStateOf({ ...calm, consecutiveFailures: 4, offlineAfter: 5 })).toBe('ok');
  });

  it('refuses an offlineAfter that is not a whole number of polls', () => {
    for (const offlineAfter of [0, -1, 1.5, Number.NaN]) {
      expect(() => trayStateOf({ ...calm, offlineAfter })).toThrow(RangeError);
    }
  });

  it('lets the demo replace ok only: a critical demo alert still looks critical', () => {
    expect(trayStateOf({ ...calm, demo: true })).toBe('demo');
    expect(trayStateOf({ ...calm, demo: true, activeSeverities: ['info'] })).toBe('demo');
    expect(trayStateOf({ ...calm, demo: true, activeSeverities: ['warning'] })).toBe('warning');
    expect(trayStateOf({ ...calm, demo: true, activeSeverities: ['critical'] })).toBe('critical');
  });

  it('orders the states paused > offline > critical > warning > demo > ok', () => {
    const everything: TrayStateInput = { demo: true, paused: true, consecutiveFailures: 9, activeSeverities: ['critical', 'warning'] };
    expect(trayStateOf(everything)).toBe('paused');
    expect(trayStateOf({ ...everything, paused: false })).toBe('offline');
    expect(trayStateOf({ ...everything, paused: false, consecutiveFailures: 0 })).toBe('critical');
    expect(trayStateOf({ ...everything, paused: false, consecutiveFailures: 0, activeSeverities: ['warning'] })).toBe('warning');
  });

  it('names every state once', () => {
    expect(new Set(TRAY_STATES).size).toBe(6);
  });
});

describe('trayTooltip', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
  const base = { workspace: 'hard-hat-workspace', state: 'ok' as const, lastPollAt: minutesAgo(3), now, demo: false };

  it('says workspace, status and age of the data', () => {
    expect(trayTooltip(base)).toBe('Pulsebar · hard-hat-workspace · all good · updated 3 min ago');
    expect(trayTooltip({ ...base, state: 'warning', alertCount: 2 })).toBe('Pulsebar · hard-hat-workspace · 2 alerts · updated 3 min ago');
    expect(trayTooltip({ ...base, state: 'critical', alertCount: 1 })).toBe('Pulsebar · hard-hat-workspace · 1 alert (critical) · updated 3 min ago');
  });

  it('describes each state in words when no count is given', () => {
    expect(trayTooltip({ ...base, state: 'warning' })).toContain(' · warning · ');
    expect(trayTooltip({ ...base, state: 'critical' })).toContain(' · critical alert · ');
    expect(trayTooltip({ ...base, state: 'paused' })).toContain(' · paused · ');
    expect(trayTooltip({ ...base, state: 'offline', lastPollAt: minutesAgo(125) })).toBe(
      'Pulsebar · hard-hat-workspace · cannot reach Roboflow · updated 2 h ago',
    );
  });

  it('says when it is the demo, or not set up, or has no data yet', () => {
    expect(trayTooltip({ ...base, demo: true, workspace: null, state: 'demo' })).toBe('Pulsebar · demo data · all good · updated 3 min ago');
    expect(trayTooltip({ ...base, workspace: null })).toBe('Pulsebar · not set up: open Pulsebar to add a workspace');
    expect(trayTooltip({ ...base, lastPollAt: null })).toBe('Pulsebar · hard-hat-workspace · all good · no data yet');
  });

  it('shortens a long workspace name, never the status, to fit Windows tooltips', () => {
    const tip = trayTooltip({ ...base, state: 'critical', alertCount: 12, workspace: 'w'.repeat(300) });
    expect(tip).toHaveLength(TOOLTIP_MAX);
    expect(tip).toMatch(/^Pulsebar · w+… · 12 alerts \(critical\) · updated 3 min ago$/);
  });

  it('does not split a surrogate pair when shortening', () => {
    const tip = trayTooltip({ ...base, workspace: '🛠'.repeat(100) });
    expect(tip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(tip).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('stays within 127 UTF-16 units for every state', () => {
    for (const state of TRAY_STATES) {
      const tip = trayTooltip({ ...base, state, alertCount: 99_999, workspace: 'x'.repeat(500), lastPollAt: minutesAgo(60 * 24 * 400) });
      expect(tip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    }
  });
});

describe('ago', () => {
  it.each([
    [-5_000, 'just now'],
    [59_999, 'just now'],
    [60_000, '1 min ago'],
    [59 * 60_000, '59 min ago'],
    [60 * 60_000, '1 h ago'],
    [47 * 3_600_000, '47 h ago'],
    [48 * 3_600_000, '2 d ago'],
  ])('%d ms → %s', (ms, text) => {
    expect(ago(ms)).toBe(text);
  });
});
