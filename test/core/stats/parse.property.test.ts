// Whatever arrives, parseInferenceStats either returns a snapshot whose numbers are all finite
// (or null) or throws BadResponse: never a TypeError, a RangeError or a stack overflow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../../electron/core/stats/consistency';
import { BadResponse } from '../../../electron/core/stats/errors';
import { parseInferenceStats } from '../../../electron/core/stats/wire-schema';
import type { StatsSnapshot } from '../../../electron/core/stats/types';
import { loadSeed, WINDOW } from './helpers';

/** Parses `input` and checks the contract; returns the snapshot when there was one. */
function parseUnderContract(input: unknown): StatsSnapshot | undefined {
  let snapshot: StatsSnapshot;
  try {
    snapshot = parseInferenceStats(input, WINDOW);
  } catch (error) {
    if (!(error instanceof BadResponse)) throw error; // fast-check reports the input that caused it
    expect(error.kind).toBe('bad_response');
    expect(error.message.length).toBeLessThan(600);
    return undefined;
  }
  assertWellFormed(snapshot);
  expect(Array.isArray(checkConsistency(snapshot))).toBe(true);
  return snapshot;
}

/** Every number is finite and non-negative or null; every list is strings; windows intact. */
function assertWellFormed(snapshot: StatsSnapshot): void {
  expect(snapshot.window).toBe(WINDOW);
  const visit = (value: unknown, path: string): void => {
    if (value === null || typeof value === 'string' || value instanceof Date) return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || value < 0) throw new Error(`${path} = ${value}`);
      return;
    }
    if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (typeof value === 'object') return Object.entries(value).forEach(([key, item]) => visit(item, `${path}.${key}`));
    throw new Error(`${path} has a ${typeof value}`);
  };
  visit(snapshot, 'snapshot');
  for (const row of [...snapshot.classes, ...snapshot.models]) {
    expect(row.deploymentTypes.every((t) => typeof t === 'string' && t.trim() === t && t !== '' && !t.includes(','))).toBe(true);
    expect(row.serverVersions.every((t) => typeof t === 'string' && t.trim() === t && t !== '' && !t.includes(','))).toBe(true);
  }
}

const exoticValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 4,
});

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { inference_stats: value, num_inferences: value };
  return value;
};

/** Something to put where a field was. */
const replacement = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.double(), // includes NaN, ±Infinity, -0 and negatives
  fc.integer({ min: -5, max: 1_000_000 }),
  fc.string(),
  fc.constantFrom('', ',', ' , ,', '12', 'hosted,self-hosted', '0.15.3,0.16.0', 'NaN'),
  fc.array(fc.string(), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
  exoticValue,
  fc.tuple(fc.integer({ min: 1, max: 300 }), fc.boolean()).map(([depth, asArray]) => nested(depth, 1, asArray)),
);

const seedKeys = Object.keys(loadSeed());
const rowKeys = Object.keys(loadSeed().inference_stats[0]!);
const fieldName = fc.oneof(fc.constantFrom(...seedKeys, ...rowKeys), fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString'));

type Mutation =
  | { readonly where: 'top'; readonly key: string; readonly op: 'delete' | 'set'; readonly value: unknown }
  | { readonly where: 'row'; readonly index: number; readonly key: string; readonly op: 'delete' | 'set'; readonly value: unknown }
  | { readonly where: 'rows'; readonly op: 'drop' | 'duplicate' | 'reverse' | 'replace'; readonly index: number; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ where: fc.constant('top' as const), key: fieldName, op: fc.constantFrom('delete' as const, 'set' as const), value: replacement }),
  fc.record({ where: fc.constant('row' as const), index: fc.nat(7), key: fieldName, op: fc.constantFrom('delete' as const, 'set' as const), value: replacement }),
  fc.record({ where: fc.constant('rows' as const), op: fc.constantFrom('drop' as const, 'duplicate' as const, 'reverse' as const, 'replace' as const), index: fc.nat(7), value: replacement }),
);

