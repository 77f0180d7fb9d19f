import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DASH,
  ago,
  change,
  formatConfidence,
  formatCount,
  formatCountNarrow,
  formatLatency,
  formatPercent,
  formatShare,
  formatUtc,
} from '../../renderer/src/lib/format';
import { HOUR, MINUTE, NOW, importInZone } from './helpers';

const loadFormat = () => import('../../renderer/src/lib/format');

describe('the test process', () => {
  it('formats in en-US, the locale vitest.config.ts starts the renderer tests in', () => {
    // Every exact string below assumes it; if this fails, the others will too.
    expect(new Intl.NumberFormat().resolvedOptions().locale).toBe('en-US');
  });
});

describe('numbers', () => {
  const formats = { formatCount, formatCountNarrow, formatPercent, formatShare, formatConfidence, formatLatency };
  const cases: [name: keyof typeof formats, value: number | null, text: string][] = [
    // Whole numbers, compact from 100,000.
    ['formatCount', 0, '0'],
    ['formatCount', 7, '7'],
    ['formatCount', 1234.4, '1,234'],
    ['formatCount', 1234.5, '1,235'],
    ['formatCount', 99_999, '99,999'],
    ['formatCount', 100_000, '100K'],
    ['formatCount', 123_456, '123.5K'],
    ['formatCount', 1_234_567, '1.2M'],
    // For narrow columns: compact from 10,000.
    ['formatCountNarrow', 9_999, '9,999'],
    ['formatCountNarrow', 10_000, '10K'],
    ['formatCountNarrow', 12_345, '12.3K'],
    ['formatCountNarrow', 100_000, '100K'],
    ['formatPercent', 0, '0%'],
    ['formatPercent', 0.1234, '12.3%'],
    ['formatPercent', 0.00049, '0%'],
    ['formatPercent', 1, '100%'],
    // Whole percents; "<1%" only for a sliver that is not nothing, ">99%" for all but a sliver.
    ['formatShare', 0, '0%'],
    ['formatShare', 0.0001, '<1%'],
    ['formatShare', 0.0049, '<1%'],
    ['formatShare', 0.005, '1%'],
    ['formatShare', 0.5, '50%'],
    ['formatShare', 0.994, '99%'],
    ['formatShare', 0.996, '>99%'],
    ['formatShare', 1, '100%'],
    // Always two decimals.
    ['formatConfidence', 0, '0.00'],
    ['formatConfidence', 0.8, '0.80'],
    ['formatConfidence', 0.456, '0.46'],
    ['formatConfidence', 1, '1.00'],
    // Seconds in: milliseconds under a second, seconds from one.
    ['formatLatency', 0, '0 ms'],
    ['formatLatency', 0.0004, '0 ms'],
    ['formatLatency', 0.25, '250 ms'],
    ['formatLatency', 0.9994, '999 ms'],
    // Judged on the rounded figure: this one shows as a second, never as "1,000 ms".
    ['formatLatency', 0.9996, '1.00 s'],
    ['formatLatency', 1, '1.00 s'],
    ['formatLatency', 1.234, '1.23 s'],
    ['formatLatency', 1234.5, '1,234.50 s'],
  ];

  it.each(cases)('%s(%s) = %s', (name, value, text) => {
    expect(formats[name](value)).toBe(text);
  });

  it.each(Object.entries(formats))('%s(null) is a dash: unknown is not zero', (_name, format) => {
    expect(format(null)).toBe(DASH);
  });

  it('formatShare never shows a share above zero as 0%', () => {
    fc.assert(fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }), (share) => formatShare(share) !== '0%'));
  });
});

describe('change', () => {
  it.each([
    [null, 100],
    [100, null],
    [null, null],
    [5, 0],
    [0, 0],
  ])('has no base for %s against %s', (current, previous) => {
    expect(change(current, previous)).toBeNull();
  });

  it.each([
    [110, 100, '+10%', 'up'],
    [60, 100, '-40%', 'down'],
    [0, 100, '-100%', 'down'],
    [300, 100, '+200%', 'up'],
    [100, 100, '0%', 'flat'],
    [100.4, 100, '0%', 'flat'],
    [99.6, 100, '0%', 'flat'],
    [100.6, 100, '+1%', 'up'],
    [99.4, 100, '-1%', 'down'],
    // A negative base (not a figure main sends, but the sign must follow the ratio).
    [-50, -100, '-50%', 'down'],
  ] as const)('%s against %s is %s (%s)', (current, previous, text, direction) => {
    expect(change(current, previous)).toEqual({ text, direction });
  });

  it('moves flat exactly when the text rounds to 0%, and its sign otherwise says which way', () => {
    const figure = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(figure, figure, (current, previous) => {
        fc.pre(previous !== 0);
        const moved = change(current, previous)!;
        if (moved.direction === 'flat') return moved.text === '0%';
        return moved.text.startsWith(moved.direction === 'up' ? '+' : '-');
      }),
    );
  });
});

