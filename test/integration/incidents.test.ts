// Every incident kind of scenarios/incidents.json, seen through the stats client over HTTP:
// the window covering the incident against the previous window of equal length (what the API's
// prev_* figures are for), moving the right way by about the scenario's amount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from '../../electron/core/stats';
import type { StatsSnapshot } from '../../electron/core/stats';
import { loadScenario } from '../../electron/sim';
import type { Incident, IncidentKind } from '../../electron/sim';
import { DAY, HOUR, at, classShare, errorRate, fetchWindow, modelLatency, modelOf, rowOf, rowsOf, startHarness, type Harness } from './helpers';

const scenario = loadScenario('incidents');
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness(scenario);
});
afterAll(() => harness.close());

/** The scenario's one incident of `kind` (the file is the ground truth; the tests read it). */
function incident<K extends IncidentKind>(kind: K): Extract<Incident, { kind: K }> {
  const found = scenario.incidents.filter((i): i is Extract<Incident, { kind: K }> => i.kind === kind);
  expect(found, `incidents.json has one ${kind}`).toHaveLength(1);
  return found[0]!;
}

/** The incident's own span as the window; the previous window is the same length just before. */
async function incidentWindow(i: Incident, models?: readonly string[]): Promise<StatsSnapshot> {
  const start = Date.parse(i.from);
  const end = i.kind === 'server_version' ? start + HOUR : Date.parse(i.to);
  const snapshot = await fetchWindow(harness.client(), start, end, models);
  expect(checkConsistency(snapshot)).toEqual([]);
  expect(snapshot.previousWindow).toEqual({ start: new Date(start - (end - start)), end: new Date(start) });
  return snapshot;
}

