import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, minuteRange } from '../../electron/sim/generate';
import { loadScenario } from '../../electron/sim/scenario';
import type { InferenceStatsResponse } from '../../electron/sim/response';
import { DAY, HOUR, T0, expectConsistent, modelInferences, row, scenarioWith } from './helpers';

const demo = loadScenario('demo');
const demoSim = createSimulation(demo);
const demoStart = Date.parse(demo.start);

/** Current figures only, as a window's own request would show them. */
function current(response: InferenceStatsResponse) {
  return {
    num_inferences: response.num_inferences,
    num_errors: response.num_errors,
    avg_confidence: response.avg_confidence,
    avg_response_time: response.avg_response_time,
    rows: response.inference_stats
      .filter((r) => r.num_inferences !== null)
      .map((r) => [r.model_name, r.predicted_class, r.num_inferences, r.avg_confidence, r.avg_response_time, r.model_num_inferences]),
  };
}

function previous(response: InferenceStatsResponse) {
  return {
    num_inferences: response.prev_num_inferences,
    num_errors: response.prev_num_errors,
    avg_confidence: response.prev_avg_confidence,
    avg_response_time: response.prev_avg_response_time,
    rows: response.inference_stats
      .filter((r) => r.prev_num_inferences !== null)
      .map((r) => [r.model_name, r.predicted_class, r.prev_num_inferences, r.prev_avg_confidence, r.prev_avg_response_time, r.prev_model_num_inferences]),
  };
}

