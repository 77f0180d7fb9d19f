// `tsx bench/ui.ts`: the built renderer in Chromium on a fake window.pulsebar with 50 models
// (3 sparklines a row, 4 tiles). Measures the time from the overview's arrival to the first
// painted frame, the time to apply a poll (overview-changed), the JS heap over 100 polls and the
// renderer bundle size. Prints a table; writes bench/results/ui.json and ui.md. Targets are
// reported met or missed by how much, and never fail anything. Run `npm run build` first.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fakePulsebar, type FakeOptions } from '../test/browser/fake-pulsebar';
import { serveRenderer } from '../test/browser/harness';

const MODELS = 50;
/** A large workspace, for smoothness: every row shown and scrolled through. */
const MANY_MODELS = 200;
const FIRST_FRAME_RUNS = 7;
const WARM_POLLS = 5;
const TIMED_POLLS = 40;
const HEAP_POLLS = 100;
const HEAP_EVERY = 10;
const POPOVER = { width: 380, height: 560 };
/** Tall enough for all 50 rows: every sparkline drawn and updated on each poll (the worst case). */
const EVERYTHING = { width: 380, height: 6000 };
const TARGETS = { firstFrameMs: 100, updateMs: 30, heapMb: 40, bundleKbGzip: 150, longTaskMs: 50 };

const RENDERER = resolve('out/renderer');
if (!existsSync(join(RENDERER, 'index.html'))) {
  console.error('out/renderer is missing: run "npm run build" first.');
  process.exit(1);
}

interface Timing {
  /** First load only: the frame with the figures (before the charts). */
  figuresMs?: number;
  scriptMs: number;
  paintMs: number;
  charts: number;
}

interface BenchWindow {
  __bench: { scrollThrough(step: number): Promise<void>; firstFrame(rows?: number): Promise<Timing>; poll(): Promise<Timing>; canvases(): number; chartsMissing(): number; probe: { seriesPending: number; longTasks: number[] } };
}

/** `rows`: the first frame counts once this many rows are drawn (30: the first page of the list, on the tall page). */
const firstFrame = (page: Page, rows = 1): Promise<Timing> => page.evaluate((n) => (globalThis as unknown as BenchWindow).__bench.firstFrame(n), rows);
const pollOnce = (page: Page): Promise<Timing> => page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.poll());

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const round1 = (n: number): number => Math.round(n * 10) / 10;

const server = await serveRenderer();
const browser: Browser = await chromium.launch({
  executablePath: process.env['PULSEBAR_CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const startMs = Date.parse('2026-11-28T09:07:00Z');
// The overview is held back 300 ms so the page has booted when it arrives: the clock starts at
// the data's arrival, as in the app, where the popover page is loaded before it is shown.
const fake: FakeOptions = { models: MODELS, startMs, overviewDelayMs: 300 };

async function openPage(viewport: { width: number; height: number }, options: FakeOptions = fake): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // tsx compiles with esbuild's keepNames, which wraps functions in __name(): the serialised fake needs it too.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.addInitScript(fakePulsebar, options);
  await page.goto(server.url);
  return { page, errors };
}

/** Shows every row ("Show more" until none is left) and waits until all their charts are drawn. */
async function expandAll(page: Page): Promise<void> {
  const more = page.locator('button.more');
  while ((await more.count()) > 0) await more.click();
  await page.waitForFunction(() => {
    const b = (globalThis as unknown as BenchWindow).__bench;
    return b.probe.seriesPending === 0 && b.chartsMissing() === 0;
  });
}

async function firstFrames(viewport: { width: number; height: number }, rows = 1): Promise<{ timings: Timing[]; errors: string[] }> {
  const timings: Timing[] = [];
  const errors: string[] = [];
  for (let run = 0; run < FIRST_FRAME_RUNS; run++) {
    const opened = await openPage(viewport);
    timings.push(await firstFrame(opened.page, rows));
    errors.push(...opened.errors);
    await opened.page.context().close();
  }
  return { timings: timings.slice(1), errors }; // the first run warms Chromium's caches
}

async function polls(page: Page, count: number): Promise<Timing[]> {
  const timings: Timing[] = [];
  for (let i = 0; i < count; i++) timings.push(await pollOnce(page));
  return timings;
}

/** Chart canvases keep their identity across a poll: charts are updated, not rebuilt. */
async function chartsKept(page: Page): Promise<boolean> {
  await page.evaluate(`document.querySelectorAll('canvas').forEach((c, i) => (c.dataset.bench = String(i)))`);
  await pollOnce(page);
  return page.evaluate(`[...document.querySelectorAll('canvas')].every((c) => c.dataset.bench !== undefined)`) as Promise<boolean>;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1_048_576;
}

function bundle(): { files: { file: string; bytes: number; gzip: number }[]; gzipKb: number; rawKb: number } {
  const dir = join(RENDERER, 'assets');
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(dir, file));
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
    });
  return { files, gzipKb: round1(files.reduce((a, f) => a + f.gzip, 0) / 1024), rawKb: round1(files.reduce((a, f) => a + f.bytes, 0) / 1024) };
}

