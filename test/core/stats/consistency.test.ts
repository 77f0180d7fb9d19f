import { describe, expect, it } from 'vitest';
import { checkConsistency, checkResponseConsistency } from '../../../electron/core/stats/consistency';
import { BadResponse } from '../../../electron/core/stats/errors';
import { parseInferenceStats } from '../../../electron/core/stats/wire-schema';
import { loadSeed, WINDOW } from './helpers';
import type { SeedResponse, SeedRow } from './helpers';

const num = (row: SeedRow, key: string) => (row[key] as number | null) ?? 0;
const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe("API-NOTES.md's relations hold on the seed example", () => {
  const seed = loadSeed();
  const rows = seed.inference_stats;
  const models = [...new Set(rows.map((r) => String(r['model_name'])))];
  const modelTotal = (model: string, key: string) => Math.max(0, ...rows.filter((r) => r['model_name'] === model).map((r) => num(r, key)));

  it('top-level num_inferences = sum over distinct models of model_num_inferences (120 = 107 + 11 + 2)', () => {
    expect(models.map((m) => modelTotal(m, 'model_num_inferences'))).toEqual([107, 0, 11, 2]);
    expect(models.reduce((sum, m) => sum + modelTotal(m, 'model_num_inferences'), 0)).toBe(seed['num_inferences']);
  });

  it('the same for the previous period (290 = 190 + 100)', () => {
    expect(models.reduce((sum, m) => sum + modelTotal(m, 'prev_model_num_inferences'), 0)).toBe(290);
    expect(seed['prev_num_inferences']).toBe(290);
  });

  it("within a model, the rows' num_inferences add up to model_num_inferences (106 + 1 = 107)", () => {
    for (const model of models) {
      const own = rows.filter((r) => r['model_name'] === model);
      expect(own.reduce((sum, r) => sum + num(r, 'num_inferences'), 0), model).toBe(modelTotal(model, 'model_num_inferences'));
    }
  });

  it("top-level avg_confidence and avg_response_time are the rows' class_count-weighted means", () => {
    const weight = rows.reduce((sum, r) => sum + num(r, 'class_count'), 0);
    expect(weight).toBe(236);
    for (const field of ['avg_confidence', 'avg_response_time']) {
      const mean = rows.reduce((sum, r) => sum + num(r, field) * num(r, 'class_count'), 0) / weight;
      expect(closeTo(mean, seed[field] as number), `${field}: ${mean} vs ${String(seed[field])}`).toBe(true);
    }
  });

  it('checkConsistency finds no violation, on the raw answer or on the snapshot', () => {
    expect(checkResponseConsistency(loadSeed())).toEqual([]);
    expect(checkConsistency(parseInferenceStats(loadSeed(), WINDOW))).toEqual([]);
  });
});

describe('checkConsistency reports each broken relation', () => {
  const violations = (change: (seed: SeedResponse) => void) => {
    const seed = loadSeed();
    change(seed);
    return checkResponseConsistency(seed);
  };

  it('workspace total against the models', () => {
    expect(violations((s) => (s['num_inferences'] = 121))).toEqual([
      'current inferences: workspace says 121, models add up to 120 (cards-3z9gn 107 + hard-hat-sample-8j2w3 null + coco 11 + license-plate-recognition-rxg4e 2)',
    ]);
    expect(violations((s) => (s['prev_num_inferences'] = null))).toEqual([
      'previous inferences: workspace says null, models add up to 290 (cards-3z9gn 190 + hard-hat-sample-8j2w3 100 + coco null + license-plate-recognition-rxg4e null)',
    ]);
  });

  it('a model total outside the range its rows allow', () => {
    const found = violations((s) => {
      s.inference_stats[0]!['model_num_inferences'] = 108;
      s.inference_stats[1]!['model_num_inferences'] = 108;
      s['num_inferences'] = 121;
    });
    expect(found).toEqual(["current inferences of cards-3z9gn: model total 108 is outside its rows' range [largest row 106, sum 107]"]);
    expect(violations((s) => (s.inference_stats[2]!['prev_num_inferences'] = 101))).toEqual([
      "previous inferences of hard-hat-sample-8j2w3: model total 100 is outside its rows' range [largest row 101, sum 201]",
    ]);
  });

  it('fewer detections than inferences in a row', () => {
    expect(violations((s) => (s.inference_stats[4]!['class_count'] = 10))).toContain('coco/"car": 10 detections (class_count) in 11 inferences');
  });

  it('a workspace mean that is not the weighted mean of the rows', () => {
    const found = violations((s) => (s['avg_confidence'] = 0.9254172));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^current avg_confidence: workspace says 0\.9254172, class_count-weighted mean of rows is 0\.92541713/);
    expect(violations((s) => (s['avg_response_time'] = 0.2))[0]).toMatch(/^current avg_response_time/);
  });

  it('honours a looser tolerance', () => {
    const seed = loadSeed();
    seed['avg_confidence'] = 0.9254172;
    expect(checkResponseConsistency(seed, { relativeTolerance: 1e-6 })).toEqual([]);
  });

  it('rows of one model that disagree on its total (raw answers only)', () => {
    expect(violations((s) => (s.inference_stats[3]!['prev_model_num_inferences'] = 90))).toEqual([
      'prev_model_num_inferences of hard-hat-sample-8j2w3: rows disagree (100 vs 90)',
    ]);
  });

  it('skips what it cannot know (unknown means, no weights)', () => {
    expect(checkResponseConsistency({ avg_confidence: 0.5, inference_stats: [] })).toEqual([]);
    expect(violations((s) => (s['avg_confidence'] = null))).toEqual([]);
  });

  it('throws BadResponse for something that is not an answer', () => {
    expect(() => checkResponseConsistency({ inference_stats: 'none' })).toThrow(BadResponse);
  });
});
