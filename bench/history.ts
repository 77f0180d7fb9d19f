// The history benchmark: SQLite (libsql) against an electron-store JSON file, at 1k, 10k and
// 100k stored polls of 200 model-class rows, then a simulated year of 5-minute polls with
// retention. Prints a table; writes bench/results/history.json and history.md.
// Quick run: BENCH_HISTORY_POLLS=1000,10000 npm run bench -- history
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'libsql';
import { openHistory, type LocalHistory, type SeriesScope } from '../electron/core/history';
import { openJsonBaseline } from './json-baseline';
import { round } from './measure';
import { createWorkload } from './workload';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHECKPOINTS = (process.env['BENCH_HISTORY_POLLS'] ?? '1000,10000,100000').split(',').map(Number);
const BASELINE_AT = [1_000, 5_000, 10_000].filter((n) => n <= Math.max(...CHECKPOINTS));
const YEAR_POLLS = Number(process.env['BENCH_HISTORY_YEAR_POLLS'] ?? 365 * 288);

interface Row {
  store: 'sqlite' | 'json';
  polls: number;
  appendP50Ms: number | null;
  appendP99Ms: number | null;
  sparkline50Ms: number | null;
  timeTravelMs: number | null;
  sizeMB: number | null;
  note?: string;
}

const workload = createWorkload();
const rows: Row[] = [];
const root = mkdtempSync(join(tmpdir(), 'pulsebar-bench-'));

try {
  await benchSqlite();
  await benchJson();
  const year = benchYear();
  report(year);
} finally {
  rmSync(root, { recursive: true, force: true });
}

function appendPoll(store: LocalHistory, i: number, headline = workload.headline(i), hour = workload.hour(i)): void {
  const at = workload.at(i);
  store.saveSnapshot(headline, at);
  store.saveHour(hour, at, i % 12 === 11);
  store.recordPoll({ startedAt: at, durationMs: 850, result: 'ok' });
}

async function benchSqlite(): Promise<void> {
  const store = openHistory(join(root, 'sqlite', 'history.db'));
  let i = 0;
  for (const checkpoint of CHECKPOINTS) {
    const started = performance.now();
    for (; i < checkpoint; i++) appendPoll(store, i);
    console.error(`sqlite: filled to ${checkpoint} polls (${Math.round((performance.now() - started) / 1000)} s)`);
    const appendTimes: number[] = [];
    for (let k = 0; k < 300; k++, i++) {
      const headline = workload.headline(i);
      const hour = workload.hour(i);
      const t = performance.now();
      appendPoll(store, i, headline, hour);
      appendTimes.push(performance.now() - t);
    }
    rows.push({
      store: 'sqlite',
      polls: checkpoint,
      appendP50Ms: quantile(appendTimes, 0.5),
      appendP99Ms: quantile(appendTimes, 0.99),
      sparkline50Ms: timeSqliteSparklines(store, i),
      timeTravelMs: timeSqliteTimeTravel(store, i),
      sizeMB: sizeMB(store.path),
    });
  }
  store.close();
}

/** 50 class series, 7 days of hourly points each (the popover's model view). */
function sparklineScopes(): SeriesScope[] {
  const snapshot = workload.headline(0);
  return snapshot.classes.slice(0, 50).map((c) => ({ level: 'class', model: c.model, className: c.className }));
}

function timeSqliteSparklines(store: LocalHistory, polls: number): number {
  const scopes = sparklineScopes();
  const to = workload.at(polls);
  const from = new Date(to.getTime() - 7 * DAY);
  return median(20, () => {
    for (const scope of scopes) store.series({ scope, metric: 'avgConfidence', from, to });
  });
}

function timeSqliteTimeTravel(store: LocalHistory, polls: number): number {
  let k = 0;
  return median(50, () => {
    const at = workload.at(Math.floor(((k++ * 7919) % polls) + 0.5));
    if (!store.snapshotAt(new Date(at.getTime() + 1000))) throw new Error('time travel found nothing');
  });
}

