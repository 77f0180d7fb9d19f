// Every feature of a scenario, seen through the stats client over real loopback HTTP:
// consistent snapshots for 1 h / 24 h / 7 d windows of each bundled scenario, equal to the
// simulator's own figures; the "" row; previous-only and current-only models; server versions
// across a change; the model filter; determinism; windows that split a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from '../../electron/core/stats';
import type { StatsSnapshot } from '../../electron/core/stats';
import { createSimulation, loadScenario, validateScenario } from '../../electron/sim';
import type { Scenario } from '../../electron/sim';
import {
  DAY,
  HOUR,
  MINUTE,
  SECOND,
  at,
  expectSnapshotMatchesRaw,
  fetchWindow,
  modelOf,
  rowOf,
  rowsOf,
  scenarioSpan,
  startHarness,
  type Harness,
} from './helpers';

const BUNDLED = ['demo', 'quiet', 'incidents'] as const;
const LENGTHS = [
  ['1 h', HOUR],
  ['24 h', DAY],
  ['7 d', 7 * DAY],
] as const;

describe.each(BUNDLED)('bundled scenario %s over HTTP', (name) => {
  const scenario = loadScenario(name);
  const sim = createSimulation(scenario);
  const { startMs, endMs } = scenarioSpan(scenario);
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(scenario);
  });
  afterAll(() => harness.close());

  // Windows ending at the scenario's end (the CLI's "last 1 h / 24 h / 7 d" right after start)
  // and ending in its middle (off the hour, so the previous window is laid off the hour too).
  const middle = startMs + Math.floor((endMs - startMs) / 2 / HOUR) * HOUR + 17 * MINUTE;
  const windows = LENGTHS.flatMap(([label, length]) => [
    { label: `last ${label}`, start: endMs - length, end: endMs },
    { label: `${label} ending mid-scenario`, start: middle - length, end: middle },
  ]);

  it.each(windows)('$label: consistent, and equal to the simulator\'s own figures', async ({ start, end }) => {
    const snapshot = await fetchWindow(harness.client(), start, end);
    expect(checkConsistency(snapshot)).toEqual([]);
    expectSnapshotMatchesRaw(snapshot, sim.stats({ startMs: start, endMs: end }), start, end);

    // Every model of the scenario served in these windows, under its own deployment type.
    expect(snapshot.models.map((m) => m.model)).toEqual(scenario.models.map((m) => m.name));
    for (const model of scenario.models) {
      expect(modelOf(snapshot, model.name).deploymentTypes).toEqual([model.deployment]);
      const total = modelOf(snapshot, model.name).inferences.current;
      expect(total).toBeGreaterThan(0);
      // The simulator counts each inference once: the rows of a model add up to its total.
      expect(rowsOf(snapshot, model.name).reduce((sum, row) => sum + (row.current.inferences ?? 0), 0)).toBe(total);
    }
    for (const row of snapshot.classes) {
      const label = `${row.model}/${JSON.stringify(row.className)}`;
      // A row's current figures, detections and median are there exactly when it had inferences.
      const present = row.current.inferences !== null;
      for (const value of [row.current.avgConfidence, row.current.avgResponseTimeSeconds, row.detections, row.medianConfidence]) {
        expect(value !== null, label).toBe(present);
      }
      expect(row.current.errors, label).toBeNull();
      if (row.medianConfidence !== null) {
        expect(row.medianConfidence, label).toBeGreaterThanOrEqual(0);
        expect(row.medianConfidence, label).toBeLessThanOrEqual(1);
      }
    }
    const { current } = snapshot.totals;
    expect(current.inferences).toBe(snapshot.models.reduce((sum, m) => sum + (m.inferences.current ?? 0), 0));
    expect(current.errors).toBeGreaterThanOrEqual(0);
    expect(current.avgConfidence).toBeGreaterThan(0);
    expect(current.avgConfidence).toBeLessThan(1);
    expect(current.avgResponseTimeSeconds).toBeGreaterThan(0);
  });

  it('the whole-scenario window has nothing in its previous window (before start)', async () => {
    const snapshot = await fetchWindow(harness.client(), startMs, endMs);
    expect(checkConsistency(snapshot)).toEqual([]);
    expect(snapshot.totals.previous).toEqual({ inferences: 0, errors: 0, avgConfidence: null, avgResponseTimeSeconds: null });
    for (const model of snapshot.models) expect(model.inferences.previous).toBeNull();
    for (const row of snapshot.classes) expect(row.previous).toEqual({ inferences: null, errors: null, avgConfidence: null, avgResponseTimeSeconds: null });
  });

  it('the "" (no detection) row: present for every model with an emptyRate, confidence 0, one count per inference', async () => {
    const snapshot = await fetchWindow(harness.client(), endMs - DAY, endMs);
    const withEmpty = scenario.models.filter((m) => m.emptyRate > 0);
    expect(withEmpty.length).toBeGreaterThan(0);
    for (const model of withEmpty) {
      const empty = rowOf(snapshot, model.name, '');
      expect(empty.current.inferences).toBeGreaterThan(0);
      expect(empty.current.avgConfidence).toBe(0);
      expect(empty.medianConfidence).toBe(0);
      expect(empty.detections).toBe(empty.current.inferences);
      expect(empty.current.errors).toBeNull(); // errors are not attributed to a class
      // Rows come in scenario order: the model's classes in file order, then "".
      expect(rowsOf(snapshot, model.name).map((row) => row.className)).toEqual([...model.classes.map((c) => c.name), '']);
    }
  });
});

