import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertView, ModelOverview } from '../../electron/contract';
import {
  FIGURES,
  MAX_CUSTOM_MS,
  customRangeProblem,
  difference,
  formatDuration,
  formatSpan,
  fromLocalInput,
  keyFigures,
  loadStops,
  mergeAlerts,
  modelPairs,
  nearestStop,
  presetRange,
  scrubStops,
  seriesChunks,
  snoozeKey,
  toLocalInput,
  type FigureName,
  type ScrubStop,
  type TimeRange,
} from '../../renderer/src/lib/history';
import { DASH } from '../../renderer/src/lib/format';
import { DAY, HOUR, MINUTE, NOW, alert, hourly, stubGetSeries, useZone } from './helpers';

const range = (from: number, to: number): TimeRange => ({ from: new Date(from), to: new Date(to) });

describe('formatDuration', () => {
  it.each([
    [-5 * MINUTE, 'under 1 min'],
    [0, 'under 1 min'],
    [MINUTE - 1, 'under 1 min'],
    [MINUTE, '1 min'],
    [35 * MINUTE + 59_999, '35 min'],
    [HOUR, '1 hr'],
    [2 * HOUR + 5 * MINUTE, '2 hr 5 min'],
    [DAY - 1, '23 hr 59 min'],
    [DAY, '1 day'],
    [DAY + 59 * MINUTE, '1 day'],
    [DAY + HOUR, '1 day 1 hr'],
    [3 * DAY + 4 * HOUR + 5 * MINUTE, '3 days 4 hr'],
    [400 * DAY, '400 days'],
    [1000 * DAY + HOUR, '1,000 days 1 hr'],
  ])('%s ms: %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('shows the two largest units, rounded down: never more, and less by under one of its smallest unit', () => {
    const unitMs: Record<string, number> = { day: DAY, days: DAY, hr: HOUR, min: MINUTE };
    fc.assert(
      fc.property(fc.integer({ min: MINUTE, max: 1000 * DAY }), (ms) => {
        const parts = [...formatDuration(ms).matchAll(/([\d,]+) (days?|hr|min)/g)].map(([, n, unit]) => ({ n: Number(n!.replaceAll(',', '')), unit: unitMs[unit!]! }));
        expect(parts.length).toBeGreaterThanOrEqual(1);
        expect(parts.length).toBeLessThanOrEqual(2);
        const shown = parts.reduce((sum, part) => sum + part.n * part.unit, 0);
        // A day shown alone still means its hours were 0: the next unit down is the precision.
        const precision = parts[0]!.unit === DAY ? HOUR : MINUTE;
        expect(shown).toBeLessThanOrEqual(ms);
        expect(ms - shown).toBeLessThan(precision);
      }),
    );
  });
});

