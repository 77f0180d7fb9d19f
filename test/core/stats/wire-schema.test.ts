import { describe, expect, it } from 'vitest';
import { BadResponse } from '../../../electron/core/stats/errors';
import { parseInferenceStats, readWireStats, splitList } from '../../../electron/core/stats/wire-schema';
import { loadSeed, WINDOW } from './helpers';
import type { SeedResponse, SeedRow } from './helpers';

const parse = (json: unknown) => parseInferenceStats(json, WINDOW);

/** The BadResponse thrown for `json`, or a failing assertion. */
function rejection(json: unknown): BadResponse {
  try {
    parse(json);
  } catch (error) {
    expect(error).toBeInstanceOf(BadResponse);
    return error as BadResponse;
  }
  throw new Error('expected parseInferenceStats to throw');
}

function seedWith(change: (seed: SeedResponse) => void): SeedResponse {
  const seed = loadSeed();
  change(seed);
  return seed;
}

describe('parseInferenceStats on the seed example', () => {
  const snapshot = parse(loadSeed());

  it('keeps the window asked for and derives the previous one', () => {
    expect(snapshot.window).toEqual(WINDOW);
    expect(snapshot.previousWindow).toEqual({ start: new Date('2024-05-31T00:00:00Z'), end: new Date('2024-06-01T00:00:00Z') });
  });

  it('reads the workspace totals exactly', () => {
    expect(snapshot.totals).toEqual({
      current: { inferences: 120, errors: 0, avgConfidence: 0.92541713388321, avgResponseTimeSeconds: 0.16464362986438943 },
      previous: { inferences: 290, errors: 0, avgConfidence: 0.8610920182589827, avgResponseTimeSeconds: 0.043521592255159045 },
    });
  });

  it('groups the rows into one entry per model, in first-seen order', () => {
    expect(snapshot.models).toEqual([
      { model: 'cards-3z9gn', inferences: { current: 107, previous: 190 }, deploymentTypes: ['hosted'], serverVersions: ['0.15.3', '0.16.0'] },
      { model: 'hard-hat-sample-8j2w3', inferences: { current: null, previous: 100 }, deploymentTypes: ['hosted'], serverVersions: ['0.15.1'] },
      { model: 'coco', inferences: { current: 11, previous: null }, deploymentTypes: ['hosted'], serverVersions: ['0.15.3'] },
      { model: 'license-plate-recognition-rxg4e', inferences: { current: 2, previous: null }, deploymentTypes: ['hosted'], serverVersions: ['0.15.3'] },
    ]);
  });

  it('reads all six rows exactly, keeping nulls, the "" class and the previous-only rows', () => {
    const none = { inferences: null, errors: null, avgConfidence: null, avgResponseTimeSeconds: null };
    expect(snapshot.classes).toEqual([
      {
        model: 'cards-3z9gn',
        className: 'Playingcards',
        current: { inferences: 106, errors: null, avgConfidence: 0.931105958703923, avgResponseTimeSeconds: 0.176652773857811 },
        previous: { inferences: 190, errors: null, avgConfidence: 0.935741652940449, avgResponseTimeSeconds: 0.05487422056841488 },
        medianConfidence: 0.9268901944160461,
        detections: 211,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.15.3', '0.16.0'],
      },
      {
        model: 'cards-3z9gn',
        className: '',
        current: { inferences: 1, errors: null, avgConfidence: 0, avgResponseTimeSeconds: 0 },
        previous: none,
        medianConfidence: 0,
        detections: 1,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.16.0'],
      },
      {
        model: 'hard-hat-sample-8j2w3',
        className: 'head',
        current: none,
        previous: { inferences: 100, errors: null, avgConfidence: 0.6933842897415161, avgResponseTimeSeconds: 0.021951598459972955 },
        medianConfidence: null,
        detections: null,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.15.1'],
      },
      {
        model: 'hard-hat-sample-8j2w3',
        className: 'helmet',
        current: none,
        previous: { inferences: 100, errors: null, avgConfidence: 0.7451311349868774, avgResponseTimeSeconds: 0.021951598459972955 },
        medianConfidence: null,
        detections: null,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.15.1'],
      },
      {
        model: 'coco',
        className: 'car',
        current: { inferences: 11, errors: null, avgConfidence: 0.91790372133255, avgResponseTimeSeconds: 0.0647244118180817 },
        previous: none,
        medianConfidence: 0.91790372133255,
        detections: 22,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.15.3'],
      },
      {
        model: 'license-plate-recognition-rxg4e',
        className: 'License_Plate',
        current: { inferences: 2, errors: null, avgConfidence: 0.8706022202968597, avgResponseTimeSeconds: 0.07911215199999333 },
        previous: none,
        medianConfidence: 0.8706022202968597,
        detections: 2,
        deploymentTypes: ['hosted'],
        serverVersions: ['0.15.3'],
      },
    ]);
  });
});

