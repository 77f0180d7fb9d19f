import { describe, expect, it } from 'vitest';
import { createAlertTracker, type LifecycleLimits } from '../../../electron/core/alerts/lifecycle';
import type { AlertKey, Finding, Verdict } from '../../../electron/core/alerts/types';

const KEY: AlertKey = { rule: 'ConfidenceDrop', model: 'hard-hat', className: 'helmet' };
const VERSION: AlertKey = { rule: 'ServerVersionChange', model: 'hard-hat', className: null };
const T0 = Date.parse('2026-11-03T10:00:00Z');
const at = (poll: number) => new Date(T0 + poll * 5 * 60_000);

const finding = (verdict: Verdict, key: AlertKey = KEY): Finding => ({ key, verdict, severity: 'warning', summary: `helmet confidence (${verdict})`, figures: { verdict } });
const limits =
  (pendingPolls = 2, recoverPolls = 3) =>
  (key: AlertKey): LifecycleLimits =>
    key.rule === 'ServerVersionChange' ? { pendingPolls: 1, recoverPolls: 1, instant: true } : { pendingPolls, recoverPolls };

/** Runs verdicts through a tracker with no warm-up; returns each poll's events and the state after it. */
function run(verdicts: readonly (Verdict | null)[], options: { pending?: number; recover?: number; warmup?: number } = {}) {
  const tracker = createAlertTracker({ warmupPolls: options.warmup ?? 0 });
  return verdicts.map((verdict, i) => {
    const evaluation = tracker.apply(at(i), verdict === null ? [] : [finding(verdict)], limits(options.pending, options.recover));
    return { events: evaluation.events.map((e) => e.event), state: tracker.state(KEY), active: evaluation.active };
  });
}

describe('the alert lifecycle', () => {
  it('fires only after the breach holds for pendingPolls polls', () => {
    const polls = run(['breach', 'breach']);
    expect(polls.map((p) => p.state)).toEqual(['pending', 'firing']);
    expect(polls.map((p) => p.events)).toEqual([[], ['firing']]);
    expect(run(['breach', 'breach', 'breach'], { pending: 3 }).map((p) => p.state)).toEqual(['pending', 'pending', 'firing']);
  });

  it('drops a pending alert without a word when the breach does not hold', () => {
    for (const verdict of ['holding', 'recovered'] as const) {
      const polls = run(['breach', verdict, 'breach']);
      expect(polls.map((p) => p.state)).toEqual(['pending', 'ok', 'pending']);
      expect(polls.flatMap((p) => p.events)).toEqual([]);
    }
  });

  it('keeps its state through polls without data (unknown, or no finding at all)', () => {
    expect(run(['breach', 'unknown', null, 'breach']).map((p) => p.state)).toEqual(['pending', 'pending', 'pending', 'firing']);
    expect(run(['breach', 'breach', 'unknown', null, 'unknown']).map((p) => p.state)).toEqual(['pending', 'firing', 'firing', 'firing', 'firing']);
  });

  it('resolves only after recoverPolls recovered polls in a row (hysteresis)', () => {
    const polls = run(['breach', 'breach', 'recovered', 'recovered', 'holding', 'recovered', 'recovered', 'recovered']);
    expect(polls.map((p) => p.state)).toEqual(['pending', 'firing', 'recovering', 'recovering', 'firing', 'recovering', 'recovering', 'ok']);
    expect(polls.flatMap((p) => p.events)).toEqual(['firing', 'resolved']);
  });

  it('stays firing while the value sits between the firing and the recovery thresholds', () => {
    const polls = run(['breach', 'breach', 'holding', 'holding', 'holding']);
    expect(polls.at(-1)?.state).toBe('firing');
    expect(polls.flatMap((p) => p.events)).toEqual(['firing']);
  });

  it('resolves at once when recoverPolls is 1 and fires at once when pendingPolls is 1', () => {
    expect(run(['breach', 'recovered'], { pending: 1, recover: 1 }).map((p) => p.events)).toEqual([['firing'], ['resolved']]);
  });

  it('says nothing during the warm-up polls after start', () => {
    const polls = run(['breach', 'breach', 'breach', 'breach'], { warmup: 2 });
    expect(polls.map((p) => p.state)).toEqual(['ok', 'ok', 'pending', 'firing']);
  });

  it('reports a resolved event with its start and the recovery figures', () => {
    const tracker = createAlertTracker({ warmupPolls: 0 });
    const l = limits(1, 1);
    tracker.apply(at(0), [finding('breach')], l);
    const { events } = tracker.apply(at(3), [finding('recovered')], l);
    expect(events).toEqual([
      { at: at(3), event: 'resolved', key: KEY, severity: 'warning', message: 'hard-hat: helmet confidence (recovered) (recovered)', figures: { verdict: 'recovered' }, startedAt: at(0) },
    ]);
  });

  it('lists firing and recovering alerts as active, with their message', () => {
    const polls = run(['breach', 'breach', 'recovered']);
    expect(polls[1]?.active.map((a) => [a.state, a.message])).toEqual([['firing', 'hard-hat: helmet confidence (breach)']]);
    expect(polls[2]?.active.map((a) => a.state)).toEqual(['recovering']);
  });

  it('marks an alert that keeps switching as flapping, and clears the mark once it settles', () => {
    const cycle: Verdict[] = ['breach', 'recovered']; // fires and resolves every poll
    const polls = run([...cycle, ...cycle, ...cycle], { pending: 1, recover: 1 });
    const firingPolls = polls.filter((p) => p.active.length > 0);
    expect(firingPolls.at(0)?.active[0]?.flapping).toBe(false);
    expect(firingPolls.at(-1)?.active[0]?.flapping).toBe(true);
    const settled = run([...cycle, ...cycle, ...Array<Verdict>(20).fill('breach')], { pending: 1, recover: 1 });
    expect(settled.at(-1)?.active[0]?.flapping).toBe(false);
  });

  it('treats an instant rule as an event: fires once, is never open, fires again on the next change', () => {
    const tracker = createAlertTracker({ warmupPolls: 0 });
    const first = tracker.apply(at(0), [finding('breach', VERSION)], limits());
    expect(first.events.map((e) => e.event)).toEqual(['firing']);
    expect(first.active).toEqual([]);
    expect(tracker.isOpen(VERSION)).toBe(false);
    expect(tracker.apply(at(1), [], limits()).events).toEqual([]);
    expect(tracker.apply(at(2), [finding('breach', VERSION)], limits()).events.map((e) => e.event)).toEqual(['firing']);
  });

  it('tracks keys independently', () => {
    const tracker = createAlertTracker({ warmupPolls: 0 });
    const other: AlertKey = { ...KEY, className: 'head' };
    tracker.apply(at(0), [finding('breach'), finding('breach', other)], limits());
    tracker.apply(at(1), [finding('breach'), finding('holding', other)], limits());
    expect(tracker.state(KEY)).toBe('firing');
    expect(tracker.state(other)).toBe('ok');
    expect(tracker.isOpen(KEY)).toBe(true);
  });
});
