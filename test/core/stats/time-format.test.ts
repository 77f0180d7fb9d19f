import { afterEach, describe, expect, it } from 'vitest';
import { formatApiTime } from '../../../electron/core/stats/time-format';

describe('formatApiTime', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it.each([
    ['2024-06-01T12:34:56Z', '2024-06-01 12:34:56'],
    ['2024-12-31T23:59:59.999Z', '2024-12-31 23:59:59'], // milliseconds dropped, never rounded into the next day
    ['2025-01-01T00:00:00Z', '2025-01-01 00:00:00'],
    ['2024-02-29T00:00:00Z', '2024-02-29 00:00:00'],
    ['2024-03-10T07:30:00Z', '2024-03-10 07:30:00'], // 02:30 in New York does not exist that day
    ['2024-11-03T05:30:00Z', '2024-11-03 05:30:00'], // 01:30 in New York happens twice that day
    ['2024-11-03T06:30:00Z', '2024-11-03 06:30:00'],
    ['2024-03-31T01:00:00Z', '2024-03-31 01:00:00'], // London jumps to BST
    ['0999-01-02T03:04:05Z', '0999-01-02 03:04:05'],
  ])('%s -> %s in UTC, whatever the local zone', (iso, expected) => {
    for (const tz of ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      process.env['TZ'] = tz;
      expect(formatApiTime(new Date(iso)), tz).toBe(expected);
    }
  });

  it('refuses dates it cannot write as YYYY-MM-DD', () => {
    expect(() => formatApiTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => formatApiTime(new Date('+010000-01-01T00:00:00Z'))).toThrow(/year 10000/);
  });
});