async function benchJson(): Promise<void> {
  const scopes = sparklineScopes().map((s) => s as { model: string; className: string });
  for (const count of BASELINE_AT) {
    const dir = mkdtempSync(join(root, 'json-'));
    try {
      const baseline = openJsonBaseline(dir, { count, snapshot: (i) => workload.headline(i), at: (i) => workload.at(i) });
      const appendTimes: number[] = [];
      for (let k = 0; k < 3; k++) {
        const headline = workload.headline(count + k);
        const t = performance.now();
        baseline.append(headline, workload.at(count + k));
        appendTimes.push(performance.now() - t);
      }
      const to = workload.at(count);
      const sparkline = median(3, () => baseline.sparklines(scopes, new Date(to.getTime() - 7 * DAY), to));
      const timeTravel = median(3, () => baseline.snapshotAt(workload.at(Math.floor(count / 2))));
      rows.push({ store: 'json', polls: count, appendP50Ms: quantile(appendTimes, 0.5), appendP99Ms: Math.max(...appendTimes), sparkline50Ms: sparkline, timeTravelMs: timeTravel, sizeMB: round(baseline.sizeBytes() / 1e6) });
      console.error(`json: measured at ${count} polls`);
    } catch (error) {
      rows.push({ store: 'json', polls: count, appendP50Ms: null, appendP99Ms: null, sparkline50Ms: null, timeTravelMs: null, sizeMB: null, note: `fails: ${(error as Error).message}` });
      console.error(`json: fails at ${count} polls: ${(error as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A year of 5-minute polls with retention running as the poller runs it: one batch per poll. */
function benchYear(): { polls: number; sizeMB: number; walWhileOpenMB: number; vacuumedMB: number; snapshots: number } {
  const path = join(root, 'year', 'history.db');
  const store = openHistory(path);
  const started = performance.now();
  for (let i = 0; i < YEAR_POLLS; i++) {
    appendPoll(store, i);
    store.prune(workload.at(i));
  }
  for (let report = store.prune(workload.at(YEAR_POLLS)); !report.done; report = store.prune(workload.at(YEAR_POLLS)));
  console.error(`year: ${YEAR_POLLS} polls with retention (${Math.round((performance.now() - started) / 1000)} s)`);
  const snapshots = store.snapshotSummaries({ start: new Date(0), end: workload.at(YEAR_POLLS + 1) }).length;
  const walMB = sizeMB(`${path}-wal`);
  store.close(); // folds the WAL into the file: the size at rest
  const atRest = sizeMB(path);
  const db = new Database(path);
  db.exec('VACUUM');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { polls: YEAR_POLLS, sizeMB: atRest, walWhileOpenMB: walMB, vacuumedMB: sizeMB(path), snapshots };
}

function report(year: ReturnType<typeof benchYear>): void {
  console.table(rows);
  const at = (store: Row['store'], polls: number) => rows.find((r) => r.store === store && r.polls === polls);
  const biggest = at('sqlite', 100_000) ?? at('sqlite', Math.max(...CHECKPOINTS));
  const sqlite10k = at('sqlite', 10_000);
  const json10k = at('json', 10_000);
  const jsonLargest = [...rows].reverse().find((r) => r.store === 'json' && r.appendP50Ms !== null);
  const appendRatio =
    sqlite10k && json10k?.appendP50Ms
      ? { value: round(json10k.appendP50Ms / sqlite10k.appendP50Ms!), basis: 'at 10k polls' }
      : sqlite10k && jsonLargest
        ? { value: round(jsonLargest.appendP50Ms! / sqlite10k.appendP50Ms!), basis: `JSON cannot hold 10k polls (${json10k?.note ?? 'not run'}); lower bound from JSON at ${jsonLargest.polls}` }
        : null;
  const targets = [
    target(`append p99 at ${biggest?.polls} polls`, biggest?.appendP99Ms ?? null, '<=', 5, 'ms'),
    target(`7-day sparkline query, 50 series, at ${biggest?.polls} polls`, biggest?.sparkline50Ms ?? null, '<=', 25, 'ms'),
    target('append speed-up over JSON at 10k polls', appendRatio?.value ?? null, '>=', 50, '×', appendRatio?.basis),
    target(`a year of 5-minute polls (${year.polls}), after retention, on disk`, year.sizeMB, '<=', 60, 'MB', `file at rest (WAL folded in; ${year.walWhileOpenMB} MB of WAL beside it while open); ${year.snapshots} snapshots kept; ${year.vacuumedMB} MB after VACUUM`),
  ];
  console.table(targets.map((t) => ({ target: t.name, measured: `${t.measured ?? '—'} ${t.unit}`, goal: `${t.op} ${t.goal} ${t.unit}`, verdict: t.verdict })));
  const json = { date: new Date().toISOString(), node: process.version, checkpoints: CHECKPOINTS, rows, year, targets };
  writeFileSync('bench/results/history.json', `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync('bench/results/history.md', markdown(json));
  console.log('wrote bench/results/history.json and bench/results/history.md');
}

interface Target {
  name: string;
  measured: number | null;
  op: '<=' | '>=';
  goal: number;
  unit: string;
  verdict: string;
  note?: string;
}

function target(name: string, measured: number | null, op: '<=' | '>=', goal: number, unit: string, note?: string): Target {
  let verdict: string;
  if (measured === null) verdict = 'not measured';
  else if (op === '<=' ? measured <= goal : measured >= goal) verdict = 'met';
  else verdict = `missed by ${round(Math.abs(measured - goal))} ${unit} (${round((measured / goal) * 100)} % of the goal)`;
  return { name, measured, op, goal, unit, verdict, ...(note ? { note } : {}) };
}

function markdown(json: { date: string; node: string; rows: Row[]; targets: Target[]; year: ReturnType<typeof benchYear> }): string {
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
  return [
    '# History benchmark',
    '',
    `Run ${json.date} on Node ${json.node}, ${process.platform}. Timings are noisy on a shared 2-core machine: read the ratios.`,
    '',
    '| store | polls | append p50 ms | append p99 ms | 7-day sparklines ×50 ms | time travel ms | size MB | note |',
    '|---|---|---|---|---|---|---|---|',
    ...json.rows.map((r) => `| ${r.store} | ${r.polls} | ${cell(r.appendP50Ms)} | ${cell(r.appendP99Ms)} | ${cell(r.sparkline50Ms)} | ${cell(r.timeTravelMs)} | ${cell(r.sizeMB)} | ${r.note ?? ''} |`),
    '',
    '| target | measured | goal | verdict | note |',
    '|---|---|---|---|---|',
    ...json.targets.map((t) => `| ${t.name} | ${cell(t.measured)} ${t.unit} | ${t.op} ${t.goal} ${t.unit} | ${t.verdict} | ${t.note ?? ''} |`),
    '',
  ].join('\n');
}

function median(runs: number, task: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    task();
    times.push(performance.now() - t);
  }
  return quantile(times, 0.5);
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
}

/** The file's size; for a database in use, with its WAL. */
function sizeMB(path: string): number {
  let bytes = 0;
  for (const file of path.endsWith('-wal') ? [path] : [path, `${path}-wal`]) if (existsSync(file)) bytes += statSync(file).size;
  return round(bytes / 1e6);
}