describe('times', () => {
  const iso = '2026-11-28T09:05:33.123Z';

  it.each([
    ['UTC', iso, '09:05 AM', 'Nov 28, 09:05 AM'],
    ['America/New_York', iso, '04:05 AM', 'Nov 28, 04:05 AM'],
    ['Asia/Kolkata', iso, '02:35 PM', 'Nov 28, 02:35 PM'],
    ['Pacific/Auckland', iso, '10:05 PM', 'Nov 28, 10:05 PM'],
    // UTC+14: already the next day there.
    ['Pacific/Kiritimati', '2026-11-28T12:00:00.000Z', '02:00 AM', 'Nov 29, 02:00 AM'],
    // The evening before, west of UTC.
    ['America/Los_Angeles', '2026-11-28T03:00:00.000Z', '07:00 PM', 'Nov 27, 07:00 PM'],
  ])('formatTime and formatDateTime read the moment in the local zone (%s)', async (zone, at, time, dateTime) => {
    const { formatTime, formatDateTime } = await importInZone(zone, loadFormat);
    expect(formatTime(at)).toBe(time);
    expect(formatDateTime(at)).toBe(dateTime);
  });

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Asia/Tokyo', 'Pacific/Kiritimati'])(
    'formatUtcDay names the UTC day of a daily point, even in %s',
    async (zone) => {
      const { formatUtcDay } = await importInZone(zone, loadFormat);
      expect(formatUtcDay('2026-11-28T00:00:00.000Z')).toBe('Nov 28');
      expect(formatUtcDay('2026-11-28T23:59:59.999Z')).toBe('Nov 28');
      expect(formatUtcDay('2026-03-01T00:00:00.000Z')).toBe('Mar 1');
    },
  );

  it.each([
    ['2026-11-28T09:05:33.123Z', '2026-11-28 09:05 UTC'],
    ['2026-01-01T00:00:00.000Z', '2026-01-01 00:00 UTC'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31 23:59 UTC'],
  ])('formatUtc(%s) = %s, to the minute, whatever the zone', async (at, text) => {
    const { formatUtc: inKolkata } = await importInZone('Asia/Kolkata', loadFormat);
    expect(formatUtc(at)).toBe(text);
    expect(inKolkata(at)).toBe(text);
  });
});

describe('ago', () => {
  const before = (ms: number) => new Date(NOW - ms).toISOString();

  it.each([
    [0, 'just now'],
    [44 * 1000, 'just now'],
    [-44 * 1000, 'just now'],
    [45 * 1000, '1 minute ago'],
    [3 * MINUTE, '3 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [59.5 * MINUTE, '59 minutes ago'],
    [60 * MINUTE, '1 hour ago'],
    [2 * HOUR + 5 * MINUTE, '2 hours ago'],
    [24 * HOUR, '24 hours ago'],
    [47 * HOUR, '47 hours ago'],
    [48 * HOUR, '2 days ago'],
    [10 * 24 * HOUR, '10 days ago'],
    [-3 * MINUTE, 'in 3 minutes'],
    [-5 * HOUR, 'in 5 hours'],
  ])('%s ms before now: %s', (ms, text) => {
    expect(ago(before(ms), NOW)).toBe(text);
  });

  it('is "just now" within 44 s either way; beyond 45 s, "… ago" for the past and "in …" for the future', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400 * 24 * HOUR, max: 400 * 24 * HOUR }), (ms) => {
        const text = ago(before(ms), NOW);
        if (Math.abs(ms) < 44_000) return text === 'just now';
        if (Math.abs(ms) > 45_000) return ms > 0 ? text.endsWith(' ago') : text.startsWith('in ');
        return true;
      }),
    );
  });
});