describe('determinism', () => {
  it('gives the same response for the same window, from any simulation of the same scenario', () => {
    const window = { startMs: demoStart + 30 * HOUR, endMs: demoStart + 54 * HOUR };
    const first = demoSim.stats(window);
    expect(demoSim.stats(window)).toEqual(first);
    expect(createSimulation(loadScenario('demo')).stats(window)).toEqual(first);
    // A cache too small to hold anything regenerates every hour: still the same figures.
    expect(createSimulation(demo, { cacheBlocks: 1 }).stats(window)).toEqual(first);
  });

  it('depends on the seed', () => {
    const window = { startMs: T0, endMs: T0 + HOUR };
    const a = createSimulation(scenarioWith()).stats(window);
    const b = createSimulation(scenarioWith((raw) => (raw['seed'] = 8))).stats(window);
    expect(a.num_inferences).not.toBe(b.num_inferences);
  });

  it('makes the previous-period figures of a window equal the current figures of the window before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 160 * 60 }), fc.integer({ min: 1, max: 72 * 60 }), (startMinute, lengthMinutes) => {
        const startMs = demoStart + startMinute * 60_000;
        const endMs = startMs + lengthMinutes * 60_000;
        const later = demoSim.stats({ startMs, endMs });
        const earlier = demoSim.stats({ startMs: startMs - (endMs - startMs), endMs: startMs });
        expect(previous(later)).toEqual(current(earlier));
      }),
      { numRuns: 25 },
    );
  });

  it('makes a window the exact aggregate of its parts, wherever it is split (even mid-minute)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 * 3600 }),
        fc.integer({ min: 120, max: 12 * 3600 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (startSecond, lengthSeconds, cut) => {
          const startMs = demoStart + startSecond * 1000;
          const endMs = startMs + lengthSeconds * 1000;
          const splitMs = Math.round(startMs + cut * (endMs - startMs));
          const whole = demoSim.stats({ startMs, endMs });
          const left = demoSim.stats({ startMs, endMs: splitMs });
          const right = demoSim.stats({ startMs: splitMs, endMs });
          expect(left.num_inferences + right.num_inferences).toBe(whole.num_inferences);
          expect(left.num_errors + right.num_errors).toBe(whole.num_errors);
          for (const wholeRow of whole.inference_stats) {
            if (wholeRow.num_inferences === null) continue;
            const parts = [left, right].map((part) => row(part, wholeRow.model_name, wholeRow.predicted_class));
            const inferences = parts.reduce((sum, r) => sum + (r?.num_inferences ?? 0), 0);
            const detections = parts.reduce((sum, r) => sum + (r?.class_count ?? 0), 0);
            const confidence = parts.reduce((sum, r) => sum + (r?.avg_confidence ?? 0) * (r?.class_count ?? 0), 0);
            const latency = parts.reduce((sum, r) => sum + (r?.avg_response_time ?? 0) * (r?.num_inferences ?? 0), 0);
            expect(inferences).toBe(wholeRow.num_inferences);
            expect(detections).toBe(wholeRow.class_count);
            expect(confidence / detections).toBeCloseTo(wholeRow.avg_confidence ?? NaN, 10);
            expect(latency / inferences).toBeCloseTo(wholeRow.avg_response_time ?? NaN, 10);
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('counts a minute in the window that holds its start', () => {
    expect(minuteRange(0, 60_000)).toEqual({ first: 0, end: 1 });
    expect(minuteRange(1, 60_001)).toEqual({ first: 1, end: 2 });
    expect(minuteRange(0, 120_000, 90_000)).toEqual({ first: 0, end: 1 }); // minute 1 has not ended yet
  });

  it('answers a 7-day window over four models without trouble (and caches hours)', () => {
    const sim = createSimulation(loadScenario('quiet'));
    const window = { startMs: sim.endMs - 7 * DAY, endMs: sim.endMs };
    const response = sim.stats(window);
    expect(response.num_inferences).toBeGreaterThan(100_000);
    expect(sim.stats(window)).toEqual(response);
  });
});

describe('consistency relations of API-NOTES.md', () => {
  it('hold on the seed example (the checker itself is right)', async () => {
    const seed = (await import('../fixtures/seed-example-response.json', { with: { type: 'json' } })).default as InferenceStatsResponse;
    expectConsistent(seed);
  });

  it.each(['demo', 'quiet', 'incidents'])('hold on %s responses for random windows', (name) => {
    const sim = createSimulation(loadScenario(name));
    fc.assert(
      fc.property(fc.integer({ min: -48 * 60, max: sim.scenario.hours * 60 }), fc.integer({ min: 1, max: 72 * 60 }), (startMinute, lengthMinutes) => {
        const startMs = sim.startMs + startMinute * 60_000;
        const response = sim.stats({ startMs, endMs: startMs + lengthMinutes * 60_000 });
        expectConsistent(response, { simulated: true });
      }),
      { numRuns: 15 },
    );
  });

  it('counts errors apart from inferences, at the top level only', () => {
    const response = demoSim.stats({ startMs: demoStart, endMs: demoStart + DAY });
    expect(response.num_errors).toBeGreaterThan(0);
    expect(response.inference_stats.every((r) => r.num_errors === null && r.prev_num_errors === null)).toBe(true);
    const requests = response.num_inferences + response.num_errors;
    expect(response.num_errors / requests).toBeLessThan(0.02);
  });

  it('has one row per model and class seen, with the "" row for inferences without detection', () => {
    const response = demoSim.stats({ startMs: demoStart + DAY, endMs: demoStart + 2 * DAY });
    const keys = response.inference_stats.map((r) => `${r.model_name}/${r.predicted_class}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('hard-hat-sample-8j2w3/helmet');
    expect(keys).toContain('hard-hat-sample-8j2w3/');
    const plates = row(response, 'license-plate-recognition-rxg4e', 'License_Plate');
    expect(plates).toMatchObject({ deployment_types: 'hosted', inference_server_versions: '0.16.0' });
    // detectionsPerInference 1.3 drives class_count
    expect((plates?.class_count ?? 0) / (plates?.num_inferences ?? 1)).toBeCloseTo(1.3, 1);
    expect(row(response, 'pcb-defect-detection-qx7v1', '')?.deployment_types).toBe('self-hosted');
  });

  it('reproduces the volumes, rates and averages of the scenario', () => {
    const scenario = scenarioWith();
    const sim = createSimulation(scenario);
    const day = sim.stats({ startMs: T0, endMs: T0 + DAY });
    const hardHat = 'hard-hat-sample-8j2w3';
    const inferences = modelInferences(day, hardHat);
    // 3000 requests/hour, 1% errors, 5% of successes empty
    expect(inferences / (24 * 3000 * 0.99)).toBeCloseTo(1, 1);
    expect(row(day, hardHat, '')!.num_inferences! / inferences).toBeCloseTo(0.05, 2);
    expect(row(day, hardHat, 'helmet')!.num_inferences! / (inferences * 0.95)).toBeCloseTo(0.6, 1);
    expect(row(day, hardHat, 'helmet')!.avg_confidence).toBeCloseTo(0.86, 2);
    expect(row(day, hardHat, 'head')!.avg_confidence).toBeCloseTo(0.74, 2);
    expect(row(day, hardHat, 'helmet')!.median_confidence).toBeCloseTo(0.86, 1);
    expect(row(day, hardHat, 'helmet')!.avg_response_time).toBeCloseTo(0.05, 2);
  });

  it('filters by model name; unknown names give no rows', () => {
    const window = { startMs: demoStart, endMs: demoStart + 6 * HOUR };
    const all = demoSim.stats(window);
    const one = demoSim.stats({ ...window, modelNames: ['hard-hat-sample-8j2w3', 'no-such-model'] });
    expect(new Set(one.inference_stats.map((r) => r.model_name))).toEqual(new Set(['hard-hat-sample-8j2w3']));
    expect(one.num_inferences).toBe(modelInferences(all, 'hard-hat-sample-8j2w3'));
    expectConsistent(one, { simulated: true });
    const none = demoSim.stats({ ...window, modelNames: ['no-such-model'] });
    expect(none).toEqual({
      num_inferences: 0, prev_num_inferences: 0, num_errors: 0, prev_num_errors: 0,
      avg_confidence: null, prev_avg_confidence: null, avg_response_time: null, prev_avg_response_time: null,
      inference_stats: [],
    });
  });

  it('has no data before the start, and normal data after the end', () => {
    const before = demoSim.stats({ startMs: demoStart - DAY, endMs: demoStart });
    expect(before.num_inferences).toBe(0);
    expect(before.avg_confidence).toBeNull();
    expect(before.inference_stats).toEqual([]);
    const after = demoSim.stats({ startMs: demoSim.endMs + 30 * DAY, endMs: demoSim.endMs + 31 * DAY });
    expect(after.num_inferences).toBeGreaterThan(10_000);
    expect(after.prev_num_inferences).toBeGreaterThan(10_000);
  });

  it('leaves minutes that have not ended by "now" without data', () => {
    const asOfMs = demoStart + 2 * HOUR + 30_000;
    const response = demoSim.stats({ startMs: demoStart + HOUR, endMs: demoStart + 3 * HOUR, asOfMs });
    const elapsed = demoSim.stats({ startMs: demoStart + HOUR, endMs: demoStart + 2 * HOUR });
    expect(response.num_inferences).toBe(elapsed.num_inferences);
  });
});
