import { describe, expect, it } from 'vitest';
import { sparkline } from '../../electron/cli/sparkline';

describe('sparkline', () => {
  it('scales from the lowest to the highest value', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 20, 10])).toBe('▁█▁');
  });
  it('shows gaps for unknown values and a flat line for constant ones', () => {
    expect(sparkline([5, null, 5])).toBe('▁ ▁');
    expect(sparkline([null, null])).toBe('  ');
    expect(sparkline([])).toBe('');
  });
});
