// From validated wire rows to the domain snapshot: renames, groups rows by model, and keeps
// every null as null.
import { assertValidWindow, previousWindowOf } from './time-window';
import type { ClassStats, Figures, ModelStats, StatsFigures, StatsSnapshot, TimeWindow } from './types';
import type { WireStats, WireStatsRow } from './wire-schema';

type WireFigures = Pick<
  WireStatsRow,
  | 'num_inferences'
  | 'prev_num_inferences'
  | 'num_errors'
  | 'prev_num_errors'
  | 'avg_confidence'
  | 'prev_avg_confidence'
  | 'avg_response_time'
  | 'prev_avg_response_time'
>;

export function toStatsSnapshot(wire: WireStats, window: TimeWindow): StatsSnapshot {
  assertValidWindow(window);
  return { window, previousWindow: previousWindowOf(window), ...toStatsFigures(wire) };
}

export function toStatsFigures(wire: WireStats): StatsFigures {
  return {
    totals: { current: currentFigures(wire), previous: previousFigures(wire) },
    models: modelsOf(wire.inference_stats),
    classes: wire.inference_stats.map(toClassStats),
  };
}

const currentFigures = (w: WireFigures): Figures => ({
  inferences: w.num_inferences,
  errors: w.num_errors,
  avgConfidence: w.avg_confidence,
  avgResponseTimeSeconds: w.avg_response_time,
});

const previousFigures = (w: WireFigures): Figures => ({
  inferences: w.prev_num_inferences,
  errors: w.prev_num_errors,
  avgConfidence: w.prev_avg_confidence,
  avgResponseTimeSeconds: w.prev_avg_response_time,
});

function toClassStats(row: WireStatsRow): ClassStats {
  return {
    model: row.model_name,
    className: row.predicted_class,
    current: currentFigures(row),
    previous: previousFigures(row),
    medianConfidence: row.median_confidence,
    detections: row.class_count,
    deploymentTypes: row.deployment_types,
    serverVersions: row.inference_server_versions,
  };
}

interface ModelAccumulator {
  current: number | null;
  previous: number | null;
  deploymentTypes: Set<string>;
  serverVersions: Set<string>;
}

/**
 * One entry per model. Every row repeats the model's totals, except that a row with no traffic
 * in a period says null there (the seed's `""` row has prev_model_num_inferences null while its
 * sibling says 190). So the model total is the non-null value; should rows ever disagree, the
 * largest is kept (checkResponseConsistency reports the disagreement).
 */
function modelsOf(rows: readonly WireStatsRow[]): ModelStats[] {
  const byModel = new Map<string, ModelAccumulator>();
  for (const row of rows) {
    let model = byModel.get(row.model_name);
    if (model === undefined) {
      model = { current: null, previous: null, deploymentTypes: new Set(), serverVersions: new Set() };
      byModel.set(row.model_name, model);
    }
    model.current = largerKnown(model.current, row.model_num_inferences);
    model.previous = largerKnown(model.previous, row.prev_model_num_inferences);
    for (const type of row.deployment_types) model.deploymentTypes.add(type);
    for (const version of row.inference_server_versions) model.serverVersions.add(version);
  }
  return [...byModel].map(([model, acc]) => ({
    model,
    inferences: { current: acc.current, previous: acc.previous },
    deploymentTypes: [...acc.deploymentTypes],
    serverVersions: [...acc.serverVersions],
  }));
}

const largerKnown = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