describe('formatSpan', () => {
  it.each([
    [HOUR, '1 hr'],
    [30 * MINUTE, '1 hr'],
    [DAY, '24 hr'],
    [47 * HOUR, '47 hr'],
    [48 * HOUR, '2 days'],
    [7 * DAY, '7 days'],
    [30 * DAY, '30 days'],
  ])('%s ms: %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('mergeAlerts', () => {
  const at = (hour: number) => new Date(Date.UTC(2026, 10, 28, hour)).toISOString();

  it('keeps the stored copy, lists firing first, then newest, then worst, then latest id', () => {
    const stored = [
      alert({ id: 1, startedAt: at(8), severity: 'warning', acknowledged: true }),
      alert({ id: 2, startedAt: at(9), endedAt: at(9) }),
      alert({ id: 4, startedAt: at(8), severity: 'critical' }),
    ];
    const active = [alert({ id: 1, startedAt: at(8), severity: 'warning', acknowledged: false }), alert({ id: 3, startedAt: at(7) }), alert({ id: 5, startedAt: at(8), severity: 'critical' })];
    const merged = mergeAlerts(stored, active);
    expect(merged.map((a) => a.id)).toEqual([5, 4, 1, 3, 2]);
    expect(merged.find((a) => a.id === 1)!.acknowledged).toBe(true);
  });

  it('holds each alert of either list once, firing before ended, each group newest first', () => {
    const anAlert = fc.record({
      id: fc.integer({ min: 1, max: 20 }),
      startedAt: fc.integer({ min: 0, max: 48 }).map((h) => at(h)),
      ended: fc.boolean(),
      severity: fc.constantFrom('info', 'warning', 'critical') as fc.Arbitrary<AlertView['severity']>,
    });
    const list = fc.array(anAlert, { maxLength: 15 }).map((xs) => xs.map(({ ended, ...rest }) => alert({ ...rest, endedAt: ended ? at(49) : null })));
    fc.assert(
      fc.property(list, list, (stored, active) => {
        const merged = mergeAlerts(stored, active);
        const ids = merged.map((a) => a.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...stored, ...active].map((a) => a.id)));
        // The stored copy wins: the last one stored with that id, as a Map keeps it.
        for (const a of merged) {
          const fromStored = stored.filter((s) => s.id === a.id).at(-1);
          if (fromStored !== undefined) expect(a).toBe(fromStored);
        }
        for (let i = 1; i < merged.length; i++) {
          const [prev, next] = [merged[i - 1]!, merged[i]!];
          const firing = (x: AlertView) => x.endedAt === null;
          expect(firing(prev) || !firing(next)).toBe(true);
          if (firing(prev) === firing(next)) expect(prev.startedAt >= next.startedAt).toBe(true);
        }
      }),
    );
  });
});

describe('snoozeKey', () => {
  it('is the same for every class of a rule on a model', () => {
    expect(snoozeKey(alert({ className: 'car' }))).toBe(snoozeKey(alert({ className: 'dog' })));
  });

  it('tells every (rule, model) pair apart, a null model included', () => {
    const pair = fc.tuple(fc.string(), fc.option(fc.string(), { nil: null }));
    fc.assert(
      fc.property(pair, pair, ([ruleA, modelA], [ruleB, modelB]) => {
        const same = ruleA === ruleB && modelA === modelB;
        return (snoozeKey({ rule: ruleA, model: modelA }) === snoozeKey({ rule: ruleB, model: modelB })) === same;
      }),
    );
    expect(snoozeKey({ rule: 'ModelSilent', model: null })).not.toBe(snoozeKey({ rule: 'ModelSilent', model: 'null' }));
  });
});

describe('keyFigures', () => {
  it.each([
    ['ModelSilent', { inferences: 0, usual: 1500, minutes: 90, days: 7 }, [['Inferences', '0'], ['Usually', '1,500'], ['Window', '1 hr 30 min']]],
    ['TrafficDrop', { ratio: 0.12, z: -4, inferences: 120, usual: 1000 }, [['Last hour', '120'], ['Usually', '1,000'], ['Of usual', '12%']]],
    ['ErrorRateUp', { errors: 123, requests: 1000, rate: 0.123, baselineRate: 0.01 }, [['Error rate', '12.3%'], ['Usually', '1%'], ['Errors', '123'], ['Requests', '1,000']]],
    ['ConfidenceDrop', { mean: 0.62, usual: 0.81, drop: 0.19, detections: 4200 }, [['Confidence', '0.62'], ['Usually', '0.81'], ['Drop', '0.19'], ['Detections', '4,200']]],
    ['LatencyUp', { mean: 0.35, usual: 1.2, ratio: 0.29166 }, [['Latency', '350 ms'], ['Usually', '1.20 s'], ['Ratio', '0.292×']]],
    ['ClassMixShift', { psi: 0.25, p: 0.000123, inferences: 123_456, chiSquare: 40.2 }, [['PSI', '0.25'], ['p-value', '0.000123'], ['Inferences', '123.5K']]],
    ['ServerVersionChange', { from: '1.0.0', to: '1.1.0, 1.2.0', added: '1.1.0, 1.2.0' }, [['Was', '1.0.0'], ['Now', '1.1.0, 1.2.0']]],
  ] as const)('%s: its figures in its order, each read its own way', (rule, figures, expected) => {
    expect(keyFigures({ rule, figures }).map(({ label, value }) => [label, value])).toEqual(expected);
  });

  it('shows an unknown figure as a dash, and leaves out one the alert does not have', () => {
    expect(keyFigures({ rule: 'ServerVersionChange', figures: { from: '', to: null } })).toEqual([
      { label: 'Was', value: DASH },
      { label: 'Now', value: DASH },
    ]);
    expect(keyFigures({ rule: 'TrafficDrop', figures: {} })).toEqual([]);
  });

  it('shows an unknown rule’s first four figures as plain numbers, under their own names', () => {
    expect(keyFigures({ rule: 'SomethingNew', figures: { a: 1234.5, b: 'text', c: null, d: 0.000123, e: 5 } })).toEqual([
      { label: 'a', value: '1,230' },
      { label: 'b', value: 'text' },
      { label: 'c', value: DASH },
      { label: 'd', value: '0.000123' },
    ]);
  });
});