// Timings here are wall clock on a shared machine: the load is recorded with them.
const loadBefore = loadavg()[0]!;
const pageErrors: string[] = [];
const chromiumVersion = browser.version();
console.log(`Pulsebar UI benchmark: ${MODELS} models, built renderer in Chromium ${chromiumVersion}`);

process.stdout.write('first frame (popover 380×560)… ');
const firstPopover = await firstFrames(POPOVER);
pageErrors.push(...firstPopover.errors);
console.log(`figures ${median(firstPopover.timings.map((t) => t.figuresMs ?? 0)).toFixed(1)} ms, charts ${median(firstPopover.timings.map((t) => t.paintMs)).toFixed(1)} ms, ${firstPopover.timings[0]!.charts} charts`);

process.stdout.write('first frame (tall page, 30 rows drawn)… ');
const firstTall = await firstFrames(EVERYTHING, 30);
pageErrors.push(...firstTall.errors);
console.log(`${median(firstTall.timings.map((t) => t.paintMs)).toFixed(1)} ms, ${firstTall.timings[0]!.charts} charts`);

process.stdout.write('polls (popover)… ');
const popover = await openPage(POPOVER);
await firstFrame(popover.page);
await polls(popover.page, WARM_POLLS);
const pollPopover = await polls(popover.page, TIMED_POLLS);
const keptPopover = await chartsKept(popover.page);
pageErrors.push(...popover.errors);
await popover.page.context().close();
console.log(`${median(pollPopover.map((t) => t.paintMs)).toFixed(1)} ms, ${pollPopover[0]!.charts} charts`);

process.stdout.write('polls (all 50 rows drawn)… ');
const tall = await openPage(EVERYTHING);
await firstFrame(tall.page);
await expandAll(tall.page);
await polls(tall.page, WARM_POLLS);
const pollAll = await polls(tall.page, TIMED_POLLS);
const keptAll = await chartsKept(tall.page);
console.log(`${median(pollAll.map((t) => t.paintMs)).toFixed(1)} ms, ${pollAll[0]!.charts} charts`);

process.stdout.write(`heap over ${HEAP_POLLS} polls (all rows)… `);
const heap: { polls: number; mb: number }[] = [{ polls: 0, mb: round1(await heapMb(tall.page)) }];
for (let done = 0; done < HEAP_POLLS; done += HEAP_EVERY) {
  await polls(tall.page, HEAP_EVERY);
  heap.push({ polls: done + HEAP_EVERY, mb: round1(await heapMb(tall.page)) });
}
pageErrors.push(...tall.errors);
await tall.page.context().close();
console.log(heap.map((h) => h.mb).join(' → ') + ' MB');

