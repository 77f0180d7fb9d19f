/**
 * Finds where a JSON text goes wrong. JSON.parse's messages only sometimes carry a
 * position, and a person fixing a scenario by hand needs the line and column every time.
 */

export interface JsonFault {
  offset: number;
  line: number;
  column: number;
  /** What the scanner expected there, e.g. `expected "," or "}"`. */
  problem: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

/** Returns null when the text is valid JSON. */
export function findJsonFault(text: string): JsonFault | null {
  let at = 0;

  const fail = (problem: string): never => {
    throw new Stop(at, problem);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, at)) at += word.length;
    else fail('expected a value (object, list, string, number, true, false or null)');
  };
  const string = (): void => {
    at++; // opening quote
    while (at < text.length) {
      const ch = text.charAt(at);
      if (ch === '"') {
        at++;
        return;
      }
      if (ch === '\\') {
        const next = text.charAt(at + 1);
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) at += 6;
        else if ('"\\/bfnrt'.includes(next) && next !== '') at += 2;
        else fail('expected a valid escape sequence in the string');
      } else if (ch < ' ') {
        fail('expected the string to close on the same line (a raw control character is not allowed)');
      } else {
        at++;
      }
    }
    fail('expected a closing quote');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (match === null) fail('expected a number');
    else at += match[0].length;
  };
  const value = (): void => {
    space();
    const ch = text.charAt(at);
    if (ch === '{') object();
    else if (ch === '[') array();
    else if (ch === '"') string();
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else fail(ch === '' ? 'expected a value, but the text ended' : 'expected a value (object, list, string, number, true, false or null)');
  };
  const object = (): void => {
    at++;
    space();
    if (text.charAt(at) === '}') {
      at++;
      return;
    }
    for (;;) {
      space();
      if (text.charAt(at) !== '"') fail('expected a double-quoted property name');
      string();
      space();
      if (text.charAt(at) !== ':') fail('expected ":" after the property name');
      at++;
      value();
      space();
      const ch = text.charAt(at);
      if (ch === '}') {
        at++;
        return;
      }
      if (ch !== ',') fail(ch === '"' ? 'expected "," or "}" (is a comma missing before this point?)' : ch === '' ? 'expected "," or "}", but the text ended' : 'expected "," or "}"');
      at++;
    }
  };
  const array = (): void => {
    at++;
    space();
    if (text.charAt(at) === ']') {
      at++;
      return;
    }
    for (;;) {
      value();
      space();
      const ch = text.charAt(at);
      if (ch === ']') {
        at++;
        return;
      }
      if (ch !== ',') fail(ch === '' ? 'expected "," or "]", but the text ended' : 'expected "," or "]"');
      at++;
    }
  };

  try {
    value();
    space();
    if (at < text.length) fail('expected the end of the text after the top-level value');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), problem: error.problem };
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charAt(i) === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