describe('ranges', () => {
  it.each([
    ['24h', DAY],
    ['7d', 7 * DAY],
    ['30d', 30 * DAY],
  ] as const)('presetRange(%s) ends now and spans its length', (preset, length) => {
    expect(presetRange(preset, NOW)).toEqual(range(NOW - length, NOW));
  });

  it.each([
    ['UTC', Date.UTC(2026, 10, 28, 9, 5, 59, 999), '2026-11-28T09:05'],
    ['UTC', Date.UTC(2026, 0, 2, 3, 4), '2026-01-02T03:04'],
    ['America/New_York', Date.UTC(2026, 10, 28, 9, 5), '2026-11-28T04:05'],
    ['America/New_York', Date.UTC(2026, 6, 1, 3, 0), '2026-06-30T23:00'],
    ['Asia/Kolkata', Date.UTC(2026, 10, 28, 20, 0), '2026-11-29T01:30'],
    ['Pacific/Kiritimati', Date.UTC(2026, 11, 31, 10, 0), '2027-01-01T00:00'],
  ])('toLocalInput in %s: local wall time to the minute', (zone, at, text) => {
    useZone(zone);
    expect(toLocalInput(new Date(at))).toBe(text);
  });

  it.each([
    ['UTC', '2026-11-28T09:05', Date.UTC(2026, 10, 28, 9, 5)],
    ['America/New_York', '2026-11-28T09:05', Date.UTC(2026, 10, 28, 14, 5)],
    ['America/New_York', '2026-07-01T09:05', Date.UTC(2026, 6, 1, 13, 5)],
    ['Asia/Kolkata', '2026-11-28T09:05:30', Date.UTC(2026, 10, 28, 3, 35, 30)],
    ['Asia/Kolkata', '2026-11-28T09:05:30.25', Date.UTC(2026, 10, 28, 3, 35, 30, 250)],
    // 02:30 does not exist in New York on 8 March 2026: read as the instant an hour later on the clock.
    ['America/New_York', '2026-03-08T02:30', Date.UTC(2026, 2, 8, 7, 30)],
  ])('fromLocalInput in %s reads %s as local time', (zone, text, at) => {
    useZone(zone);
    expect(fromLocalInput(text)?.getTime()).toBe(at);
  });

  it.each(['', ' ', 'soon', '2026-11-28', '2026-11-28 09:05', '2026-11-28T09:05Z', '2026-11-28T09:05+01:00', '2026-11-28T9:05', '26-11-28T09:05', '2026-13-01T00:00', '2026-11-28T25:00', '2026-11-28T09:60', '2026-02-30T00:00', '2026-02-29T12:00', '2026-04-31T08:00', '2026-11-28T24:00'])(
    'fromLocalInput(%j) is null',
    (text) => {
      expect(fromLocalInput(text)).toBeNull();
    },
  );

  it('fromLocalInput reads the last day of a month, and 29 February of a leap year', () => {
    useZone('UTC');
    expect(fromLocalInput('2026-04-30T23:59')?.toISOString()).toBe('2026-04-30T23:59:00.000Z');
    expect(fromLocalInput('2028-02-29T00:00')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'])('toLocalInput and fromLocalInput round-trip in %s', (zone) => {
    useZone(zone);
    const minute = fc.integer({ min: Date.UTC(1970, 0, 1) / MINUTE, max: Date.UTC(2100, 0, 1) / MINUTE }).map((m) => new Date(m * MINUTE));
    fc.assert(
      fc.property(minute, (date) => {
        const text = toLocalInput(date);
        const read = fromLocalInput(text);
        expect(read).not.toBeNull();
        // The wall time always comes back; the instant does too, except in the hour a zone's clocks
        // repeat when they go back, which one text cannot tell apart (the earlier one is read).
        expect(toLocalInput(read!)).toBe(text);
        expect(date.getTime() - read!.getTime()).toBeGreaterThanOrEqual(0);
        expect(date.getTime() - read!.getTime()).toBeLessThanOrEqual(HOUR);
      }),
    );
  });

  it('fromLocalInput reads the first of the repeated hour when the clocks go back', () => {
    useZone('America/New_York');
    // 1 November 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(fromLocalInput('2026-11-01T01:30')?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(toLocalInput(new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30');
  });

  it.each([
    [null, new Date(NOW), 'Enter both a start and an end.'],
    [new Date(NOW), null, 'Enter both a start and an end.'],
    [null, null, 'Enter both a start and an end.'],
    [new Date(NOW), new Date(NOW), 'The start must be before the end.'],
    [new Date(NOW + 1), new Date(NOW), 'The start must be before the end.'],
    [new Date(NOW - MAX_CUSTOM_MS - 1), new Date(NOW), 'Choose at most 92 days.'],
    [new Date(NOW - MAX_CUSTOM_MS), new Date(NOW), null],
    [new Date(NOW - 1), new Date(NOW), null],
  ])('customRangeProblem(%s, %s) = %s', (from, to, problem) => {
    expect(customRangeProblem(from, to)).toBe(problem);
  });

  it('92 calendar days are accepted across a clock change, one more hour is not', () => {
    useZone('America/New_York');
    // The clocks go back on 1 November 2026: these 92 days are 92 × 24 + 1 hours long.
    const from = fromLocalInput('2026-09-01T00:00');
    expect(customRangeProblem(from, fromLocalInput('2026-12-02T00:00'))).toBeNull();
    expect(customRangeProblem(from, fromLocalInput('2026-12-02T01:00'))).toBe('Choose at most 92 days.');
    // They go forward on 8 March 2026: 92 calendar days are an hour short of 92 × 24 hours.
    expect(customRangeProblem(fromLocalInput('2026-01-01T00:00'), fromLocalInput('2026-04-03T00:00'))).toBeNull();
    expect(customRangeProblem(fromLocalInput('2026-01-01T00:00'), fromLocalInput('2026-04-03T01:00'))).toBe('Choose at most 92 days.');
  });

  it('MAX_CUSTOM_MS is the 92 days its message names', () => {
    expect(MAX_CUSTOM_MS).toBe(92 * DAY);
  });
});

describe('seriesChunks', () => {
  const start = Date.UTC(2026, 10, 1);

  it.each([
    ['an empty range', 0, []],
    ['a minute', MINUTE, [[0, MINUTE]]],
    ['7 days', 7 * DAY, [[0, 7 * DAY]]],
    ['7 days and a millisecond', 7 * DAY + 1, [[0, 7 * DAY], [7 * DAY, 7 * DAY + 1]]],
    ['30 days', 30 * DAY, [[0, 7 * DAY], [7 * DAY, 14 * DAY], [14 * DAY, 21 * DAY], [21 * DAY, 28 * DAY], [28 * DAY, 30 * DAY]]],
  ])('splits %s into weeks', (_name, length, chunks) => {
    expect(seriesChunks(range(start, start + length))).toEqual(chunks.map(([from, to]) => range(start + from!, start + to!)));
  });

  it('is empty for a range that ends before it starts', () => {
    expect(seriesChunks(range(start, start - HOUR))).toEqual([]);
  });

  it('tiles the range with pieces of at most 7 days, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 92 * DAY }), (from, length) => {
        const chunks = seriesChunks(range(from, from + length));
        expect(chunks[0]!.from.getTime()).toBe(from);
        expect(chunks.at(-1)!.to.getTime()).toBe(from + length);
        chunks.forEach((chunk, i) => {
          const span = chunk.to.getTime() - chunk.from.getTime();
          expect(span).toBeGreaterThan(0);
          expect(span).toBeLessThanOrEqual(7 * DAY);
          if (i > 0) expect(chunk.from.getTime()).toBe(chunks[i - 1]!.to.getTime());
        });
      }),
    );
  });
});