// A large workspace: the list pages 30 rows at a time. Jank is a main-thread task over 50 ms
// (the Long Tasks API), looked for while every row is shown and while the list is scrolled through.
process.stdout.write(`${MANY_MODELS} models (popover)… `);
const many = await openPage(POPOVER, { ...fake, models: MANY_MODELS });
const manyFirst = await firstFrame(many.page);
await polls(many.page, WARM_POLLS);
const manyPolls = await polls(many.page, TIMED_POLLS);
const takeLongTasks = (page: Page): Promise<number[]> => page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.probe.longTasks.splice(0));
await takeLongTasks(many.page);
await expandAll(many.page);
const showAllLong = await takeLongTasks(many.page);
await many.page.evaluate(() => (globalThis as unknown as BenchWindow).__bench.scrollThrough(200));
const scrollLong = await takeLongTasks(many.page);
// The probe must see a long task when there is one: a deliberate 80 ms task, checked.
await many.page.evaluate(() => setTimeout(() => {
  const until = performance.now() + 80;
  while (performance.now() < until);
}, 0));
await many.page.waitForTimeout(300);
const probeSees = (await takeLongTasks(many.page)).some((ms) => ms >= 80);
if (!probeSees) pageErrors.push('the long-task probe missed a deliberate 80 ms task: the jank figures below are not to be trusted');
const manyRows = await many.page.getByTestId('model-row').count();
const manyPollsShown = await polls(many.page, TIMED_POLLS);
pageErrors.push(...many.errors);
await many.page.context().close();
const longest = (tasks: readonly number[]): number => round1(Math.max(0, ...tasks));
console.log(`poll ${median(manyPolls.map((t) => t.paintMs)).toFixed(1)} ms; ${manyRows} rows shown, longest task ${longest([...showAllLong, ...scrollLong])} ms`);

await browser.close();
await server.close();

const loadAfter = loadavg()[0]!;
const sizes = bundle();
// Growth: the last sample against the one after 20 polls (the first polls fill caches once).
const settledHeap = heap.find((h) => h.polls === 20)!.mb;
const finalHeap = heap.at(-1)!.mb;
const growthMb = round1(finalHeap - settledHeap);
const growing = growthMb > Math.max(1, settledHeap * 0.05);

const stat = (timings: readonly Timing[]) => ({
  ...(timings[0]!.figuresMs === undefined ? {} : { figuresMedianMs: round1(median(timings.map((t) => t.figuresMs ?? 0))) }),
  paintMedianMs: round1(median(timings.map((t) => t.paintMs))),
  paintP95Ms: round1(p95(timings.map((t) => t.paintMs))),
  scriptMedianMs: round1(median(timings.map((t) => t.scriptMs))),
  charts: timings[0]!.charts,
  runs: timings.length,
});
const results = {
  firstFramePopover: stat(firstPopover.timings),
  firstFrameTall: stat(firstTall.timings),
  pollPopover: { ...stat(pollPopover), chartsUpdatedInPlace: keptPopover },
  pollAllRows: { ...stat(pollAll), chartsUpdatedInPlace: keptAll },
  heap: { samples: heap, settledMb: settledHeap, finalMb: finalHeap, growthMb, growing },
  manyModels: {
    models: MANY_MODELS,
    firstFramePopover: { figuresMs: round1(manyFirst.figuresMs ?? 0), paintMs: round1(manyFirst.paintMs), charts: manyFirst.charts },
    pollPopover: stat(manyPolls),
    pollPopoverAllRowsShown: stat(manyPollsShown),
    rowsShown: manyRows,
    showAll: { longTasksMs: showAllLong.map(round1), longestMs: longest(showAllLong) },
    scrollThrough: { longTasksMs: scrollLong.map(round1), longestMs: longest(scrollLong) },
    longTaskProbeChecked: probeSees,
  },
  bundle: sizes,
};

const verdict = (measured: number, target: number, unit: string): { met: boolean; by: string } =>
  measured <= target ? { met: true, by: `${round1(target - measured)} ${unit} to spare` } : { met: false, by: `over by ${round1(measured - target)} ${unit}` };
