import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatApiTime, parseApiTime } from '../../electron/sim/api-time';

describe('the API time format (UTC)', () => {
  it('parses YYYY-MM-DD HH:mm:ss as UTC', () => {
    expect(parseApiTime('2026-11-03 10:00:00')).toBe(Date.parse('2026-11-03T10:00:00Z'));
  });

  it.each(['', '2026-11-03', '2026-11-03T10:00:00', '2026-11-03 10:00', '2026-02-30 10:00:00', '2026-11-03 24:00:00', ' 2026-11-03 10:00:00', '2026/11/03 10:00:00'])(
    'rejects %j',
    (text) => expect(parseApiTime(text)).toBeNull(),
  );

  it('round-trips whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }), (seconds) => {
        expect(parseApiTime(formatApiTime(seconds * 1000))).toBe(seconds * 1000);
      }),
    );
  });
});
