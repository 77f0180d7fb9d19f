// A realistic polling workload for the history benchmarks: 20 models × 10 classes (9 named and
// the "" no-detection row), 5-minute polls. Snapshots come from the simulator (a day's pool of
// 288), and each simulated day perturbs the pool differently, so that no two stored snapshots
// are alike (identical payloads would compress unrealistically well).
import { parseInferenceStats, type StatsSnapshot } from '../electron/core/stats';
import { createSimulation, validateScenario } from '../electron/sim';
import { mulberry32 } from '../electron/sim/random';

export const POLL_MS = 5 * 60_000;
const HOUR = 3_600_000;
export const WORKLOAD_START = Date.parse('2026-01-05T00:00:00Z');

const scenario = validateScenario(
  {
    workspace: 'bench-workspace',
    apiKey: 'bench-key',
    start: '2026-01-01T00:00:00Z',
    hours: 24 * 6,
    seed: 7,
    models: Array.from({ length: 20 }, (_, m) => ({
      name: `model-${String(m).padStart(2, '0')}-x7k2p`,
      serverVersion: '0.16.0',
      requestsPerHour: 30 + m * 90,
      diurnalAmplitude: 0.5,
      peakHourUtc: (m * 3) % 24,
      errorRate: 0.01,
      emptyRate: 0.08,
      latencySeconds: 0.04 + m * 0.01,
      classes: Array.from({ length: 9 }, (_, c) => ({ name: `class-${c}`, share: 1 / 9, confidence: 0.6 + c * 0.03, confidenceSd: 0.1, detectionsPerInference: 1 + c / 10 })),
    })),
  },
  'bench workload',
);

export interface Workload {
  /** The headline snapshot of poll `i` (24 h window ending at its time). */
  headline(i: number): StatsSnapshot;
  /** The running hour of poll `i`, as fetched for the hourly series. */
  hour(i: number): StatsSnapshot;
  at(i: number): Date;
}

export function createWorkload(): Workload {
  const sim = createSimulation(scenario);
  const headlinePool: StatsSnapshot[] = [];
  for (let k = 0; k < 288; k++) {
    const end = WORKLOAD_START + k * POLL_MS;
    headlinePool.push(parseInferenceStats(sim.stats({ startMs: end - 24 * HOUR, endMs: end }), { start: new Date(end - 24 * HOUR), end: new Date(end) }));
  }
  const hourPool: StatsSnapshot[] = [];
  for (let h = 0; h < 24; h++) {
    const start = WORKLOAD_START + h * HOUR;
    hourPool.push(parseInferenceStats(sim.stats({ startMs: start, endMs: start + HOUR }), { start: new Date(start), end: new Date(start + HOUR) }));
  }
  const at = (i: number) => new Date(WORKLOAD_START + i * POLL_MS);
  return {
    at,
    // One perturbation per simulated day: within a day, consecutive polls keep the simulator's
    // own drift (a 24 h window moves little in 5 minutes); no two days are alike.
    headline: (i) => shift(perturb(headlinePool[i % headlinePool.length]!, Math.floor(i / 288)), at(i).getTime() - 24 * HOUR, at(i).getTime()),
    hour: (i) => {
      const start = Math.floor(at(i).getTime() / HOUR) * HOUR;
      return shift(perturb(hourPool[Math.floor(i / 12) % 24]!, Math.floor(i / 288)), start, start + HOUR);
    },
  };
}

function shift(snapshot: StatsSnapshot, startMs: number, endMs: number): StatsSnapshot {
  const length = endMs - startMs;
  return { ...snapshot, window: { start: new Date(startMs), end: new Date(endMs) }, previousWindow: { start: new Date(startMs - length), end: new Date(startMs) } };
}

/** Counts ±10 %, averages ±2 %, the same for a whole day: one day's traffic differs from another's. */
function perturb(snapshot: StatsSnapshot, seed: number): StatsSnapshot {
  const random = mulberry32(seed * 2654435761);
  const count = (n: number | null) => (n === null ? null : Math.round(n * (0.9 + random() * 0.2)));
  const average = (x: number | null) => (x === null ? null : x * (0.98 + random() * 0.04));
  const confidence = (x: number | null) => (x === null ? null : Math.min(1, average(x)!));
  const figures = <F extends { inferences: number | null; errors: number | null; avgConfidence: number | null; avgResponseTimeSeconds: number | null }>(f: F): F => ({
    ...f,
    inferences: count(f.inferences),
    errors: count(f.errors),
    avgConfidence: confidence(f.avgConfidence),
    avgResponseTimeSeconds: average(f.avgResponseTimeSeconds),
  });
  return {
    ...snapshot,
    totals: { current: figures(snapshot.totals.current), previous: figures(snapshot.totals.previous) },
    models: snapshot.models.map((m) => ({ ...m, inferences: { current: count(m.inferences.current), previous: count(m.inferences.previous) } })),
    classes: snapshot.classes.map((c) => ({
      ...c,
      current: figures(c.current),
      previous: figures(c.previous),
      medianConfidence: confidence(c.medianConfidence),
      detections: count(c.detections),
    })),
  };
}