describe('documented quirks are accepted', () => {
  it('takes null or absent for every numeric field, as unknown (null)', () => {
    const seed = seedWith((s) => {
      for (const key of Object.keys(s)) if (key !== 'inference_stats') s[key] = null;
      const row = s.inference_stats[0]!;
      for (const key of Object.keys(row)) if (!['model_name', 'predicted_class'].includes(key)) delete row[key];
    });
    const snapshot = parse(seed);
    expect(snapshot.totals.current).toEqual({ inferences: null, errors: null, avgConfidence: null, avgResponseTimeSeconds: null });
    expect(snapshot.classes[0]).toMatchObject({ detections: null, medianConfidence: null, deploymentTypes: [], serverVersions: [] });
    expect(parse({ inference_stats: [] })).toMatchObject({ models: [], classes: [], totals: { previous: { inferences: null } } });
  });

  it('splits comma-joined lists, trims, drops empties and repeats; null, absent or an array also work', () => {
    expect(splitList(' hosted , ,self-hosted,hosted,')).toEqual(['hosted', 'self-hosted']);
    expect(splitList('')).toEqual([]);
    expect(splitList(null)).toEqual([]);
    expect(splitList([' a', 'b ', '', 'c,a', ','])).toEqual(['a', 'b', 'c']);
    const snapshot = parse(
      seedWith((s) => {
        s.inference_stats[0]!['deployment_types'] = 'hosted, dedicated';
        s.inference_stats[1]!['deployment_types'] = 'self-hosted';
        s.inference_stats[1]!['inference_server_versions'] = null;
      }),
    );
    expect(snapshot.models[0]).toMatchObject({ deploymentTypes: ['hosted', 'dedicated', 'self-hosted'], serverVersions: ['0.15.3', '0.16.0'] });
  });

  it('ignores unknown keys at every level', () => {
    const snapshot = parse(
      seedWith((s) => {
        s['workspace_plan'] = { tier: 'enterprise' };
        s.inference_stats[2]!['p99_response_time'] = 'soon';
      }),
    );
    expect(snapshot.classes).toHaveLength(6);
    expect(JSON.stringify(snapshot)).not.toContain('enterprise');
  });

  it('keeps a model total stated by only some of its rows, and the larger one if rows disagree', () => {
    const snapshot = parse(
      seedWith((s) => {
        s.inference_stats[0]!['model_num_inferences'] = null;
        s.inference_stats[1]!['prev_model_num_inferences'] = 195;
      }),
    );
    expect(snapshot.models[0]?.inferences).toEqual({ current: 107, previous: 195 });
  });

  it('accepts zero everywhere', () => {
    const zero = seedWith((s) => {
      for (const row of s.inference_stats) for (const key of Object.keys(row)) if (typeof row[key] === 'number') row[key] = 0;
    });
    const classes = parse(zero).classes;
    expect(classes.map((c) => c.detections)).toEqual([0, 0, null, null, 0, 0]);
    expect(classes[0]?.current).toEqual({ inferences: 0, errors: null, avgConfidence: 0, avgResponseTimeSeconds: 0 });
  });
});

