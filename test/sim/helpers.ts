/** Shared by the simulator's tests: a small scenario to vary, and the API's consistency relations. */
import { expect } from 'vitest';
import { validateScenario, type Scenario } from '../../electron/sim/scenario';
import type { InferenceStatsResponse } from '../../electron/sim/response';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2026-11-01T00:00:00Z');

export const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A two-model, two-day scenario with flat traffic, as raw JSON data. */
export function rawScenario(): Record<string, unknown> & { models: Record<string, unknown>[]; incidents: Record<string, unknown>[]; faults: Record<string, unknown>[] } {
  return {
    name: 'test',
    workspace: 'test-workspace',
    apiKey: 'test-key',
    start: iso(T0),
    hours: 48,
    seed: 7,
    models: [
      {
        name: 'hard-hat-sample-8j2w3',
        serverVersion: '0.15.1',
        requestsPerHour: 3000,
        errorRate: 0.01,
        latencySeconds: 0.05,
        emptyRate: 0.05,
        classes: [
          { name: 'helmet', share: 0.6, detectionsPerInference: 1.8, confidence: 0.86, confidenceSd: 0.08 },
          { name: 'head', share: 0.4, detectionsPerInference: 1.2, confidence: 0.74, confidenceSd: 0.12 },
        ],
      },
      {
        name: 'license-plate-recognition-rxg4e',
        serverVersion: '0.16.0',
        requestsPerHour: 600,
        latencySeconds: 0.08,
        classes: [{ name: 'License_Plate', share: 1, detectionsPerInference: 1.3, confidence: 0.87, confidenceSd: 0.07 }],
      },
    ],
    incidents: [],
    faults: [],
  };
}

export function scenarioWith(edit: (raw: ReturnType<typeof rawScenario>) => void = () => {}): Scenario {
  const raw = rawScenario();
  edit(raw);
  return validateScenario(raw, 'test.json');
}

type Row = InferenceStatsResponse['inference_stats'][number];

function modelTotal(rows: readonly Row[], model: string, field: 'model_num_inferences' | 'prev_model_num_inferences'): number {
  const values = rows.filter((row) => row.model_name === model).map((row) => row[field]).filter((value) => value !== null);
  // Every row of a model that has figures in the window names the same model total.
  expect(new Set(values).size, `${model} ${field}`).toBeLessThanOrEqual(1);
  return values[0] ?? 0;
}

function weighted(rows: readonly Row[], field: 'avg_confidence' | 'avg_response_time'): number | null {
  let weights = 0;
  let total = 0;
  for (const row of rows) {
    if (row.class_count === null || row[field] === null) continue;
    total += (row[field] ?? 0) * row.class_count;
    weights += row.class_count;
  }
  return weights > 0 ? total / weights : null;
}

function close(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  expect(Math.abs((actual ?? 0) - expected), label).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/**
 * The relations of API-NOTES.md, "Consistency in the example". With `simulated`, also the
 * simulator's own stricter conventions: rows of a model add up exactly to its total (each
 * inference is counted under its top prediction only), row figures are null exactly when
 * the row has no inference in that window. Roboflow's example shows rows may overlap (the
 * hard-hat rows, 100 + 100, for a model total of 100), so for real data only
 * "no row exceeds the total, together they cover it" holds.
 */
export function expectConsistent(response: InferenceStatsResponse, options: { simulated?: boolean } = {}): void {
  const rows = response.inference_stats;
  const models = [...new Set(rows.map((row) => row.model_name))];

  for (const [total, field, rowField] of [
    ['num_inferences', 'model_num_inferences', 'num_inferences'],
    ['prev_num_inferences', 'prev_model_num_inferences', 'prev_num_inferences'],
  ] as const) {
    const sumOfModels = models.reduce((sum, model) => sum + modelTotal(rows, model, field), 0);
    expect(response[total], total).toBe(sumOfModels);
    for (const model of models) {
      const own = rows.filter((row) => row.model_name === model);
      if (own.every((row) => row[field] === null)) continue;
      const rowSum = own.reduce((sum, row) => sum + (row[rowField] ?? 0), 0);
      const total = modelTotal(rows, model, field);
      if (options.simulated === true) {
        expect(rowSum, `${model}: rows' ${rowField} add up to ${field}`).toBe(total);
      } else {
        expect(rowSum, `${model}: rows' ${rowField} cover ${field}`).toBeGreaterThanOrEqual(total);
        for (const row of own) expect(row[rowField] ?? 0, `${model}: a row's ${rowField} is within ${field}`).toBeLessThanOrEqual(total);
      }
    }
  }

  close(response.avg_confidence, weighted(rows, 'avg_confidence'), 'avg_confidence = class_count-weighted rows');
  close(response.avg_response_time, weighted(rows, 'avg_response_time'), 'avg_response_time = class_count-weighted rows');

  for (const row of rows) {
    const label = `${row.model_name}/${JSON.stringify(row.predicted_class)}`;
    if (row.predicted_class === '' && row.num_inferences !== null) {
      expect(row.avg_confidence, label).toBe(0);
      expect(row.median_confidence, label).toBe(0);
      expect(row.class_count, label).toBe(row.num_inferences);
    }
    if (row.median_confidence !== null) {
      expect(row.median_confidence, label).toBeGreaterThanOrEqual(0);
      expect(row.median_confidence, label).toBeLessThanOrEqual(1);
    }
    {
      const present = row.num_inferences !== null;
      for (const field of ['avg_confidence', 'avg_response_time', 'median_confidence', 'class_count', 'model_num_inferences'] as const) {
        expect(row[field] !== null, `${label}.${field} present iff num_inferences is`).toBe(present);
      }
      const prevPresent = row.prev_num_inferences !== null;
      for (const field of ['prev_avg_confidence', 'prev_avg_response_time', 'prev_model_num_inferences'] as const) {
        expect(row[field] !== null, `${label}.${field} present iff prev_num_inferences is`).toBe(prevPresent);
      }
      expect(present || prevPresent, `${label} has figures in one window at least`).toBe(true);
      expect(row.num_errors, label).toBeNull();
      expect(row.class_count ?? 0, `${label}: at least one detection per inference`).toBeGreaterThanOrEqual(row.num_inferences ?? 0);
    }
  }
}

/** One row's figures, found by model and class. */
export function row(response: InferenceStatsResponse, model: string, predictedClass: string): Row | undefined {
  return response.inference_stats.find((r) => r.model_name === model && r.predicted_class === predictedClass);
}

/** Successful inferences of one model in a response (0 when absent). */
export function modelInferences(response: InferenceStatsResponse, model: string): number {
  return response.inference_stats.find((r) => r.model_name === model && r.model_num_inferences !== null)?.model_num_inferences ?? 0;
}