describe('the scrubber', () => {
  const start = Date.UTC(2026, 10, 28, 5);
  const to = Date.UTC(2026, 10, 28, 8, 30);

  it('has one stop per stored hour, oldest first, the running hour ending at the range’s end', () => {
    const stops = scrubStops(hourly(start, [10, null, 0, 7]), range(start - DAY, to));
    expect(stops).toEqual([
      { hour: start, at: start + HOUR, inferences: 10 },
      { hour: start + 2 * HOUR, at: start + 3 * HOUR, inferences: 0 },
      { hour: start + 3 * HOUR, at: to, inferences: 7 },
    ]);
  });

  it('sorts hours answered out of order, and keeps the first answer for an hour asked twice', () => {
    const [a, b, c] = hourly(start, [1, 2, 3]);
    const again = { at: new Date(start + HOUR).toISOString().replace('.000Z', 'Z'), value: 99 };
    expect(scrubStops([c!, a!, b!, again], range(start, to)).map((s) => [s.hour, s.inferences])).toEqual([
      [start, 1],
      [start + HOUR, 2],
      [start + 2 * HOUR, 3],
    ]);
  });

  it('has no stops without stored hours', () => {
    expect(scrubStops([], range(start, to))).toEqual([]);
    expect(scrubStops(hourly(start, [null, null]), range(start, to))).toEqual([]);
  });

  const stops = (...ats: number[]): ScrubStop[] => ats.map((at) => ({ at, hour: at - HOUR, inferences: 1 }));

  it.each([
    ['before the first', [10, 20, 30], 0, 0],
    ['after the last', [10, 20, 30], 99, 2],
    ['on one', [10, 20, 30], 20, 1],
    ['nearer the next', [10, 20, 30], 16, 1],
    ['half-way: the earlier', [10, 20, 30], 15, 0],
    ['a single stop', [10], 1000, 0],
  ])('nearestStop %s', (_name, ats, at, index) => {
    expect(nearestStop(stops(...ats), at)).toBe(index);
  });

  it('nearestStop is 0 when there are no stops (the caller must check)', () => {
    expect(nearestStop([], NOW)).toBe(0);
  });

  it('nearestStop is as near as any stop', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1 }), fc.integer({ min: -1e5, max: 1.1e6 }), (ats, at) => {
        const list = stops(...ats.sort((x, y) => x - y));
        const best = nearestStop(list, at);
        return list.every((stop) => Math.abs(list[best]!.at - at) <= Math.abs(stop.at - at));
      }),
    );
  });

  it('loadStops asks for the workspace’s inferences a week at a time, all in one call (window.pulsebar stubbed)', async () => {
    const from = Date.UTC(2026, 10, 1);
    const end = from + 10 * DAY + 30 * MINUTE;
    // Main answers each piece with its hours; one hour of each piece is stored.
    const getSeries = stubGetSeries((request) => hourly(Date.parse(request.from), [null, 4, null]));
    const result = await loadStops(range(from, end));
    expect(getSeries).toHaveBeenCalledTimes(1);
    expect(getSeries.mock.calls[0]![0]).toEqual([
      { scope: { level: 'workspace' }, metric: 'inferences', from: new Date(from).toISOString(), to: new Date(from + 7 * DAY).toISOString() },
      { scope: { level: 'workspace' }, metric: 'inferences', from: new Date(from + 7 * DAY).toISOString(), to: new Date(end).toISOString() },
    ]);
    expect(result).toEqual([
      { hour: from + HOUR, at: from + 2 * HOUR, inferences: 4 },
      { hour: from + 7 * DAY + HOUR, at: from + 7 * DAY + 2 * HOUR, inferences: 4 },
    ]);
  });
});

