import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backfillWindow, planHourlyFetches, type HourlyFetch } from '../../../electron/core/poller/backfill';
import { HOUR_MS } from '../../../electron/core/time';

const at = (iso: string) => new Date(iso);
const hoursFrom = (startIso: string, count: number): Date[] => Array.from({ length: count }, (_, i) => new Date(Date.parse(startIso) + i * HOUR_MS));
/** `12:00 current` / `11:00 ended complete` …, readable in a table. */
const describePlan = (plan: readonly HourlyFetch[]) =>
  plan.map((f) => `${f.window.start.toISOString().slice(5, 16)} ${f.reason}${f.complete ? ' complete' : ''}`);

// A poll at 12:30 on 10 Nov: current hour 12:00; the 48 completed hours before it start at 12:00 on 8 Nov.
const NOW = at('2026-11-10T12:30:00Z');
const ALL_48 = hoursFrom('2026-11-08T12:00:00Z', 48);

describe('planHourlyFetches', () => {
  it.each([
    {
      name: 'empty store: current hour, the ended hour, then the same hours on earlier days, capped at 3',
      now: NOW,
      complete: [],
      expected: ['11-10T12:00 current', '11-10T11:00 ended complete', '11-09T12:00 backfill complete', '11-09T11:00 backfill complete', '11-08T12:00 backfill complete'],
    },
    {
      name: 'once the same hours are stored, the rest oldest first',
      now: NOW,
      complete: [at('2026-11-09T12:00:00Z'), at('2026-11-09T11:00:00Z'), at('2026-11-08T12:00:00Z')],
      expected: ['11-10T12:00 current', '11-10T11:00 ended complete', '11-08T13:00 backfill complete', '11-08T14:00 backfill complete', '11-08T15:00 backfill complete'],
    },
    {
      name: 'every hour stored complete: only the current hour',
      now: NOW,
      complete: ALL_48,
      expected: ['11-10T12:00 current'],
    },
    {
      name: 'gaps are filled oldest first',
      now: NOW,
      complete: ALL_48.filter((_, i) => ![5, 9, 20, 30].includes(i)),
      expected: ['11-10T12:00 current', '11-08T17:00 backfill complete', '11-08T21:00 backfill complete', '11-09T08:00 backfill complete'],
    },
    {
      name: 'settle boundary: a millisecond before 2 min past the hour, the ended hour is refreshed as incomplete',
      now: at('2026-11-10T12:01:59.999Z'),
      complete: ALL_48.slice(0, 47),
      expected: ['11-10T12:00 current', '11-10T11:00 ended'],
    },
    {
      name: 'settle boundary: at 2 min past the hour, the ended hour is fetched as complete',
      now: at('2026-11-10T12:02:00Z'),
      complete: ALL_48.slice(0, 47),
      expected: ['11-10T12:00 current', '11-10T11:00 ended complete'],
    },
    {
      name: 'exactly on the hour: the new hour is current, the one before has not settled',
      now: at('2026-11-10T12:00:00Z'),
      complete: ALL_48.slice(0, 47),
      expected: ['11-10T12:00 current', '11-10T11:00 ended'],
    },
    {
      name: '48 h limit: an hour 49 h back is not fetched, one 48 h back is',
      now: NOW,
      complete: [at('2026-11-08T10:00:00Z'), ...ALL_48.slice(1)],
      expected: ['11-10T12:00 current', '11-08T12:00 backfill complete'],
    },
    {
      name: '48 h limit: nothing older than 48 h, even with the whole range missing',
      now: NOW,
      complete: ALL_48.slice(1),
      expected: ['11-10T12:00 current', '11-08T12:00 backfill complete'],
    },
    {
      name: 'complete hours outside the range change nothing',
      now: NOW,
      complete: [...hoursFrom('2026-11-01T00:00:00Z', 24), ...ALL_48, at('2026-11-10T12:00:00Z')],
      expected: ['11-10T12:00 current'],
    },
  ])('$name', ({ now, complete, expected }) => {
    expect(describePlan(planHourlyFetches({ now, completeHours: complete }))).toEqual(expected);
  });

  it('takes backfillHours and maxPerPoll from its input', () => {
    expect(describePlan(planHourlyFetches({ now: NOW, completeHours: [], backfillHours: 3, maxPerPoll: 10 }))).toEqual([
      '11-10T12:00 current',
      '11-10T11:00 ended complete',
      '11-10T09:00 backfill complete',
      '11-10T10:00 backfill complete',
    ]);
    expect(describePlan(planHourlyFetches({ now: NOW, completeHours: [], maxPerPoll: 0 }))).toEqual(['11-10T12:00 current', '11-10T11:00 ended complete']);
    // The hour that just ended is the normal flow, not backfill: fetched even with no backfill.
    expect(describePlan(planHourlyFetches({ now: NOW, completeHours: [], backfillHours: 0 }))).toEqual(['11-10T12:00 current', '11-10T11:00 ended complete']);
  });

  it('windows are exactly [h, h + 1 h) on whole UTC hours', () => {
    for (const fetch of planHourlyFetches({ now: at('2026-11-10T12:34:56.789Z'), completeHours: [] })) {
      expect(fetch.window.start.getTime() % HOUR_MS).toBe(0);
      expect(fetch.window.end.getTime() - fetch.window.start.getTime()).toBe(HOUR_MS);
    }
  });

  it('refuses settings that make no sense', () => {
    expect(() => planHourlyFetches({ now: NOW, completeHours: [], backfillHours: -1 })).toThrow(RangeError);
    expect(() => planHourlyFetches({ now: NOW, completeHours: [], maxPerPoll: 1.5 })).toThrow(RangeError);
    expect(() => planHourlyFetches({ now: NOW, completeHours: [], settleMs: HOUR_MS })).toThrow(RangeError);
    expect(() => planHourlyFetches({ now: new Date(Number.NaN), completeHours: [] })).toThrow(RangeError);
  });

  it('backfillWindow is the backfillHours hours before the current one', () => {
    expect(backfillWindow(NOW)).toEqual({ start: at('2026-11-08T12:00:00Z'), end: at('2026-11-10T12:00:00Z') });
    expect(backfillWindow(NOW, 2)).toEqual({ start: at('2026-11-10T10:00:00Z'), end: at('2026-11-10T12:00:00Z') });
  });

  it('property: never the future, never a complete hour again, current first, same hours on earlier days then oldest first, capped', () => {
    const base = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * 24 * HOUR_MS }),
        fc.array(fc.integer({ min: -60, max: 2 }), { maxLength: 80 }),
        fc.integer({ min: 0, max: 72 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: HOUR_MS - 1 }),
        (offset, completeOffsets, backfillHours, maxPerPoll, settleMs) => {
          const nowMs = base + offset;
          const current = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
          const complete = new Set(completeOffsets.map((h) => current + h * HOUR_MS));
          const plan = planHourlyFetches({ now: new Date(nowMs), completeHours: [...complete].map((ms) => new Date(ms)), backfillHours, maxPerPoll, settleMs });
          const starts = plan.map((f) => f.window.start.getTime());

          expect(plan[0]).toMatchObject({ reason: 'current', complete: false });
          expect(starts[0]).toBe(current);
          expect(starts.every((start) => start <= nowMs)).toBe(true);
          expect(new Set(starts).size).toBe(starts.length);
          // A complete hour is final; the running hour is never stored complete.
          expect(plan.filter((f) => f.reason !== 'current').every((f) => !complete.has(f.window.start.getTime()))).toBe(true);
          for (const f of plan.filter((p) => p.complete)) expect(f.window.end.getTime() + settleMs).toBeLessThanOrEqual(nowMs);

          const backfill = plan.filter((f) => f.reason === 'backfill').map((f) => f.window.start.getTime());
          expect(backfill.length).toBeLessThanOrEqual(maxPerPoll);
          expect(backfill.every((h) => h >= current - backfillHours * HOUR_MS && h < current - HOUR_MS)).toBe(true);
          // The same hours on earlier days (and the hour before each) come first; the others
          // follow oldest first, with no missing one older than the last planned skipped.
          const isSameTime = (h: number) => (current - h) % (24 * HOUR_MS) === 0 || (current - h - HOUR_MS) % (24 * HOUR_MS) === 0;
          const others = backfill.filter((h) => !isSameTime(h));
          expect(backfill.slice(0, backfill.length - others.length).every(isSameTime)).toBe(true);
          expect(others).toEqual([...others].sort((a, b) => a - b));
          const last = others.at(-1);
          if (last !== undefined) {
            for (let h = current - backfillHours * HOUR_MS; h < current - HOUR_MS; h += HOUR_MS) if (isSameTime(h)) expect(complete.has(h) || backfill.includes(h)).toBe(true);
            for (let h = current - backfillHours * HOUR_MS; h < last; h += HOUR_MS) expect(complete.has(h) || backfill.includes(h)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
