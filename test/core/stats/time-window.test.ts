import { describe, expect, it } from 'vitest';
import { assertValidWindow, previousWindowOf } from '../../../electron/core/stats/time-window';

describe('previousWindowOf', () => {
  it('is the window of equal length ending where the given one starts', () => {
    const window = { start: new Date('2024-03-10T00:00:00Z'), end: new Date('2024-03-10T06:00:00Z') };
    expect(previousWindowOf(window)).toEqual({ start: new Date('2024-03-09T18:00:00Z'), end: new Date('2024-03-10T00:00:00Z') });
  });

  it('does not share Date objects with the input', () => {
    const window = { start: new Date(1000), end: new Date(2000) };
    expect(previousWindowOf(window).end).not.toBe(window.start);
  });
});

describe('assertValidWindow', () => {
  it('accepts start < end and refuses the rest', () => {
    expect(() => assertValidWindow({ start: new Date(0), end: new Date(1000) })).not.toThrow();
    expect(() => assertValidWindow({ start: new Date(1000), end: new Date(1000) })).toThrow(/start before it ends/);
    expect(() => assertValidWindow({ start: new Date(2000), end: new Date(1000) })).toThrow(/start before it ends/);
    expect(() => assertValidWindow({ start: new Date(0), end: new Date(1500) })).toThrow(/whole seconds/);
    expect(() => assertValidWindow({ start: new Date(1), end: new Date(5000) })).toThrow(/whole seconds/);
    expect(() => assertValidWindow({ start: new Date(Number.NaN), end: new Date(1) })).toThrow(/invalid start or end/);
  });
});
