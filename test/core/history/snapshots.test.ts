import { describe, expect, it } from 'vitest';
import { DAY, DEMO_START, HOUR, figures, hourWindow, seedSnapshot, simSnapshot, snapshotOf, tempHistory } from './helpers';

const T = Date.parse('2026-11-03T12:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);
/** The seed's figures for the 24 h before `fetchedAt`. */
const headline = (fetchedAt: Date) => seedSnapshot({ start: new Date(fetchedAt.getTime() - DAY - (fetchedAt.getTime() % 1000)), end: new Date(fetchedAt.getTime() - (fetchedAt.getTime() % 1000)) });

describe('snapshots', () => {
  it('is empty at first', () => {
    const { store } = tempHistory();
    expect(store.latestSnapshot()).toBeNull();
    expect(store.snapshotAt(at(0))).toBeNull();
    expect(store.snapshots({ start: new Date(0), end: at(0) })).toEqual([]);
    expect(store.coverage()).toBeNull();
    expect(store.seen()).toEqual([]);
  });

  it('stores each poll and reads it back by time', () => {
    const { store } = tempHistory();
    const first = store.saveSnapshot(headline(at(0)), at(0));
    const second = store.saveSnapshot(headline(at(5)), at(5));
    const third = store.saveSnapshot(headline(at(10)), at(10));
    expect([first.id, second.id, third.id]).toEqual([1, 2, 3]);
    expect(first.fetchedAt).toEqual(at(0));

    expect(store.latestSnapshot()?.id).toBe(3);
    expect(store.snapshotAt(at(-1))).toBeNull();
    expect(store.snapshotAt(at(0))?.id).toBe(1);
    expect(store.snapshotAt(at(4.99))?.id).toBe(1);
    expect(store.snapshotAt(at(5))?.id).toBe(2);
    expect(store.snapshotAt(at(60))?.id).toBe(3);
    expect(store.snapshots({ start: at(0), end: at(10) }).map((s) => s.id)).toEqual([1, 2]);
    expect(store.snapshots({ start: at(1), end: at(11) }).map((s) => s.id)).toEqual([2, 3]);
  });

  it('reads back the figures, averages rounded to 1e-6', () => {
    const { store } = tempHistory();
    const snapshot = headline(at(0));
    store.saveSnapshot(snapshot, at(0));
    const read = store.latestSnapshot();
    expect(read?.fetchedAt).toEqual(at(0));
    expect(read?.snapshot.window).toEqual(snapshot.window);
    expect(read?.snapshot.previousWindow).toEqual(snapshot.previousWindow);
    expect(read?.snapshot.totals.current).toEqual(figures(120, 0, 0.925417, 0.164644));
    expect(read?.snapshot.totals.previous).toEqual(figures(290, 0, 0.861092, 0.043522));
    expect(read?.snapshot.models).toEqual(snapshot.models);
    expect(read?.snapshot.classes.map((row) => [row.model, row.className, row.current.inferences, row.detections, row.serverVersions])).toEqual(
      snapshot.classes.map((row) => [row.model, row.className, row.current.inferences, row.detections, row.serverVersions]),
    );
  });

  it('breaks a tie in fetch time by the later save', () => {
    const { store } = tempHistory();
    store.saveSnapshot(headline(at(0)), at(0));
    const later = store.saveSnapshot(simSnapshot({ start: DEMO_START, end: new Date(DEMO_START.getTime() + HOUR) }), at(0));
    expect(store.snapshotAt(at(0))?.id).toBe(later.id);
    expect(store.latestSnapshot()?.snapshot.models.length).toBe(4);
  });

  it('lists snapshots without their payloads', () => {
    const { store } = tempHistory();
    store.saveSnapshot(headline(at(0)), at(0));
    const summaries = store.snapshotSummaries({ start: at(0), end: at(1) });
    expect(summaries).toEqual([{ id: 1, fetchedAt: at(0), window: headline(at(0)).window, totals: figures(120, 0, 0.925417, 0.164644) }]);
  });
});

describe('seen', () => {
  it('lists every model and class named by a stored answer, with the first and last fetch that named it', () => {
    const { store } = tempHistory();
    store.saveSnapshot(headline(at(0)), at(0));
    store.saveSnapshot(headline(at(5)), at(5));
    const hour = snapshotOf(hourWindow('2026-11-03T12:00:00Z'), figures(3, 0, 0.5, 0.1), [
      { model: 'coco', className: 'person', current: figures(3, null, 0.5, 0.1), detections: 3 },
      { model: 'new-model', className: 'thing', current: figures(1, null, 0.4, 0.1), detections: 1 },
    ]);
    store.saveHour(hour, at(70), true);
    expect(store.seen()).toEqual([
      { model: 'cards-3z9gn', classes: ['', 'Playingcards'], firstSeen: at(0), lastSeen: at(5) },
      { model: 'coco', classes: ['car', 'person'], firstSeen: at(0), lastSeen: at(70) },
      { model: 'hard-hat-sample-8j2w3', classes: ['head', 'helmet'], firstSeen: at(0), lastSeen: at(5) },
      { model: 'license-plate-recognition-rxg4e', classes: ['License_Plate'], firstSeen: at(0), lastSeen: at(5) },
      { model: 'new-model', classes: ['thing'], firstSeen: at(70), lastSeen: at(70) },
    ]);
  });
});

describe('poll outcomes', () => {
  it('counts availability over a range, with the failures by kind and the last poll', () => {
    const { store } = tempHistory();
    const outcomes = ['ok', 'ok', 'timeout', 'ok', 'rate_limited', 'timeout', 'storage', 'ok'] as const;
    outcomes.forEach((result, i) => store.recordPoll({ startedAt: at(i * 5), durationMs: 100 + i, result, ...(result === 'ok' ? {} : { message: `failed: ${result}` }) }));
    expect(store.availability({ start: at(0), end: at(40) })).toEqual({
      polls: 8,
      ok: 4,
      ratio: 0.5,
      failures: { timeout: 2, rate_limited: 1, storage: 1 },
      lastPoll: { startedAt: at(35), durationMs: 107, result: 'ok' },
    });
    expect(store.availability({ start: at(10), end: at(30) })).toEqual({
      polls: 4,
      ok: 1,
      ratio: 0.25,
      failures: { timeout: 2, rate_limited: 1 },
      lastPoll: { startedAt: at(25), durationMs: 105, result: 'timeout', message: 'failed: timeout' },
    });
    expect(store.availability({ start: at(100), end: at(200) })).toEqual({ polls: 0, ok: 0, ratio: null, failures: {}, lastPoll: null });
  });

  it('covers from the first poll or snapshot to the end of the last', () => {
    const { store } = tempHistory();
    store.recordPoll({ startedAt: at(5), durationMs: 2500, result: 'ok' });
    expect(store.coverage()).toEqual({ start: at(5), end: new Date(at(5).getTime() + 2500) });
    store.saveSnapshot(headline(at(0)), at(0));
    store.recordPoll({ startedAt: at(10), durationMs: 1200, result: 'network', message: 'offline' });
    expect(store.coverage()).toEqual({ start: at(0), end: new Date(at(10).getTime() + 1200) });
    store.saveSnapshot(headline(at(20)), at(20));
    expect(store.coverage()).toEqual({ start: at(0), end: at(20) });
  });

  it('refuses a negative duration', () => {
    const { store } = tempHistory();
    expect(() => store.recordPoll({ startedAt: at(0), durationMs: -1, result: 'ok' })).toThrow(RangeError);
  });
});