describe('shape problems are refused with the JSON path of the first bad field', () => {
  it.each<[string, (s: SeedResponse) => unknown, string]>([
    ['a count as a string', (s) => ((s.inference_stats[3]!['num_inferences'] = '12'), s), 'inference_stats[3].num_inferences: expected number or null, got "12"'],
    ['a negative count', (s) => ((s.inference_stats[0]!['class_count'] = -1), s), 'inference_stats[0].class_count: expected a non-negative count, got -1'],
    ['a negative duration', (s) => ((s['avg_response_time'] = -0.5), s), 'avg_response_time: expected a non-negative number, got -0.5'],
    ['NaN', (s) => ((s['prev_avg_confidence'] = Number.NaN), s), 'prev_avg_confidence: expected number or null, got NaN'],
    ['Infinity (JSON.parse gives it for 1e999)', (s) => ((s.inference_stats[5]!['avg_confidence'] = JSON.parse('1e999')), s), 'inference_stats[5].avg_confidence: expected a finite number, got Infinity'],
    ['a boolean figure', (s) => ((s['num_errors'] = false), s), 'num_errors: expected number or null, got false'],
    ['a missing inference_stats', (s) => (delete (s as Record<string, unknown>)['inference_stats'], s), 'inference_stats: required field is missing'],
    ['inference_stats not an array', (s) => (((s as Record<string, unknown>)['inference_stats'] = { rows: [] }), s), 'inference_stats: expected an array of rows, got an object'],
    ['a row that is not an object', (s) => ((s.inference_stats[1] = [] as unknown as SeedRow), s), 'inference_stats[1]: expected an object (one row per model and class), got an array'],
    ['a row without model_name', (s) => (delete s.inference_stats[4]!['model_name'], s), 'inference_stats[4].model_name: required field is missing'],
    ['an empty model_name', (s) => ((s.inference_stats[4]!['model_name'] = ''), s), 'inference_stats[4].model_name: expected a non-empty model name, got ""'],
    ['a null predicted_class', (s) => ((s.inference_stats[1]!['predicted_class'] = null), s), 'inference_stats[1].predicted_class: expected a string ("" for no detection), got null'],
    ['a list that is a number', (s) => ((s.inference_stats[0]!['inference_server_versions'] = 16), s), 'inference_stats[0].inference_server_versions: expected a comma-separated string or null, got 16'],
  ])('%s', (_name, mutate, detail) => {
    const error = rejection(mutate(loadSeed()));
    expect(error.detail).toBe(detail);
    expect(error.message).toContain(detail);
    expect(error.kind).toBe('bad_response');
  });

  it.each<[unknown, string]>([
    [null, 'response body: expected a JSON object, got null'],
    [[], 'response body: expected a JSON object, got an array'],
    ['{"num_inferences":1}', 'response body: expected a JSON object, got "{\\"num_inferences\\":1}"'],
    [42, 'response body: expected a JSON object, got 42'],
    [undefined, 'response body: expected a JSON object, got nothing'],
  ])('refuses a non-object body %j', (body, detail) => {
    const error = rejection(body);
    expect(error.detail).toBe(detail);
    expect(error.path).toBeUndefined();
  });

  it('quotes odd keys in the path and clips long values', () => {
    const error = rejection({ inference_stats: [{ model_name: 'm', predicted_class: 'x', avg_confidence: 'y'.repeat(500) }] });
    expect(error.detail).toBe(`inference_stats[0].avg_confidence: expected number or null, got "${'y'.repeat(40)}…"`);
  });

  it('reports the first problem in document order of the schema', () => {
    const error = rejection(
      seedWith((s) => {
        s.inference_stats[2]!['num_errors'] = 'x';
        s.inference_stats[4]!['num_errors'] = 'y';
      }),
    );
    expect(error.path).toBe('inference_stats[2].num_errors');
  });

  it('readWireStats validates without converting', () => {
    expect(readWireStats(loadSeed()).inference_stats[0]?.inference_server_versions).toEqual(['0.15.3', '0.16.0']);
  });

  it('refuses an invalid window as a programming error, not a bad response', () => {
    expect(() => parseInferenceStats(loadSeed(), { start: WINDOW.end, end: WINDOW.start })).toThrow(RangeError);
  });
});