function applyMutations(mutations: readonly Mutation[]): unknown {
  const seed = loadSeed() as Record<string, unknown>;
  for (const m of mutations) {
    const rows = seed['inference_stats'];
    if (m.where === 'top') {
      if (m.op === 'delete') delete seed[m.key];
      else Object.defineProperty(seed, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    } else if (!Array.isArray(rows)) {
      continue; // an earlier mutation replaced the rows
    } else if (m.where === 'row') {
      const row: unknown = rows[m.index % Math.max(rows.length, 1)];
      if (typeof row !== 'object' || row === null) continue;
      if (m.op === 'delete') delete (row as Record<string, unknown>)[m.key];
      else Object.defineProperty(row, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    } else {
      const index = m.index % Math.max(rows.length, 1);
      if (m.op === 'drop') rows.splice(index, 1);
      if (m.op === 'duplicate' && rows.length > 0) rows.push(structuredClone(rows[index]));
      if (m.op === 'reverse') rows.reverse();
      if (m.op === 'replace') rows[index] = m.value;
    }
  }
  return seed;
}

describe('parseInferenceStats under arbitrary input', () => {
  it('random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void parseUnderContract(value)), { numRuns: 500 });
  });

  it('random JavaScript values, exotic ones included', () => {
    fc.assert(fc.property(exoticValue, (value) => void parseUnderContract(value)), { numRuns: 500 });
  });

  it('random objects that have an inference_stats array of random rows', () => {
    const row = fc.dictionary(fc.constantFrom(...rowKeys), replacement, { maxKeys: rowKeys.length });
    const response = fc.record({ inference_stats: fc.array(row, { maxLength: 5 }) }).chain((base) => fc.dictionary(fc.constantFrom(...seedKeys), replacement).map((top) => ({ ...top, ...base })));
    fc.assert(fc.property(response, (value) => void parseUnderContract(value)), { numRuns: 500 });
  });

  it('mutations of the seed example (dropped keys, random types, nulls, deep nesting, row changes)', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        if (parseUnderContract(applyMutations(mutations)) !== undefined) parsed++;
      }),
      { numRuns: 1000 },
    );
    expect(parsed).toBeGreaterThan(0); // the generator does also produce valid answers
  });

  it('very deep nesting, as a field and as the whole body', () => {
    for (const asArray of [true, false]) {
      const deep = nested(100_000, 1, asArray);
      expect(() => parseInferenceStats(deep, WINDOW)).toThrow(BadResponse);
      expect(() => parseInferenceStats({ ...loadSeed(), num_errors: deep }, WINDOW)).toThrow(BadResponse);
      expect(() => parseInferenceStats({ inference_stats: [{ model_name: 'm', predicted_class: '', deployment_types: deep }] }, WINDOW)).toThrow(BadResponse);
    }
  });

  it('valid random answers keep every figure they were given', () => {
    const figure = fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null });
    const row = fc.record({
      model_name: fc.string({ minLength: 1, maxLength: 12 }),
      predicted_class: fc.string({ maxLength: 8 }),
      num_inferences: figure,
      prev_num_inferences: figure,
      avg_confidence: figure,
      class_count: figure,
      inference_server_versions: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.record({ num_inferences: figure, inference_stats: fc.array(row, { maxLength: 6 }) }), (answer) => {
        const snapshot = parseUnderContract(answer);
        expect(snapshot).toBeDefined();
        expect(snapshot?.totals.current.inferences).toBe(answer.num_inferences);
        expect(snapshot?.classes.map((c) => [c.model, c.className, c.current.inferences, c.previous.inferences, c.current.avgConfidence, c.detections])).toEqual(
          answer.inference_stats.map((r) => [r.model_name, r.predicted_class, r.num_inferences, r.prev_num_inferences, r.avg_confidence, r.class_count]),
        );
        expect(snapshot?.models.map((m) => m.model)).toEqual([...new Set(answer.inference_stats.map((r) => r.model_name))]);
      }),
      { numRuns: 300 },
    );
  });
});
