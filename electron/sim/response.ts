/**
 * The inference-stats response built from window totals, with the relations of the real
 * API (docs/scenarios.md, "How the figures are defined"):
 * - one row per (model, predicted_class) seen in the current or the previous window;
 * - a row's figures are null in a window where it has no inference, and so are its
 *   model_num_inferences there (as in Roboflow's own example);
 * - top-level counts are sums (0 when nothing happened), top-level averages are the rows'
 *   values weighted by class_count (null when nothing happened).
 */
import type { ModelTotals, SlotTotals } from './aggregate';
import type { ModelPlan } from './timeline';

export interface InferenceStatsRow {
  model_name: string;
  predicted_class: string;
  num_inferences: number | null;
  prev_num_inferences: number | null;
  num_errors: number | null;
  prev_num_errors: number | null;
  avg_confidence: number | null;
  prev_avg_confidence: number | null;
  avg_response_time: number | null;
  prev_avg_response_time: number | null;
  median_confidence: number | null;
  class_count: number | null;
  deployment_types: string;
  inference_server_versions: string;
  model_num_inferences: number | null;
  prev_model_num_inferences: number | null;
}

export interface InferenceStatsResponse {
  num_inferences: number;
  prev_num_inferences: number;
  num_errors: number;
  prev_num_errors: number;
  avg_confidence: number | null;
  prev_avg_confidence: number | null;
  avg_response_time: number | null;
  prev_avg_response_time: number | null;
  inference_stats: InferenceStatsRow[];
}

export interface ModelWindows {
  plan: ModelPlan;
  current: ModelTotals;
  previous: ModelTotals;
}

interface Weighted {
  value: number;
  weight: number;
}

export function buildResponse(models: readonly ModelWindows[]): InferenceStatsResponse {
  const rows: InferenceStatsRow[] = [];
  // Per detection, i.e. weighted by class_count; the previous window's weights are its detections.
  const confidence = { current: [] as Weighted[], previous: [] as Weighted[] };
  const latency = { current: [] as Weighted[], previous: [] as Weighted[] };

  for (const { plan, current, previous } of models) {
    const slots = [...plan.classes.map((cls) => cls.name), ''];
    slots.forEach((className, slot) => {
      const now = current.slots[slot];
      const before = previous.slots[slot];
      if (now === undefined || before === undefined) return;
      if (now.inferences === 0 && before.inferences === 0) return;
      const row = makeRow(plan, className, now, before, current.inferences, previous.inferences);
      rows.push(row);
      if (now.inferences > 0) {
        confidence.current.push({ value: row.avg_confidence ?? 0, weight: now.detections });
        latency.current.push({ value: row.avg_response_time ?? 0, weight: now.detections });
      }
      if (before.inferences > 0) {
        confidence.previous.push({ value: row.prev_avg_confidence ?? 0, weight: before.detections });
        latency.previous.push({ value: row.prev_avg_response_time ?? 0, weight: before.detections });
      }
    });
  }

  return {
    num_inferences: sum(models, (m) => m.current.inferences),
    prev_num_inferences: sum(models, (m) => m.previous.inferences),
    num_errors: sum(models, (m) => m.current.errors),
    prev_num_errors: sum(models, (m) => m.previous.errors),
    avg_confidence: weightedMean(confidence.current),
    prev_avg_confidence: weightedMean(confidence.previous),
    avg_response_time: weightedMean(latency.current),
    prev_avg_response_time: weightedMean(latency.previous),
    inference_stats: rows,
  };
}

function makeRow(plan: ModelPlan, className: string, now: SlotTotals, before: SlotTotals, modelNow: number, modelBefore: number): InferenceStatsRow {
  const hasNow = now.inferences > 0;
  const hasBefore = before.inferences > 0;
  const isEmptyClass = className === '';
  return {
    model_name: plan.name,
    predicted_class: className,
    num_inferences: hasNow ? now.inferences : null,
    prev_num_inferences: hasBefore ? before.inferences : null,
    num_errors: null, // errors are not attributed to a class; see the top level
    prev_num_errors: null,
    avg_confidence: hasNow ? (isEmptyClass ? 0 : now.confidenceSum / now.detections) : null,
    prev_avg_confidence: hasBefore ? (isEmptyClass ? 0 : before.confidenceSum / before.detections) : null,
    avg_response_time: hasNow ? now.latencySum / now.inferences : null,
    prev_avg_response_time: hasBefore ? before.latencySum / before.inferences : null,
    median_confidence: hasNow ? (isEmptyClass ? 0 : now.medianConfidence) : null,
    class_count: hasNow ? now.detections : null,
    deployment_types: plan.deployment,
    inference_server_versions: versionList(plan, now, before),
    model_num_inferences: hasNow ? modelNow : null,
    prev_model_num_inferences: hasBefore ? modelBefore : null,
  };
}

/** Versions that served the row in either window, in the order they came into service. */
function versionList(plan: ModelPlan, now: SlotTotals, before: SlotTotals): string {
  const indexes = [...new Set([...before.versions, ...now.versions])].sort((a, b) => a - b);
  return [...new Set(indexes.map((i) => plan.versions[i] ?? ''))].join(',');
}

function sum(models: readonly ModelWindows[], pick: (model: ModelWindows) => number): number {
  return models.reduce((total, model) => total + pick(model), 0);
}

function weightedMean(items: readonly Weighted[]): number | null {
  let weights = 0;
  let total = 0;
  for (const { value, weight } of items) {
    total += value * weight;
    weights += weight;
  }
  return weights > 0 ? total / weights : null;
}