// --- a small inline scenario: one model stops at noon, another starts then ---------------

const SHIFT_CHANGE = at('2026-11-01T12:00:00Z');
const shifts: Scenario = validateScenario(
  {
    name: 'shifts',
    workspace: 'shifts-workspace',
    apiKey: 'shifts-key',
    start: '2026-11-01T00:00:00Z',
    hours: 24,
    seed: 99,
    models: [
      {
        name: 'day-shift-model',
        serverVersion: '0.15.0',
        requestsPerHour: 900,
        latencySeconds: 0.05,
        emptyRate: 0.1,
        errorRate: 0.02,
        to: '2026-11-01T12:00:00Z',
        classes: [
          { name: 'box', share: 0.7, confidence: 0.8 },
          { name: 'crate', share: 0.3, confidence: 0.7, detectionsPerInference: 2 },
        ],
      },
      {
        name: 'night-shift-model',
        deployment: 'self-hosted',
        serverVersion: '0.16.0',
        requestsPerHour: 300,
        latencySeconds: 0.09,
        from: '2026-11-01T12:00:00Z',
        classes: [{ name: 'pallet', share: 1, confidence: 0.85 }],
      },
    ],
  },
  'inline shifts scenario',
);

describe('models that serve in one window only (inline scenario with model from/to)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(shifts);
  });
  afterAll(() => harness.close());

  const NULL_FIGURES = { inferences: null, errors: null, avgConfidence: null, avgResponseTimeSeconds: null };

  it('the hour after a model stops: it appears with null current figures and real previous ones', async () => {
    const snapshot = await fetchWindow(harness.client(), SHIFT_CHANGE, SHIFT_CHANGE + HOUR);
    expect(checkConsistency(snapshot)).toEqual([]);
    expect(snapshot.models.map((m) => m.model)).toEqual(['day-shift-model', 'night-shift-model']);

    const stopped = modelOf(snapshot, 'day-shift-model');
    expect(stopped.inferences.current).toBeNull();
    expect(stopped.inferences.previous).toBeGreaterThan(0);
    expect(rowsOf(snapshot, 'day-shift-model').map((row) => row.className)).toEqual(['box', 'crate', '']);
    for (const row of rowsOf(snapshot, 'day-shift-model')) {
      expect(row.current).toEqual(NULL_FIGURES);
      expect(row.detections).toBeNull();
      expect(row.medianConfidence).toBeNull();
      expect(row.previous.inferences).toBeGreaterThan(0);
      expect(row.previous.avgConfidence).not.toBeNull();
      expect(row.previous.avgResponseTimeSeconds).toBeGreaterThan(0);
      expect(row.serverVersions).toEqual(['0.15.0']);
    }
    expect(rowsOf(snapshot, 'day-shift-model').reduce((sum, row) => sum + (row.previous.inferences ?? 0), 0)).toBe(stopped.inferences.previous);

    // The one that started at noon: the mirror image.
    const started = modelOf(snapshot, 'night-shift-model');
    expect(started.inferences.current).toBeGreaterThan(0);
    expect(started.inferences.previous).toBeNull();
    expect(started.deploymentTypes).toEqual(['self-hosted']);
    expect(rowOf(snapshot, 'night-shift-model', 'pallet').previous).toEqual(NULL_FIGURES);

    // Totals: the current period is the new model alone, the previous one the old model alone.
    expect(snapshot.totals.current.inferences).toBe(started.inferences.current);
    expect(snapshot.totals.previous.inferences).toBe(stopped.inferences.previous);
    expect(snapshot.totals.previous.errors).toBeGreaterThan(0);
    expect(snapshot.totals.current.errors).toBe(0); // night-shift-model has no errorRate
  });

  it('a window straddling the stop has both periods; a window well after it has no row for the model', async () => {
    const straddling = await fetchWindow(harness.client(), SHIFT_CHANGE - 30 * MINUTE, SHIFT_CHANGE + 30 * MINUTE);
    expect(checkConsistency(straddling)).toEqual([]);
    expect(modelOf(straddling, 'day-shift-model').inferences.current).toBeGreaterThan(0);
    expect(modelOf(straddling, 'day-shift-model').inferences.previous).toBeGreaterThan(0);

    const later = await fetchWindow(harness.client(), SHIFT_CHANGE + 2 * HOUR, SHIFT_CHANGE + 3 * HOUR);
    expect(checkConsistency(later)).toEqual([]);
    expect(later.models.map((m) => m.model)).toEqual(['night-shift-model']);

    const before = await fetchWindow(harness.client(), SHIFT_CHANGE - 2 * HOUR, SHIFT_CHANGE - HOUR);
    expect(before.models.map((m) => m.model)).toEqual(['day-shift-model']);
  });
});