describe('incidents.json: every incident kind, current window vs previous', () => {
  it('covers every incident kind of the scenario format', () => {
    const kinds: IncidentKind[] = ['confidence_drop', 'latency_rise', 'error_rise', 'traffic_drop', 'outage', 'class_shift', 'server_version'];
    expect(new Set(scenario.incidents.map((i) => i.kind))).toEqual(new Set(kinds));
  });

  it('confidence_drop: the class\'s mean confidence is lower by about delta', async () => {
    const drop = incident('confidence_drop');
    expect(drop).toMatchObject({ model: 'license-plate-recognition-rxg4e', class: 'License_Plate', delta: -0.25 });
    const snapshot = await incidentWindow(drop);
    const row = rowOf(snapshot, drop.model, drop.class ?? '');
    const now = row.current.avgConfidence ?? NaN;
    const before = row.previous.avgConfidence ?? NaN;
    expect(before).toBeCloseTo(0.87, 1);
    expect(now - before).toBeGreaterThan(drop.delta - 0.02);
    expect(now - before).toBeLessThan(drop.delta + 0.02);
    expect(row.medianConfidence).toBeLessThan(before - 0.2);
    // The workspace average falls too; other models' classes do not move much.
    expect(snapshot.totals.current.avgConfidence ?? NaN).toBeLessThan(snapshot.totals.previous.avgConfidence ?? NaN);
    const helmet = rowOf(snapshot, 'hard-hat-sample-8j2w3', 'helmet');
    expect(Math.abs((helmet.current.avgConfidence ?? NaN) - (helmet.previous.avgConfidence ?? NaN))).toBeLessThan(0.03);
  });

  it('latency_rise: the model\'s response time is up by about the factor', async () => {
    const rise = incident('latency_rise');
    expect(rise).toMatchObject({ model: 'hard-hat-sample-8j2w3', factor: 4 });
    const snapshot = await incidentWindow(rise);
    const ratio = modelLatency(snapshot, rise.model, 'current') / modelLatency(snapshot, rise.model, 'previous');
    expect(ratio).toBeGreaterThan(rise.factor * 0.85);
    expect(ratio).toBeLessThan(rise.factor * 1.15);
    for (const row of rowsOf(snapshot, rise.model)) {
      if (row.current.avgResponseTimeSeconds === null || row.previous.avgResponseTimeSeconds === null) continue;
      expect(row.current.avgResponseTimeSeconds, row.className).toBeGreaterThan(row.previous.avgResponseTimeSeconds * 2);
    }
    // Another model in the same window keeps its latency.
    const other = modelLatency(snapshot, 'license-plate-recognition-rxg4e', 'current') / modelLatency(snapshot, 'license-plate-recognition-rxg4e', 'previous');
    expect(other).toBeGreaterThan(0.9);
    expect(other).toBeLessThan(1.1);
  });

  it('error_rise: the model\'s error rate goes up to about the incident\'s rate', async () => {
    const rise = incident('error_rise');
    expect(rise).toMatchObject({ model: 'forklift-detection-mz7qa', errorRate: 0.35 });
    // Errors are only given at the top level, so ask for this model alone.
    const snapshot = await incidentWindow(rise, [rise.model]);
    expect(snapshot.models.map((m) => m.model)).toEqual([rise.model]);
    const now = errorRate(snapshot.totals.current);
    const before = errorRate(snapshot.totals.previous);
    expect(now).toBeGreaterThan(rise.errorRate - 0.05);
    expect(now).toBeLessThan(rise.errorRate + 0.05);
    expect(before).toBeLessThan(0.03); // the model's normal 1 %
    expect(snapshot.totals.current.errors ?? 0).toBeGreaterThan((snapshot.totals.previous.errors ?? 0) * 5);
  });

  it('traffic_drop: the model\'s inferences go down, by about the factor against the same hours a day earlier', async () => {
    const drop = incident('traffic_drop');
    expect(drop).toMatchObject({ model: 'license-plate-recognition-rxg4e', factor: 0.15 });
    const snapshot = await incidentWindow(drop);
    const model = modelOf(snapshot, drop.model);
    expect(model.inferences.current ?? NaN).toBeLessThan((model.inferences.previous ?? NaN) * 0.5);
    // The previous window is at another time of day (diurnal traffic): the same hours the
    // day before show the factor itself.
    const dayBefore = await fetchWindow(harness.client(), Date.parse(drop.from) - DAY, Date.parse(drop.to) - DAY, [drop.model]);
    const ratio = (model.inferences.current ?? NaN) / (dayBefore.totals.current.inferences ?? NaN);
    expect(ratio).toBeGreaterThan(drop.factor * 0.8);
    expect(ratio).toBeLessThan(drop.factor * 1.2);
  });

  it('outage: the model is listed with null current figures (0 towards the totals) and its previous traffic', async () => {
    const outage = incident('outage');
    expect(outage.model).toBe('pcb-defect-detection-qx7v1');
    const snapshot = await incidentWindow(outage);
    const model = modelOf(snapshot, outage.model);
    expect(model.inferences.current).toBeNull();
    expect(model.inferences.previous).toBeGreaterThan(0);
    for (const row of rowsOf(snapshot, outage.model)) {
      expect(row.current.inferences, row.className).toBeNull();
      expect(row.current.avgConfidence, row.className).toBeNull();
      expect(row.detections, row.className).toBeNull();
    }
    const others = snapshot.models.filter((m) => m.model !== outage.model).reduce((sum, m) => sum + (m.inferences.current ?? 0), 0);
    expect(snapshot.totals.current.inferences).toBe(others);
    // Alone, the model shows no traffic and no errors at all: an outage is not an error storm.
    const alone = await incidentWindow(outage, [outage.model]);
    expect(alone.totals.current).toEqual({ inferences: 0, errors: 0, avgConfidence: null, avgResponseTimeSeconds: null });
    expect(alone.totals.previous.inferences).toBeGreaterThan(0);
  });

  it('class_shift: the class shares move to the incident\'s shares', async () => {
    const shift = incident('class_shift');
    expect(shift).toMatchObject({ model: 'hard-hat-sample-8j2w3', shares: { helmet: 0.15, head: 0.7, person: 0.15 } });
    const snapshot = await incidentWindow(shift);
    const base = Object.fromEntries(scenario.models.find((m) => m.name === shift.model)!.classes.map((c) => [c.name, c.share]));
    for (const [className, share] of Object.entries(shift.shares)) {
      const now = classShare(snapshot, shift.model, className, 'current');
      const before = classShare(snapshot, shift.model, className, 'previous');
      expect(Math.abs(now - share), `${className} now`).toBeLessThan(0.07);
      expect(Math.abs(before - (base[className] ?? NaN)), `${className} before`).toBeLessThan(0.07);
    }
    expect(classShare(snapshot, shift.model, 'head', 'current')).toBeGreaterThan(classShare(snapshot, shift.model, 'head', 'previous') + 0.25);
    expect(classShare(snapshot, shift.model, 'helmet', 'current')).toBeLessThan(classShare(snapshot, shift.model, 'helmet', 'previous') - 0.25);
  });

  it('server_version: the new version is listed once it serves, and only the old one before', async () => {
    const change = incident('server_version');
    expect(change).toMatchObject({ model: 'forklift-detection-mz7qa', version: '0.16.1' });
    const snapshot = await incidentWindow(change); // [from, from + 1 h) against the hour before
    expect(modelOf(snapshot, change.model).serverVersions).toEqual(['0.15.3', change.version]);
    const before = await fetchWindow(harness.client(), Date.parse(change.from) - 2 * HOUR, Date.parse(change.from) - HOUR);
    expect(modelOf(before, change.model).serverVersions).toEqual(['0.15.3']);
    const long = await fetchWindow(harness.client(), Date.parse(change.from) + DAY, Date.parse(change.from) + DAY + HOUR);
    expect(modelOf(long, change.model).serverVersions).toEqual([change.version]);
  });

  it('outside the incidents, the same windows a day earlier move little', async () => {
    // The control: the confidence drop's hours a day earlier show no drop.
    const drop = incident('confidence_drop');
    const start = at(drop.from) - DAY;
    const snapshot = await fetchWindow(harness.client(), start, at(drop.to) - DAY);
    const row = rowOf(snapshot, drop.model, drop.class ?? '');
    expect(Math.abs((row.current.avgConfidence ?? NaN) - (row.previous.avgConfidence ?? NaN))).toBeLessThan(0.02);
  });
});