describe('difference', () => {
  it.each([
    ['inferences', null, 5],
    ['errorRate', 0.1, null],
    ['avgConfidence', null, null],
  ] as const)('%s from %s to %s is unknown', (figure, earlier, later) => {
    expect(difference(figure, earlier, later)).toBeNull();
  });

  it.each([
    ['inferences', 100, 150, '+50 (+50%)', 'up'],
    ['inferences', 200, 100, '-100 (-50%)', 'down'],
    ['inferences', 100, 100, '0 (0%)', 'flat'],
    ['inferences', 100, 100.4, '0 (0%)', 'flat'],
    ['inferences', 0, 5, '+5', 'up'],
    ['inferences', 1000, 1001, '+1 (0%)', 'up'],
    ['errorRate', 0.01, 0.035, '+2.5 pp', 'up'],
    ['errorRate', 0.035, 0.01, '-2.5 pp', 'down'],
    ['errorRate', 0.02, 0.0204, '0 pp', 'flat'],
    ['avgConfidence', 0.8, 0.75, '-0.05', 'down'],
    ['avgConfidence', 0.8, 0.803, '0.00', 'flat'],
    ['avgLatencySeconds', 0.2, 0.35, '+150 ms', 'up'],
    ['avgLatencySeconds', 1, 2.5, '+1.50 s', 'up'],
    ['avgLatencySeconds', 2.5, 1, '-1.50 s', 'down'],
    ['avgLatencySeconds', 0.3, 0.3002, '0 ms', 'flat'],
    // As shown: half a millisecond down rounds to 0 ms (flat, no arrow), up to +1 ms; 999.6 ms is a second.
    ['avgLatencySeconds', 0.0005, 0, '0 ms', 'flat'],
    ['avgLatencySeconds', 0, 0.0005, '+1 ms', 'up'],
    ['avgLatencySeconds', 0, 0.9996, '+1.00 s', 'up'],
  ] as const)('%s from %s to %s: %s (%s)', (figure, earlier, later, text, direction) => {
    expect(difference(figure, earlier, later)).toEqual({ text, direction });
  });

  it.each(['inferences', 'errorRate', 'avgConfidence'] as const)('%s: its sign says which way it moved, and a flat move shows no sign', (figure) => {
    const scale = figure === 'inferences' ? 1e6 : 1;
    const value = fc.double({ min: 0, max: scale, noNaN: true });
    fc.assert(
      fc.property(value, value, (earlier, later) => {
        const { text, direction } = difference(figure, earlier, later)!;
        if (direction === 'flat') return !/^[+-]/.test(text);
        return text.startsWith(direction === 'up' ? '+' : '-');
      }),
    );
  });

  it.each(FIGURES.map((f) => [f.name, f.label, f.format] as const))('FIGURES: %s (%s) shows unknown as a dash', (_name, _label, format) => {
    expect(format(null)).toBe(DASH);
  });

  it('FIGURES lists every headline figure once', () => {
    const names: FigureName[] = ['inferences', 'errorRate', 'avgConfidence', 'avgLatencySeconds'];
    expect(FIGURES.map((f) => f.name).sort()).toEqual(names.sort());
  });
});

describe('modelPairs', () => {
  const model = (name: string): ModelOverview => ({
    model: name,
    health: 'ok',
    figures: { inferences: { current: 1, previous: 1 }, errorRate: { current: 0, previous: 0 }, avgConfidence: { current: null, previous: null }, avgLatencySeconds: { current: null, previous: null } },
    serverVersions: [],
    deploymentTypes: [],
    classes: [],
    activeAlerts: [],
  });

  it('pairs every model of either moment, in the later order, then those only the earlier had', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(model);
    expect(modelPairs([a!, b!, c!], [c!, a!, d!])).toEqual([
      { model: 'c', earlier: c, later: c },
      { model: 'a', earlier: a, later: a },
      { model: 'd', earlier: null, later: d },
      { model: 'b', earlier: b, later: null },
    ]);
    expect(modelPairs([], [])).toEqual([]);
  });
});
