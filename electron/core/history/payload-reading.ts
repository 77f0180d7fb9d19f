// Reading a stored payload defensively: every shape and type is checked, and anything wrong is a
// PayloadError (the history file is damaged), never a crash deeper in.
import type { SeriesScope } from './types';

/** A payload that cannot be read back: the history file is damaged. */
export class PayloadError extends Error {
  readonly code = 'PAYLOAD_CORRUPT';
  static {
    this.prototype.name = 'PayloadError';
  }
}

/** A value stored as a difference from its predictor, or `[value]` where a difference would not be exact. */
export type Predicted = number | null | [number];

export function listReader(strings: unknown, lists: unknown): (index: unknown) => string[] {
  const table = arrayOf(strings).map((text) => {
    if (typeof text !== 'string') throw new PayloadError('snapshot payload has a non-text name');
    return text;
  });
  const all = arrayOf(lists).map((list) => arrayOf(list).map((index) => stringAt(table, index)));
  return (index) => [...(all[numberAt(index)] ?? fail('snapshot payload refers to a missing list'))];
}

function stringAt(table: readonly string[], index: unknown): string {
  return table[numberAt(index)] ?? fail('snapshot payload refers to a missing name');
}

/** A tuple of N elements, so that destructuring a checked list needs no undefined checks. */
export type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N ? R : Tuple<N, T, [...R, T]>;

export function columnsOf<N extends number>(value: unknown, count: N): Tuple<N, unknown[]> {
  const columns = fixed(value, count).map(arrayOf);
  const length = columns[0]?.length ?? 0;
  if (columns.some((column) => column.length !== length)) fail('snapshot payload has uneven columns');
  return columns as Tuple<N, unknown[]>;
}

export const at = (column: readonly unknown[], i: number): Predicted => predictedAt(column[i]);
export const valueAt = (column: readonly unknown[], i: number): number | null => nullableNumber(column[i]);

function predictedAt(value: unknown): Predicted {
  if (Array.isArray(value)) return [numberAt(value[0])];
  return nullableNumber(value);
}

export function nullableNumber(value: unknown): number | null {
  return value === null ? null : numberAt(value);
}

export function numberAt(value: unknown): number {
  if (typeof value !== 'number') fail('snapshot payload has a non-number where a figure belongs');
  return value;
}

export const numbers = <N extends number>(value: unknown, count: N): Tuple<N, number> => fixed(value, count).map(numberAt) as Tuple<N, number>;
export const nullableNumbers = <N extends number>(value: unknown, count: N): Tuple<N, number | null> => fixed(value, count).map(nullableNumber) as Tuple<N, number | null>;

function fixed(value: unknown, count: number): unknown[] {
  const array = arrayOf(value);
  if (array.length !== count) fail('snapshot payload has a list of the wrong length');
  return array;
}

export function arrayOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) fail('snapshot payload has the wrong shape');
  return value;
}

export function modelNameOf(scope: SeriesScope | undefined, id: number): string {
  if (scope?.level !== 'model') throw new PayloadError(`snapshot names series ${id}, which is not a model series`);
  return scope.model;
}

export function fail(message: string): never {
  throw new PayloadError(message);
}