const targets = [
  { target: `first painted frame with the figures ≤ ${TARGETS.firstFrameMs} ms (popover, median)`, measured: `${results.firstFramePopover.figuresMedianMs} ms`, ...verdict(results.firstFramePopover.figuresMedianMs ?? Infinity, TARGETS.firstFrameMs, 'ms') },
  { target: `first painted frame with every visible sparkline ≤ ${TARGETS.firstFrameMs} ms (popover, median)`, measured: `${results.firstFramePopover.paintMedianMs} ms (p95 ${results.firstFramePopover.paintP95Ms})`, ...verdict(results.firstFramePopover.paintMedianMs, TARGETS.firstFrameMs, 'ms') },
  { target: `first painted frame with every sparkline ≤ ${TARGETS.firstFrameMs} ms (tall page, 30 rows, median)`, measured: `${results.firstFrameTall.paintMedianMs} ms (p95 ${results.firstFrameTall.paintP95Ms})`, ...verdict(results.firstFrameTall.paintMedianMs, TARGETS.firstFrameMs, 'ms') },
  { target: `poll applied ≤ ${TARGETS.updateMs} ms (popover, median, to the painted frame)`, measured: `${results.pollPopover.paintMedianMs} ms (p95 ${results.pollPopover.paintP95Ms}; script ${results.pollPopover.scriptMedianMs})`, ...verdict(results.pollPopover.paintMedianMs, TARGETS.updateMs, 'ms') },
  { target: `poll applied ≤ ${TARGETS.updateMs} ms (all 50 rows drawn, median, to the painted frame)`, measured: `${results.pollAllRows.paintMedianMs} ms (p95 ${results.pollAllRows.paintP95Ms}; script ${results.pollAllRows.scriptMedianMs})`, ...verdict(results.pollAllRows.paintMedianMs, TARGETS.updateMs, 'ms') },
  { target: `poll applied ≤ ${TARGETS.updateMs} ms (${MANY_MODELS} models, popover, all rows shown, median)`, measured: `${results.manyModels.pollPopoverAllRowsShown.paintMedianMs} ms (p95 ${results.manyModels.pollPopoverAllRowsShown.paintP95Ms})`, ...verdict(results.manyModels.pollPopoverAllRowsShown.paintMedianMs, TARGETS.updateMs, 'ms') },
  { target: `${MANY_MODELS} models without jank: no task over ${TARGETS.longTaskMs} ms while every row is shown and scrolled through`, measured: `longest ${longest([...showAllLong, ...scrollLong])} ms; ${showAllLong.length + scrollLong.length} tasks over ${TARGETS.longTaskMs} ms`, met: probeSees && showAllLong.length + scrollLong.length === 0, by: !probeSees ? 'probe failed' : showAllLong.length + scrollLong.length === 0 ? 'none' : `over by ${round1(longest([...showAllLong, ...scrollLong]) - TARGETS.longTaskMs)} ms (longest)` },
  { target: `JS heap ≤ ${TARGETS.heapMb} MB after ${HEAP_POLLS} polls (all rows)`, measured: `${finalHeap} MB`, ...verdict(finalHeap, TARGETS.heapMb, 'MB') },
  { target: 'JS heap not growing (poll 20 → 100, after GC)', measured: `${growthMb >= 0 ? '+' : ''}${growthMb} MB`, met: !growing, by: growing ? `grew ${growthMb} MB` : 'flat' },
  { target: `renderer JS ≤ ${TARGETS.bundleKbGzip} KB gzip`, measured: `${sizes.gzipKb} KB gzip (${sizes.rawKb} KB raw)`, ...verdict(sizes.gzipKb, TARGETS.bundleKbGzip, 'KB') },
];

console.log('');
console.table(targets.map((t) => ({ target: t.target, measured: t.measured, met: t.met ? 'yes' : 'NO', by: t.by })));
if (pageErrors.length > 0) console.log(`page errors: ${[...new Set(pageErrors)].join('; ')}`);

