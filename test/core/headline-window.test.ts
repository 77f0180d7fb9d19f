import { describe, expect, it } from 'vitest';
import { isWindowLength, windowEndingAt } from '../../electron/core/headline-window';

describe('windowEndingAt', () => {
  it('ends at the current whole second and spans the chosen length', () => {
    const w = windowEndingAt(new Date('2026-11-28T07:30:15.987Z'), '24h');
    expect(w.end.toISOString()).toBe('2026-11-28T07:30:15.000Z');
    expect(w.start.toISOString()).toBe('2026-11-27T07:30:15.000Z');
    expect(windowEndingAt(new Date('2026-11-28T00:00:00Z'), '1h').start.toISOString()).toBe('2026-11-27T23:00:00.000Z');
    expect(windowEndingAt(new Date('2026-11-28T00:00:00Z'), '7d').start.toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });

  it('recognises only the offered lengths', () => {
    expect(['1h', '24h', '7d'].every(isWindowLength)).toBe(true);
    expect(['2h', '', 'constructor', '24H'].some(isWindowLength)).toBe(false);
  });
});
