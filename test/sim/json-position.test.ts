import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonFault, lineAndColumn } from '../../electron/sim/json-position';

describe('findJsonFault', () => {
  it('accepts whatever JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        expect(findJsonFault(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it('finds a fault in every text that JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonFault(text) === null).toBe(valid);
      }),
    );
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a double-quoted property name'],
    ['{\n  "a": tru\n}', 2, 8, 'expected a value'],
    ['{"a": 1 "b": 2}', 1, 9, 'comma missing'],
    ['[1, 2', 1, 6, 'but the text ended'],
    ['{"a": "x\ny"}', 1, 9, 'same line'],
    ['{} x', 1, 4, 'end of the text'],
    ['', 1, 1, 'the text ended'],
  ])('%j: line %i, column %i', (text, line, column, problem) => {
    const fault = findJsonFault(text);
    expect(fault).toMatchObject({ line, column });
    expect(fault?.problem).toContain(problem);
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
