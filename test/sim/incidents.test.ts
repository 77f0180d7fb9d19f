/**
 * Each incident kind against the same scenario without it: per-minute determinism makes
 * the difference the incident's own effect.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../electron/sim/generate';
import { loadScenario } from '../../electron/sim/scenario';
import type { InferenceStatsResponse } from '../../electron/sim/response';
import { DAY, HOUR, T0, expectConsistent, iso, modelInferences, row, scenarioWith } from './helpers';

const HARD_HAT = 'hard-hat-sample-8j2w3';
const PLATES = 'license-plate-recognition-rxg4e';
const FROM = T0 + 10 * HOUR;
const TO = T0 + 14 * HOUR;
const during = { startMs: FROM, endMs: TO };
const only = (name: string) => ({ ...during, modelNames: [name] });

function withIncident(incident: Record<string, unknown>) {
  return createSimulation(scenarioWith((raw) => raw.incidents.push({ model: HARD_HAT, from: iso(FROM), to: iso(TO), ...incident })));
}
const baseline = createSimulation(scenarioWith());

const requests = (response: InferenceStatsResponse) => response.num_inferences + response.num_errors;

describe('incident effects while active', () => {
  it('confidence_drop moves the mean confidence of the class by delta, and only of that class', () => {
    const sim = withIncident({ kind: 'confidence_drop', class: 'helmet', delta: -0.2 });
    const [hit, normal] = [sim.stats(during), baseline.stats(during)];
    expect(row(hit, HARD_HAT, 'helmet')!.avg_confidence! - row(normal, HARD_HAT, 'helmet')!.avg_confidence!).toBeCloseTo(-0.2, 3);
    expect(row(hit, HARD_HAT, 'helmet')!.median_confidence!).toBeCloseTo(0.66, 1);
    expect(row(hit, HARD_HAT, 'head')).toEqual(row(normal, HARD_HAT, 'head'));
    expect(hit.avg_confidence!).toBeLessThan(normal.avg_confidence!);
    // The next window is back to normal, and shows the drop in its previous period.
    const next = { startMs: TO, endMs: TO + 4 * HOUR };
    expect(row(sim.stats(next), HARD_HAT, 'helmet')!.avg_confidence).toBe(row(baseline.stats(next), HARD_HAT, 'helmet')!.avg_confidence);
    expect(row(sim.stats(next), HARD_HAT, 'helmet')!.prev_avg_confidence).toBe(row(hit, HARD_HAT, 'helmet')!.avg_confidence);
  });

  it('confidence_drop without a class lowers every class', () => {
    const hit = withIncident({ kind: 'confidence_drop', delta: -0.1 }).stats(during);
    const normal = baseline.stats(during);
    for (const cls of ['helmet', 'head']) {
      expect(row(hit, HARD_HAT, cls)!.avg_confidence! - row(normal, HARD_HAT, cls)!.avg_confidence!).toBeCloseTo(-0.1, 3);
    }
    expect(row(hit, HARD_HAT, '')!.avg_confidence).toBe(0);
  });

  it('latency_rise multiplies the response times by factor', () => {
    const hit = withIncident({ kind: 'latency_rise', factor: 3 }).stats(only(HARD_HAT));
    const normal = baseline.stats(only(HARD_HAT));
    expect(hit.num_inferences).toBe(normal.num_inferences);
    for (const cls of ['helmet', 'head', '']) {
      expect(row(hit, HARD_HAT, cls)!.avg_response_time! / row(normal, HARD_HAT, cls)!.avg_response_time!).toBeCloseTo(3, 9);
    }
    expect(hit.avg_response_time! / normal.avg_response_time!).toBeCloseTo(3, 9);
  });

  it('error_rise makes errorRate of the same requests fail', () => {
    const hit = withIncident({ kind: 'error_rise', errorRate: 0.4 }).stats(only(HARD_HAT));
    const normal = baseline.stats(only(HARD_HAT));
    expect(requests(hit)).toBe(requests(normal));
    expect(hit.num_errors / requests(hit)).toBeCloseTo(0.4, 1);
    expect(normal.num_errors / requests(normal)).toBeCloseTo(0.01, 2);
  });

  it('traffic_drop multiplies the request rate by factor', () => {
    const hit = withIncident({ kind: 'traffic_drop', factor: 0.2 }).stats(only(HARD_HAT));
    const normal = baseline.stats(only(HARD_HAT));
    expect(requests(hit) / requests(normal)).toBeCloseTo(0.2, 1);
  });

  it('outage: the model serves nothing, then comes back', () => {
    const sim = withIncident({ kind: 'outage' });
    const hit = sim.stats(only(HARD_HAT));
    expect(hit.num_inferences).toBe(0);
    expect(hit.num_errors).toBe(0);
    expect(hit.avg_confidence).toBeNull();
    // Its rows are still there, with the previous period's figures only.
    expect(row(hit, HARD_HAT, 'helmet')).toMatchObject({ num_inferences: null, model_num_inferences: null, class_count: null });
    expect(row(hit, HARD_HAT, 'helmet')!.prev_num_inferences).toBeGreaterThan(0);
    expect(sim.stats(during).num_inferences).toBe(modelInferences(baseline.stats(during), PLATES));
    expect(sim.stats({ startMs: TO, endMs: TO + HOUR }).num_inferences).toBe(baseline.stats({ startMs: TO, endMs: TO + HOUR }).num_inferences);
  });

  it('class_shift replaces the class shares', () => {
    const hit = withIncident({ kind: 'class_shift', shares: { helmet: 0.1, head: 0.9 } }).stats(during);
    const detected = (r: InferenceStatsResponse) => row(r, HARD_HAT, 'helmet')!.num_inferences! + row(r, HARD_HAT, 'head')!.num_inferences!;
    expect(row(hit, HARD_HAT, 'head')!.num_inferences! / detected(hit)).toBeCloseTo(0.9, 1);
    const normal = baseline.stats(during);
    expect(row(normal, HARD_HAT, 'head')!.num_inferences! / detected(normal)).toBeCloseTo(0.4, 1);
  });

  it('server_version changes the version from "from" on, for good', () => {
    const sim = createSimulation(
      scenarioWith((raw) => raw.incidents.push({ kind: 'server_version', model: HARD_HAT, from: iso(FROM), version: '0.16.2' })),
    );
    const versions = (startMs: number, endMs: number) => row(sim.stats({ startMs, endMs }), HARD_HAT, 'helmet')!.inference_server_versions;
    // The row lists the versions that served it in the window or the previous period.
    expect(versions(FROM - 2 * HOUR, FROM)).toBe('0.15.1');
    expect(versions(FROM - HOUR, FROM + HOUR)).toBe('0.15.1,0.16.2');
    expect(versions(FROM + 2 * HOUR, FROM + 4 * HOUR)).toBe('0.16.2');
    expect(versions(sim.endMs + 10 * DAY, sim.endMs + 11 * DAY)).toBe('0.16.2');
    expect(row(sim.stats(during), PLATES, 'License_Plate')!.inference_server_versions).toBe('0.16.0');
  });

  it('no incident lasts past the scenario end: time after it runs normally', () => {
    const end = T0 + 48 * HOUR;
    const sim = createSimulation(
      scenarioWith((raw) => raw.incidents.push({ kind: 'outage', model: HARD_HAT, from: iso(end - 4 * HOUR), to: iso(end + 10 * DAY) })),
    );
    expect(sim.stats({ startMs: end - 2 * HOUR, endMs: end, modelNames: [HARD_HAT] }).num_inferences).toBe(0);
    const after = { startMs: end, endMs: end + 2 * HOUR, modelNames: [HARD_HAT] };
    expect(sim.stats(after).num_inferences).toBe(baseline.stats(after).num_inferences);
  });
});

describe('models that start and stop', () => {
  const sim = createSimulation(
    scenarioWith((raw) => Object.assign(raw.models[1]!, { from: iso(T0 + 12 * HOUR), to: iso(T0 + 36 * HOUR) })),
  );
  const plates = (startMs: number, endMs: number) => sim.stats({ startMs, endMs, modelNames: [PLATES] });

  it('has no data before "from"', () => {
    expect(plates(T0, T0 + 12 * HOUR).inference_stats).toEqual([]);
  });

  it('appears as new when it starts: current figures, null previous ones', () => {
    const first = plates(T0 + 12 * HOUR, T0 + 24 * HOUR);
    expect(row(first, PLATES, 'License_Plate')).toMatchObject({ prev_num_inferences: null, prev_model_num_inferences: null, prev_avg_confidence: null });
    expect(first.num_inferences).toBeGreaterThan(0);
    expect(first.prev_num_inferences).toBe(0);
    expect(first.prev_avg_confidence).toBeNull();
  });

  it('once stopped, still has rows with null current figures while the previous period saw it', () => {
    const response = sim.stats({ startMs: T0 + 36 * HOUR, endMs: T0 + 48 * HOUR });
    expectConsistent(response, { simulated: true });
    const stopped = row(response, PLATES, 'License_Plate');
    expect(stopped).toMatchObject({
      num_inferences: null,
      avg_confidence: null,
      avg_response_time: null,
      median_confidence: null,
      class_count: null,
      model_num_inferences: null,
      deployment_types: 'hosted',
      inference_server_versions: '0.16.0',
    });
    expect(stopped!.prev_num_inferences).toBeGreaterThan(0);
    expect(stopped!.prev_model_num_inferences).toBe(stopped!.prev_num_inferences);
    expect(response.num_inferences).toBe(modelInferences(response, HARD_HAT));
    expect(plates(T0 + 48 * HOUR, T0 + 60 * HOUR).inference_stats).toEqual([]);
  });
});

describe('the shipped incidents scenario', () => {
  const scenario = loadScenario('incidents');
  const sim = createSimulation(scenario);
  const withoutIncidents = createSimulation({ ...scenario, incidents: [] });

  it.each(scenario.incidents.map((incident) => [incident.kind, incident] as const))('%s changes the figures of its model', (_kind, incident) => {
    const fromMs = Date.parse(incident.from);
    const toMs = 'to' in incident && incident.to !== undefined ? Date.parse(incident.to) : fromMs + 2 * HOUR;
    const window = { startMs: fromMs, endMs: toMs, modelNames: [incident.model] };
    expect(sim.stats(window)).not.toEqual(withoutIncidents.stats(window));
    const before = { startMs: fromMs - 2 * HOUR, endMs: fromMs, modelNames: [incident.model] };
    expect(sim.stats(before)).toEqual(withoutIncidents.stats(before));
  });
});

describe('the daily cycle', () => {
  it('is plain in quiet: busy at the peak hour, nearly idle twelve hours later', () => {
    const quiet = loadScenario('quiet');
    const sim = createSimulation(quiet);
    const model = quiet.models[0]!;
    const byHour = new Array<number>(24).fill(0);
    const weekStart = sim.startMs + 7 * DAY;
    for (let h = 0; h < 7 * 24; h++) {
      const startMs = weekStart + h * HOUR;
      const response = sim.stats({ startMs, endMs: startMs + HOUR, modelNames: [model.name] });
      byHour[new Date(startMs).getUTCHours()]! += requests(response);
    }
    const busiest = byHour.indexOf(Math.max(...byHour));
    expect(Math.abs(busiest - model.peakHourUtc)).toBeLessThanOrEqual(1);
    const trough = byHour[(model.peakHourUtc + 12) % 24]!;
    expect(byHour[model.peakHourUtc]! / trough).toBeGreaterThan(5);
  });
});
