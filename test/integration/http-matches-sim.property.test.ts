// Property: over random windows of the demo scenario (start within the scenario, to the
// second; length 1 min to 3 days; optionally a subset of the models), the client always gets a
// consistent snapshot over HTTP, and it holds exactly the figures the simulator computes for
// that window without HTTP: the HTTP path loses nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConsistency } from '../../electron/core/stats';
import { createSimulation, loadScenario } from '../../electron/sim';
import { DAY, MINUTE, SECOND, expectSnapshotMatchesRaw, fetchWindow, scenarioSpan, startHarness, type Harness } from './helpers';

const scenario = loadScenario('demo');
const sim = createSimulation(scenario);
const { startMs, endMs } = scenarioSpan(scenario);
const MODEL_NAMES = scenario.models.map((m) => m.name);

let harness: Harness;
beforeAll(async () => {
  // The simulator's "now" lies beyond every window drawn below, so no minute is left out.
  harness = await startHarness(scenario, endMs + 7 * DAY);
});
afterAll(() => harness.close());

const windowArbitrary = fc.record({
  // Whole seconds: the API's resolution (the client drops milliseconds).
  startSecond: fc.integer({ min: 0, max: (endMs - startMs) / SECOND - 1 }),
  lengthSeconds: fc.integer({ min: MINUTE / SECOND, max: (3 * DAY) / SECOND }),
  models: fc.option(fc.subarray(MODEL_NAMES, { minLength: 1 }), { nil: undefined }),
});

describe('demo over HTTP equals the simulator without HTTP', () => {
  it('random windows: consistent snapshots carrying exactly the simulator\'s figures', async () => {
    const client = harness.client();
    await fc.assert(
      fc.asyncProperty(windowArbitrary, async ({ startSecond, lengthSeconds, models }) => {
        const start = startMs + startSecond * SECOND;
        const end = start + lengthSeconds * SECOND;
        const snapshot = await fetchWindow(client, start, end, models);
        expect(checkConsistency(snapshot)).toEqual([]);
        const raw = sim.stats({ startMs: start, endMs: end, modelNames: models });
        expectSnapshotMatchesRaw(snapshot, raw, start, end);
        // Only the models asked for, in scenario order.
        const asked = models === undefined ? MODEL_NAMES : MODEL_NAMES.filter((name) => models.includes(name));
        for (const model of snapshot.models) expect(asked).toContain(model.model);
        expect(snapshot.totals.current.inferences).toBe(raw.num_inferences);
        expect(snapshot.totals.current.errors).toBe(raw.num_errors);
      }),
      { numRuns: 40 },
    );
  });
});
