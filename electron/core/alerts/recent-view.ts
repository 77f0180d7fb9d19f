// One model's figures in the detector's recent windows. Nulls count as zero for counts and as
// unknown for averages: the API leaves a period out when nothing happened in it.
import { modelAverages } from '../figures';
import { NO_DETECTION_CLASS, type ClassStats, type StatsSnapshot } from '../stats/types';
import { MINUTE_MS } from '../time';

export interface CountPair {
  readonly current: number;
  readonly previous: number;
}

export function modelInferences(snapshot: StatsSnapshot, model: string): CountPair {
  const stats = snapshot.models.find((m) => m.model === model);
  return { current: stats?.inferences.current ?? 0, previous: stats?.inferences.previous ?? 0 };
}

export function classRows(snapshot: StatsSnapshot, model: string): ClassStats[] {
  return snapshot.classes.filter((row) => row.model === model);
}

/**
 * The model's mean confidence over its detections. The no-detection row is left out (the API's
 * totals count it as 0): more empty frames is a class-mix change, not less confident predictions.
 */
export function modelConfidence(snapshot: StatsSnapshot, model: string): { mean: number | null; detections: number } {
  const rows = classRows(snapshot, model).filter((row) => row.className !== NO_DETECTION_CLASS);
  // Only rows with a known confidence count: the mean skips the others, so must the sample size.
  const known = rows.filter((row) => row.current.avgConfidence !== null);
  return { mean: modelAverages(known).avgConfidence, detections: known.reduce((sum, row) => sum + (row.detections ?? 0), 0) };
}

/** The model's mean response time and the requests behind it. */
export function modelLatency(snapshot: StatsSnapshot, model: string): { mean: number | null; requests: number } {
  return { mean: modelAverages(classRows(snapshot, model)).avgResponseTimeSeconds, requests: modelInferences(snapshot, model).current };
}

export function serverVersions(snapshot: StatsSnapshot, model: string): readonly string[] {
  return snapshot.models.find((m) => m.model === model)?.serverVersions ?? [];
}

/** Minutes covered by the snapshot's window. */
export function windowMinutes(snapshot: StatsSnapshot): number {
  return Math.round((snapshot.window.end.getTime() - snapshot.window.start.getTime()) / MINUTE_MS);
}
