// Tiny timing helpers for benchmarks: warm up, then report the median and p95 of many runs.
import { performance } from 'node:perf_hooks';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export async function measure(runs: number, task: () => unknown): Promise<Timing> {
  for (let i = 0; i < Math.min(5, runs); i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { runs, medianMs: round(at(0.5)), p95Ms: round(at(0.95)) };
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
