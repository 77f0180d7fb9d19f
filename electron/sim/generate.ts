/**
 * The simulation of one scenario: answers inference-stats queries for any window, in
 * scenario time, deterministically.
 */
import { MINUTE_MS } from '../core/time';
import { DEFAULT_HOURS_PER_MODEL, HourCache, aggregateModel, type MinuteRange } from './aggregate';
import { buildResponse, type InferenceStatsResponse } from './response';
import type { Scenario } from './scenario-schema';
import { firstMinuteAt, planModels, scenarioEndMs, scenarioStartMs, type ModelPlan } from './timeline';

export interface StatsQuery {
  /** Window start, scenario time in ms (included). */
  startMs: number;
  /** Window end, scenario time in ms (excluded). */
  endMs: number;
  /** Only these models; undefined or empty = all. Unknown names match nothing. */
  modelNames?: readonly string[] | undefined;
  /**
   * "Now" in scenario time: minutes that have not ended by then have no data yet.
   * Omit to treat every minute as past (replays and tests).
   */
  asOfMs?: number | undefined;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly endMs: number;
  /** The response for [startMs, endMs) with prev_* from the equal-length window before it. */
  stats(query: StatsQuery): InferenceStatsResponse;
}

export function createSimulation(scenario: Scenario, options: { cacheBlocks?: number } = {}): Simulation {
  const plans = planModels(scenario);
  // Hours are cached per model: the same weeks of hours for any number of models. A cache
  // smaller than a window and its previous period would regenerate them on every poll.
  const cache = new HourCache(options.cacheBlocks ?? Math.max(1, plans.length) * DEFAULT_HOURS_PER_MODEL);
  return {
    scenario,
    startMs: scenarioStartMs(scenario),
    endMs: scenarioEndMs(scenario),
    stats(query) {
      if (!(query.endMs > query.startMs)) throw new RangeError('stats: endMs must be after startMs');
      const length = query.endMs - query.startMs;
      const current = minuteRange(query.startMs, query.endMs, query.asOfMs);
      const previous = minuteRange(query.startMs - length, query.startMs, query.asOfMs);
      return buildResponse(
        selectModels(plans, query.modelNames).map((plan) => ({
          plan,
          current: aggregateModel(cache, plan, current, true),
          previous: aggregateModel(cache, plan, previous, false),
        })),
      );
    },
  };
}

/** Minutes that start in [startMs, endMs) and, given a "now", have ended by then. */
export function minuteRange(startMs: number, endMs: number, asOfMs?: number): MinuteRange {
  const end = firstMinuteAt(endMs);
  return {
    first: firstMinuteAt(startMs),
    end: asOfMs === undefined ? end : Math.min(end, Math.floor(asOfMs / MINUTE_MS)),
  };
}

function selectModels(plans: readonly ModelPlan[], names: readonly string[] | undefined): readonly ModelPlan[] {
  if (names === undefined || names.length === 0) return plans;
  const wanted = new Set(names);
  return plans.filter((plan) => wanted.has(plan.name));
}
