// Benchmarks of the stats path: parsing answers of every size up to the response cap, the
// simulator's answer time per window, and a whole poll over loopback. Prints a table and
// writes bench/results/stats-path.json. Timings are noisy on shared machines: read the ratios.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { createRoboflowSource, parseInferenceStats } from '../electron/core/stats';
import { createSimulation, loadScenario, startSimulator } from '../electron/sim';
import { measure, round, type Timing } from './measure';

const HOUR = 3_600_000;
const seed = JSON.parse(readFileSync('test/fixtures/seed-example-response.json', 'utf8')) as { inference_stats: Record<string, unknown>[] } & Record<string, unknown>;
const window = { start: new Date('2026-11-03T00:00:00Z'), end: new Date('2026-11-04T00:00:00Z') };

interface Row {
  case: string;
  size: string;
  timing: Timing;
}
const rows: Row[] = [];

// 1. Parsing: the seed, then synthetic answers of growing size up to the 20 MB cap.
for (const rowCount of [6, 1_000, 10_000, 40_000]) {
  const body = JSON.stringify(answerWithRows(rowCount));
  const mb = body.length / 1_048_576;
  if (mb > 20) throw new Error('synthetic answer exceeds the 20 MB cap; lower the row count');
  rows.push({ case: `parse ${rowCount} rows`, size: `${mb.toFixed(2)} MB`, timing: await measure(rowCount > 10_000 ? 10 : 50, () => parseInferenceStats(JSON.parse(body), window)) });
}

// 2. The simulator's own answer time (what a test or a replay waits for), warm cache.
const demo = loadScenario('demo');
const end = Date.parse(demo.start) + demo.hours * HOUR;
for (const [label, length] of [['1 h', HOUR], ['24 h', 24 * HOUR], ['7 d', 7 * 24 * HOUR]] as const) {
  const simulation = createSimulation(demo);
  rows.push({ case: `simulate demo ${label}`, size: '4 models', timing: await measure(30, () => simulation.stats({ startMs: end - length, endMs: end })) });
}
// What a replay asks of its one simulation: windows sliding by 5 minutes, a new hour every 12 polls.
const quiet = loadScenario('quiet');
for (const [label, length] of [['24 h', 24 * HOUR], ['7 d', 7 * 24 * HOUR]] as const) {
  const simulation = createSimulation(quiet);
  let now = Date.parse(quiet.start) + 14 * 24 * HOUR;
  const poll = () => {
    now += 5 * 60_000;
    return simulation.stats({ startMs: now - length, endMs: now, asOfMs: now });
  };
  rows.push({ case: `simulate quiet ${label} sliding 5 min`, size: '4 models', timing: await measure(300, poll) });
}

// 3. A whole poll: client -> loopback HTTP -> simulator -> parse.
const sim = await startSimulator({ scenario: demo, now: () => end });
const source = createRoboflowSource({ baseUrl: sim.url, workspace: demo.workspace, apiKey: demo.apiKey, fetch: globalThis.fetch });
for (const [label, length] of [['1 h', HOUR], ['24 h', 24 * HOUR]] as const) {
  const pollWindow = { start: new Date(end - length), end: new Date(end) };
  rows.push({ case: `poll demo ${label} over loopback`, size: '4 models', timing: await measure(30, () => source.fetchStats({ window: pollWindow })) });
}
await sim.close();

const table = rows.map((r) => ({ case: r.case, size: r.size, runs: r.timing.runs, 'median ms': r.timing.medianMs, 'p95 ms': r.timing.p95Ms }));
console.table(table);
const parseSeed = rows[0]!.timing.medianMs;
const parseBig = rows[3]!.timing.medianMs;
console.log(`parse cost per row at the cap vs the seed: ${round(parseBig / 40_000 / (parseSeed / 6))}x`);

writeFileSync(
  'bench/results/stats-path.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, rows: table }, null, 2)}\n`,
);
console.log('wrote bench/results/stats-path.json');

function answerWithRows(count: number) {
  const template = seed.inference_stats[0]!;
  const rowsOut = Array.from({ length: count }, (_, i) => ({ ...template, model_name: `model-${Math.floor(i / 10)}`, predicted_class: `class-${i % 10}` }));
  return { ...seed, inference_stats: rowsOut };
}
