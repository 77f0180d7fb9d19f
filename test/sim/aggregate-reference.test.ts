/**
 * The simulator's aggregation (cached hour totals, sorted runs over spans of hours, a median
 * found by selection) against the plainest one there is: every minute of the window in time
 * order, one float sum each, every minute's sample sorted for the median. Whole responses
 * must be deeply equal, so every number bit for bit (toEqual compares numbers with Object.is).
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelTotals, SlotTotals } from '../../electron/sim/aggregate';
import { createSimulation, type StatsQuery } from '../../electron/sim/generate';
import { CONFIDENCE_SUM, DETECTIONS, INFERENCES, LATENCY_SUM, figureIndex, generateHour, slotCount, type HourBlock } from '../../electron/sim/minutes';
import { buildResponse, type InferenceStatsResponse } from '../../electron/sim/response';
import { ScenarioError, bundledScenarioNames, loadScenario } from '../../electron/sim/scenario';
import type { Scenario } from '../../electron/sim/scenario-schema';
import { planModels, type ModelPlan } from '../../electron/sim/timeline';
import { referenceWeightedMedian } from './reference-median';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every scenario of the repository that loads: the bundled ones and the valid test fixtures (some are invalid on purpose). */
const FIXTURES = 'test/fixtures/scenarios';
const SCENARIOS = [
  ...bundledScenarioNames(),
  ...readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => `${FIXTURES}/${file}`)
    .filter((path) => {
      try {
        loadScenario(path);
        return true;
      } catch (error) {
        if (error instanceof ScenarioError) return false;
        throw error;
      }
    }),
];

it('covers the bundled scenarios and the spec example at least', () => {
  expect(SCENARIOS).toEqual(expect.arrayContaining(['demo', 'incidents', 'quiet', `${FIXTURES}/spec-example.json`]));
});

/** The straightforward simulation: no cache but a memo of generated hours, no clamping, no shortcuts. */
function referenceSimulation(scenario: Scenario) {
  const plans = planModels(scenario);
  const hours = new Map<string, HourBlock>();
  const hourOf = (plan: ModelPlan, hour: number) => {
    const key = `${plan.index}:${hour}`;
    let block = hours.get(key);
    if (block === undefined) {
      block = generateHour(plan, hour);
      hours.set(key, block);
    }
    return block;
  };

  function model(plan: ModelPlan, first: number, end: number, withMedian: boolean): ModelTotals {
    const slots = Array.from({ length: slotCount(plan) }, () => ({
      inferences: 0,
      detections: 0,
      confidenceSum: 0,
      latencySum: 0,
      versions: new Set<number>(),
      samples: [] as { value: number; weight: number }[],
    }));
    let errors = 0;
    for (let minute = first; minute < end; minute++) {
      const hour = Math.floor(minute / 60);
      const block = hourOf(plan, hour);
      const i = minute - hour * 60;
      errors += block.errors[i] ?? 0;
      slots.forEach((sum, slot) => {
        const field = (f: number) => block.figures[figureIndex(block, i, slot, f)] ?? 0;
        if (field(INFERENCES) === 0) return;
        sum.inferences += field(INFERENCES);
        sum.detections += field(DETECTIONS);
        sum.confidenceSum += field(CONFIDENCE_SUM);
        sum.latencySum += field(LATENCY_SUM);
        sum.versions.add(block.version[i] ?? -1);
        sum.samples.push({ value: field(CONFIDENCE_SUM) / field(DETECTIONS), weight: field(DETECTIONS) });
      });
    }
    const totals = slots.map(({ samples, ...sum }): SlotTotals => ({ ...sum, medianConfidence: withMedian ? referenceWeightedMedian(samples) : null }));
    return { errors, inferences: totals.reduce((total, slot) => total + slot.inferences, 0), slots: totals };
  }

  return {
    stats(query: StatsQuery): InferenceStatsResponse {
      const length = query.endMs - query.startMs;
      const minutes = (startMs: number, endMs: number) => {
        const end = Math.ceil(endMs / MINUTE);
        return [Math.ceil(startMs / MINUTE), query.asOfMs === undefined ? end : Math.min(end, Math.floor(query.asOfMs / MINUTE))] as const;
      };
      const [first, end] = minutes(query.startMs, query.endMs);
      const [prevFirst, prevEnd] = minutes(query.startMs - length, query.startMs);
      const names = query.modelNames ?? [];
      const chosen = names.length === 0 ? plans : plans.filter((plan) => names.includes(plan.name));
      return buildResponse(chosen.map((plan) => ({ plan, current: model(plan, first, end, true), previous: model(plan, prevFirst, prevEnd, false) })));
    },
  };
}


/** Windows of every length up to eight days, starting anywhere (aligned to days or hours or not at all). */
function queries(scenario: Scenario) {
  const start = Date.parse(scenario.start);
  const names = scenario.models.map((model) => model.name);
  const anyTime = fc.integer({ min: -3 * DAY, max: scenario.hours * HOUR + 3 * DAY }).map((offset) => start + offset);
  const startMs = fc.oneof(
    anyTime,
    anyTime.map((ms) => Math.floor(ms / HOUR) * HOUR),
    anyTime.map((ms) => Math.floor(ms / DAY) * DAY),
  );
  const length = fc.oneof(
    fc.integer({ min: 1, max: 3 * HOUR }),
    fc.integer({ min: 1, max: 48 }).map((hours) => hours * HOUR),
    fc.integer({ min: HOUR, max: 8 * DAY }),
  );
  return fc
    .record({
      startMs,
      length,
      asOf: fc.option(fc.double({ min: 0, max: 1.2, noNaN: true }), { nil: undefined }),
      modelNames: fc.option(fc.subarray([...names, 'no-such-model']), { nil: undefined }),
    })
    .map(({ startMs: from, length: ms, asOf, modelNames }): StatsQuery => ({
      startMs: from,
      endMs: from + ms,
      asOfMs: asOf === undefined ? undefined : Math.round(from + asOf * ms),
      modelNames,
    }));
}

describe.each(SCENARIOS)('the aggregation of %s', (name) => {
  const scenario = loadScenario(name);
  const reference = referenceSimulation(scenario);

  it('gives the reference response for random windows', () => {
    const sim = createSimulation(scenario);
    fc.assert(
      fc.property(queries(scenario), (query) => {
        expect(sim.stats(query)).toEqual(reference.stats(query));
      }),
      { numRuns: 60 },
    );
  });

  it('gives the reference responses for polls sliding by five minutes, whether the cache holds the windows or keeps evicting', () => {
    // As a replay asks: one simulation for every poll. The small cache (two days per model)
    // cannot hold a day and the day before it, so hours and their spans get evicted and
    // rebuilt along the way (longer windows are asked of it once: it would regenerate them whole).
    const roomy = createSimulation(scenario);
    const cramped = createSimulation(scenario, { cacheBlocks: scenario.models.length * 48 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: scenario.hours * 60 }),
        fc.constantFrom(30 * MINUTE, DAY, 3 * DAY, 7 * DAY),
        (startMinute, length) => {
          const first = Date.parse(scenario.start) + startMinute * MINUTE + 1_000;
          for (let poll = 0; poll < 7; poll++) {
            const nowMs = first + poll * 5 * MINUTE;
            const query = { startMs: nowMs - length, endMs: nowMs, asOfMs: nowMs };
            const expected = reference.stats(query);
            expect(roomy.stats(query)).toEqual(expected);
            if (length <= DAY || poll === 0) expect(cramped.stats(query)).toEqual(expected);
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});