// --- incidents.json: server versions, the model filter, determinism, minute splits ---------

describe('incidents.json through the client', () => {
  const scenario = loadScenario('incidents');
  const sim = createSimulation(scenario);
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(scenario);
  });
  afterAll(() => harness.close());

  const FORKLIFT = 'forklift-detection-mz7qa';
  const CHANGE = at('2026-11-15T10:00:00Z'); // server_version 0.15.3 -> 0.16.1

  it('server_version incident: comma-joined versions arrive as arrays holding both versions, in service order', async () => {
    const across = await fetchWindow(harness.client(), CHANGE - HOUR, CHANGE + HOUR);
    expect(checkConsistency(across)).toEqual([]);
    expect(modelOf(across, FORKLIFT).serverVersions).toEqual(['0.15.3', '0.16.1']);
    for (const row of rowsOf(across, FORKLIFT)) expect(row.serverVersions).toEqual(['0.15.3', '0.16.1']);
    // The simulator really sent one comma-joined string.
    const raw = sim.stats({ startMs: CHANGE - HOUR, endMs: CHANGE + HOUR });
    expect(raw.inference_stats.find((row) => row.model_name === FORKLIFT)?.inference_server_versions).toBe('0.15.3,0.16.1');

    // Previous window before the change, current window after it: both listed as well.
    const afterChange = await fetchWindow(harness.client(), CHANGE, CHANGE + HOUR);
    expect(modelOf(afterChange, FORKLIFT).serverVersions).toEqual(['0.15.3', '0.16.1']);

    // Entirely before or entirely after: one version. Other models keep theirs.
    const before = await fetchWindow(harness.client(), CHANGE - 3 * HOUR, CHANGE - HOUR);
    expect(modelOf(before, FORKLIFT).serverVersions).toEqual(['0.15.3']);
    const after = await fetchWindow(harness.client(), CHANGE + 2 * HOUR, CHANGE + 4 * HOUR);
    expect(modelOf(after, FORKLIFT).serverVersions).toEqual(['0.16.1']);
    expect(modelOf(after, 'license-plate-recognition-rxg4e').serverVersions).toEqual(['0.16.0']);
  });

  it('models filter: only those models, and the totals are theirs', async () => {
    const start = at('2026-11-12T00:00:00Z');
    const end = start + DAY;
    const all = await fetchWindow(harness.client(), start, end);
    const one = await fetchWindow(harness.client(), start, end, [FORKLIFT]);
    expect(checkConsistency(one)).toEqual([]);
    expect(one.models.map((m) => m.model)).toEqual([FORKLIFT]);
    expect(new Set(one.classes.map((row) => row.model))).toEqual(new Set([FORKLIFT]));
    expect(one.totals.current.inferences).toBe(modelOf(all, FORKLIFT).inferences.current);
    expect(one.totals.previous.inferences).toBe(modelOf(all, FORKLIFT).inferences.previous);
    // The model's rows are the same rows as in the unfiltered answer.
    expect(one.classes).toEqual(rowsOf(all, FORKLIFT));
    expectSnapshotMatchesRaw(one, sim.stats({ startMs: start, endMs: end, modelNames: [FORKLIFT] }), start, end);
    // Errors are only known at the top level: the filtered errors are the model's, a part of all.
    expect(one.totals.current.errors).toBeGreaterThan(0);
    expect(one.totals.current.errors).toBeLessThan(all.totals.current.errors ?? 0);

    const two = await fetchWindow(harness.client(), start, end, ['hard-hat-sample-8j2w3', FORKLIFT]);
    expect(checkConsistency(two)).toEqual([]);
    // Rows keep scenario order whatever the order of the filter.
    expect(two.models.map((m) => m.model)).toEqual([FORKLIFT, 'hard-hat-sample-8j2w3']);
    expect(two.totals.current.inferences).toBe((modelOf(all, FORKLIFT).inferences.current ?? 0) + (modelOf(all, 'hard-hat-sample-8j2w3').inferences.current ?? 0));
  });

  it('an unknown model: empty models and rows, counts 0, averages null, no error', async () => {
    const start = at('2026-11-12T00:00:00Z');
    const snapshot = await fetchWindow(harness.client(), start, start + DAY, ['no-such-model-zz9']);
    expect(snapshot.models).toEqual([]);
    expect(snapshot.classes).toEqual([]);
    const nothing = { inferences: 0, errors: 0, avgConfidence: null, avgResponseTimeSeconds: null };
    expect(snapshot.totals).toEqual({ current: nothing, previous: nothing });
    expect(checkConsistency(snapshot)).toEqual([]);
  });

  it('determinism: the same window twice gives the same snapshot', async () => {
    const start = at('2026-11-13T05:00:00Z');
    const first = await fetchWindow(harness.client(), start, start + 6 * HOUR);
    const second = await fetchWindow(harness.client(), start, start + 6 * HOUR);
    expect(second).toEqual(first);
    // A fresh client and a fresh simulator for the same scenario say the same.
    const other = await startHarness(scenario);
    try {
      expect(await fetchWindow(other.client(), start, start + 6 * HOUR)).toEqual(first);
    } finally {
      await other.close();
    }
  });

  const PREVIOUS_CASES = [
    { label: '1 h on the hour', start: at('2026-11-10T12:00:00Z'), length: HOUR },
    { label: '24 h across the confidence drop', start: at('2026-11-10T11:00:00Z'), length: DAY },
    { label: '7 d, the window before half in the scenario', start: at('2026-11-10T00:00:00Z'), length: 7 * DAY },
    { label: '50 min 30 s starting mid-minute', start: at('2026-11-14T09:12:45Z'), length: 50 * MINUTE + 30 * SECOND },
  ];

  it.each(PREVIOUS_CASES)('the previous figures of a window equal the current figures of the window before it ($label)', async ({ start, length }) => {
    const client = harness.client();
    const window = await fetchWindow(client, start, start + length);
    const before = await fetchWindow(client, start - length, start);
    expect(window.previousWindow).toEqual(before.window);
    expect(window.totals.previous).toEqual(before.totals.current);
    for (const model of before.models) {
      if (model.inferences.current === null) continue;
      expect(modelOf(window, model.model).inferences.previous, model.model).toBe(model.inferences.current);
    }
    for (const row of window.models) {
      if (row.inferences.previous === null) continue;
      expect(modelOf(before, row.model).inferences.current, row.model).toBe(row.inferences.previous);
    }
    // Row by row, both ways: every row with previous figures in `window` has them as current in `before`.
    const rowsWithPrevious = window.classes.filter((row) => row.previous.inferences !== null);
    const rowsWithCurrent = before.classes.filter((row) => row.current.inferences !== null);
    expect(rowsWithPrevious.map((row) => [row.model, row.className])).toEqual(rowsWithCurrent.map((row) => [row.model, row.className]));
    for (const row of rowsWithPrevious) expect(row.previous, `${row.model}/${row.className}`).toEqual(rowOf(before, row.model, row.className).current);
  });

  describe('windows that split a minute (a window holds the minutes that start in it)', () => {
    const client = () => harness.client();
    const T = at('2026-11-10T08:00:00Z');

    function sums(snapshot: StatsSnapshot) {
      const detections = snapshot.classes.reduce((sum, row) => sum + (row.detections ?? 0), 0);
      return { inferences: snapshot.totals.current.inferences ?? 0, errors: snapshot.totals.current.errors ?? 0, detections };
    }

    it('two parts split mid-minute add up to the whole: counts, per-model and per-row figures, weighted means', async () => {
      const split = T + 37 * MINUTE + 25 * SECOND;
      const end = T + 2 * HOUR;
      const [whole, first, second] = await Promise.all([fetchWindow(client(), T, end), fetchWindow(client(), T, split), fetchWindow(client(), split, end)]);
      for (const part of [whole, first, second]) expect(checkConsistency(part)).toEqual([]);

      const [w, a, b] = [sums(whole), sums(first), sums(second)];
      expect(a.inferences + b.inferences).toBe(w.inferences);
      expect(a.errors + b.errors).toBe(w.errors);
      expect(a.detections + b.detections).toBe(w.detections);
      expect(a.inferences).toBeGreaterThan(0);
      expect(b.inferences).toBeGreaterThan(0);

      for (const model of whole.models) {
        const parts = [first, second].map((part) => part.models.find((m) => m.model === model.model)?.inferences.current ?? 0);
        expect(parts[0]! + parts[1]!, model.model).toBe(model.inferences.current);
      }
      for (const row of whole.classes) {
        const label = `${row.model}/${JSON.stringify(row.className)}`;
        const parts = [first, second].map((part) => part.classes.find((r) => r.model === row.model && r.className === row.className)?.current);
        const inferences = parts.map((f) => f?.inferences ?? 0);
        expect(inferences[0]! + inferences[1]!, label).toBe(row.current.inferences);
        // A row's mean response time is per inference: the parts' means weighted by inferences.
        const latency = parts.reduce((sum, f) => sum + (f?.avgResponseTimeSeconds ?? 0) * (f?.inferences ?? 0), 0) / (row.current.inferences ?? 1);
        expect(latency, label).toBeCloseTo(row.current.avgResponseTimeSeconds ?? NaN, 12);
      }
      // The workspace's mean confidence is per detection: the parts' means weighted by detections.
      const confidence = ((first.totals.current.avgConfidence ?? 0) * a.detections + (second.totals.current.avgConfidence ?? 0) * b.detections) / w.detections;
      expect(confidence).toBeCloseTo(whole.totals.current.avgConfidence ?? NaN, 12);
    });

    it('a window with both ends mid-minute holds the same minutes as the whole-minute window they round up to', async () => {
      const ragged = await fetchWindow(client(), T + 10 * SECOND, T + HOUR + 50 * SECOND);
      const aligned = await fetchWindow(client(), T + MINUTE, T + HOUR + MINUTE);
      expect(ragged.totals.current).toEqual(aligned.totals.current);
      expect(ragged.classes.map((row) => [row.model, row.className, row.current, row.detections])).toEqual(
        aligned.classes.map((row) => [row.model, row.className, row.current, row.detections]),
      );
    });

    it('three parts of odd lengths add up, and a 40 s window holding no minute start is empty', async () => {
      const cuts = [T, T + 59 * SECOND, T + 61 * SECOND, T + 20 * MINUTE + 1 * SECOND, T + HOUR];
      const parts = await Promise.all(cuts.slice(1).map((end, i) => fetchWindow(client(), cuts[i]!, end)));
      const whole = await fetchWindow(client(), T, T + HOUR);
      const total = parts.reduce((sum, part) => sum + (part.totals.current.inferences ?? 0), 0);
      expect(total).toBe(whole.totals.current.inferences);
      expect(parts.reduce((sum, part) => sum + (part.totals.current.errors ?? 0), 0)).toBe(whole.totals.current.errors);

      const empty = await fetchWindow(client(), T + 10 * SECOND, T + 50 * SECOND);
      expect(empty.totals.current).toEqual({ inferences: 0, errors: 0, avgConfidence: null, avgResponseTimeSeconds: null });
      expect(checkConsistency(empty)).toEqual([]);
    });
  });

  it('minutes not yet ended by the simulator\'s now have no data, and the client shows exactly what was sent', async () => {
    const now = at('2026-11-12T10:30:30Z');
    harness.clock.nowMs = now;
    try {
      const start = at('2026-11-12T09:00:00Z');
      const end = at('2026-11-12T12:00:00Z'); // beyond "now"
      const snapshot = await fetchWindow(harness.client(), start, end);
      expect(checkConsistency(snapshot)).toEqual([]);
      expectSnapshotMatchesRaw(snapshot, sim.stats({ startMs: start, endMs: end, asOfMs: now }), start, end);
      // Up to now, it is the window that ends at the last whole minute (10:30).
      const upToNow = sim.stats({ startMs: start, endMs: at('2026-11-12T10:30:00Z') });
      expect(snapshot.totals.current.inferences).toBe(upToNow.num_inferences);
      expect(snapshot.totals.current.inferences).toBeLessThan(sim.stats({ startMs: start, endMs: end }).num_inferences);
    } finally {
      harness.clock.nowMs = scenarioSpan(scenario).endMs + 7 * DAY;
    }
  });
});