const when = new Date().toISOString();
mkdirSync('bench/results', { recursive: true });
const load = { before: round1(loadBefore), after: round1(loadAfter) };
writeFileSync('bench/results/ui.json', `${JSON.stringify({ when, node: process.version, cpus: cpus().length, load, chromium: chromiumVersion, models: MODELS, targets, results, pageErrors }, null, 2)}\n`);
const md = [
  '# UI benchmark',
  '',
  `Run ${when} on Node ${process.version}, ${cpus().length} CPUs (1-minute load average ${load.before} before, ${load.after} after: times are wall clock and grow with the load), Chromium ${chromiumVersion} (headless, no GPU). \`tsx bench/ui.ts\` loads the built renderer (out/renderer) with a fake \`window.pulsebar\`: ${MODELS} models, hourly series, answers delivered as separate tasks after a structured clone (as IPC replies are). Each model row has 3 sparklines, the Now view 4 tiles. Times run from the data's arrival (the first overview, held back 300 ms so the page has booted, or an overview-changed push) to the frame painted with every visible chart drawn, the series fetches included; the probe checks once a frame, so times are in frames (about 16.7 ms). The figures' time is when Chromium presented the frame holding the tiles' values (Element Timing), so it includes the compositor's work, not only the page's. The popover (380×560) draws only the rows in view; the tall page (380×6000) draws every chart: its first frame counts once the first 30 rows are drawn, and its polls run with all 50 rows shown ("Show more"), the worst case, which a popover never shows at once. ${MANY_MODELS} models: the same popover with every row shown by "Show more" and then scrolled through, 200 px a frame; jank is any main-thread task over ${TARGETS.longTaskMs} ms (Long Tasks API; the probe is checked on a deliberate 80 ms task).`,
  '',
  '## Targets',
  '',
  '| target | met | measured | by |',
  '|---|---|---|---|',
  ...targets.map((t) => `| ${t.target} | ${t.met ? 'yes' : 'no'} | ${t.measured} | ${t.by} |`),
  '',
  '## Details',
  '',
  '| measure | charts | figures painted, median (ms) | charts painted, median (ms) | p95 (ms) | last series applied, median (ms) | runs | charts kept across a poll |',
  '|---|---|---|---|---|---|---|---|',
  `| first frame, popover | ${results.firstFramePopover.charts} | ${results.firstFramePopover.figuresMedianMs} | ${results.firstFramePopover.paintMedianMs} | ${results.firstFramePopover.paintP95Ms} | ${results.firstFramePopover.scriptMedianMs} | ${results.firstFramePopover.runs} | |`,
  `| first frame, tall page | ${results.firstFrameTall.charts} | ${results.firstFrameTall.figuresMedianMs} | ${results.firstFrameTall.paintMedianMs} | ${results.firstFrameTall.paintP95Ms} | ${results.firstFrameTall.scriptMedianMs} | ${results.firstFrameTall.runs} | |`,
  `| poll, popover | ${results.pollPopover.charts} | | ${results.pollPopover.paintMedianMs} | ${results.pollPopover.paintP95Ms} | ${results.pollPopover.scriptMedianMs} | ${results.pollPopover.runs} | ${keptPopover ? 'yes' : 'no'} |`,
  `| poll, all 50 rows | ${results.pollAllRows.charts} | | ${results.pollAllRows.paintMedianMs} | ${results.pollAllRows.paintP95Ms} | ${results.pollAllRows.scriptMedianMs} | ${results.pollAllRows.runs} | ${keptAll ? 'yes' : 'no'} |`,
  `| ${MANY_MODELS} models: first frame, popover | ${results.manyModels.firstFramePopover.charts} | ${results.manyModels.firstFramePopover.figuresMs} | ${results.manyModels.firstFramePopover.paintMs} | | | 1 | |`,
  `| ${MANY_MODELS} models: poll, popover | ${results.manyModels.pollPopover.charts} | | ${results.manyModels.pollPopover.paintMedianMs} | ${results.manyModels.pollPopover.paintP95Ms} | ${results.manyModels.pollPopover.scriptMedianMs} | ${results.manyModels.pollPopover.runs} | |`,
  `| ${MANY_MODELS} models: poll, popover, all ${manyRows} rows shown | ${results.manyModels.pollPopoverAllRowsShown.charts} | | ${results.manyModels.pollPopoverAllRowsShown.paintMedianMs} | ${results.manyModels.pollPopoverAllRowsShown.paintP95Ms} | ${results.manyModels.pollPopoverAllRowsShown.scriptMedianMs} | ${results.manyModels.pollPopoverAllRowsShown.runs} | |`,
  '',
  `${MANY_MODELS} models, main-thread tasks over ${TARGETS.longTaskMs} ms: while "Show more" brought every row in: ${showAllLong.length === 0 ? 'none' : showAllLong.map((t) => `${round1(t)} ms`).join(', ')}; while the list was scrolled through (200 px a frame): ${scrollLong.length === 0 ? 'none' : scrollLong.map((t) => `${round1(t)} ms`).join(', ')}.`,
  '',
  `Heap (JSHeapUsedSize after a forced GC, all rows drawn), by polls: ${heap.map((h) => `${h.polls}: ${h.mb} MB`).join(', ')}.`,
  '',
  `Bundle: ${sizes.files.map((f) => `${f.file} ${round1(f.bytes / 1024)} KB raw, ${round1(f.gzip / 1024)} KB gzip`).join('; ')}.`,
  '',
];
writeFileSync('bench/results/ui.md', `${md.join('\n')}\n`);
console.log(`load average ${load.before} → ${load.after} on ${cpus().length} CPUs; wrote bench/results/ui.json and bench/results/ui.md`);
