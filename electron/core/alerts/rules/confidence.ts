// ConfidenceDrop, per model and per class: the last hour's mean against the usual hourly means.
import type { LevelBaseline } from '../baselines';
import { className as classLabel, confidence, lastMinutes } from '../messages';
import { classRows, modelConfidence, windowMinutes } from '../recent-view';
import type { RuleThresholds } from '../thresholds';
import type { Finding } from '../types';
import { finding, unknown, type ModelContext } from './context';

/** Keeps the robust z finite when the usual hourly means barely vary: a detection's confidence spreads at least this much. */
const MIN_UNIT_SD = 0.02;

export function confidenceDrop(ctx: ModelContext): Finding[] {
  const t = ctx.thresholds.ConfidenceDrop;
  if (!t.enabled) return [];
  const snapshot = ctx.recent.hour;
  const minutes = windowMinutes(snapshot);
  const whole = modelConfidence(snapshot, ctx.model);
  const findings = [judge(t, ctx.model, null, whole.mean, whole.detections, ctx.baseline?.confidence ?? null, minutes)];
  for (const row of classRows(snapshot, ctx.model)) {
    if (row.className === '') continue; // its confidence is 0 by definition
    findings.push(judge(t, ctx.model, row.className, row.current.avgConfidence, row.detections ?? 0, ctx.baseline?.classConfidence.get(row.className) ?? null, minutes));
  }
  return findings;
}

function judge(t: RuleThresholds['ConfidenceDrop'], model: string, className: string | null, mean: number | null, detections: number, usual: LevelBaseline | null, minutes: number): Finding {
  if (usual === null || usual.samples < t.minDetections) return unknown('ConfidenceDrop', model, className, 'warning', 'no usual confidence yet');
  if (mean === null || detections < t.minDetections) return unknown('ConfidenceDrop', model, className, 'warning', 'too few detections');
  const drop = usual.median - mean;
  // Conservative: a confidence lies in [0, 1], so its variance is at most maxVariance (0.25).
  const z = drop / Math.sqrt(t.maxVariance / detections + t.maxVariance / usual.samples);
  // Robust: against the spread history shows, for a sample of this window's size. Only for
  // windows with minRobustDetections: one small hour among dozens of classes polled every 5 min
  // strays past 3 sd often enough to be noise, and the conservative z needs no estimate at all.
  const robust = ((mean - usual.median) * Math.sqrt(detections)) / Math.max(usual.unitSd, MIN_UNIT_SD);
  const figures = { mean: Number(mean.toFixed(4)), usual: Number(usual.median.toFixed(4)), drop: Number(drop.toFixed(4)), detections, z: Number(z.toFixed(2)), robustZ: Number(robust.toFixed(2)) };
  const subject = className === null ? 'confidence' : `${classLabel(className)} confidence`;
  const summary = `${subject} ${confidence(usual.median)} → ${confidence(mean)} in ${lastMinutes(minutes)}`;
  const significant = z >= t.minZ || (detections >= t.minRobustDetections && robust <= t.maxRobustZ);
  if (drop >= t.minDrop && drop >= t.minRelativeDrop * usual.median && significant) return finding('ConfidenceDrop', model, className, 'breach', 'warning', summary, figures);
  return finding('ConfidenceDrop', model, className, drop < t.recoverDrop ? 'recovered' : 'holding', 'warning', summary, figures);
}
