// A fake window.pulsebar for the page (a workspace of N models, hourly series, polls pushed on
// demand) with the probes `tsx bench/ui.ts` reads; the large-workspace browser test uses it too.
// The fake runs in the page: it is serialised by Playwright, so it must not close over anything,
// and it is typed without the DOM (the Node tsconfig).
import type { AlertView, HeadlineFigures, ModelOverview, Overview, SeriesRequest, SettingsView } from '../../electron/contract';

export interface FakeOptions {
  models: number;
  /** The first poll's time, ms since the epoch; each later poll is 5 min on. */
  startMs: number;
  /** Holds back the first overview, so the page has booted when the data arrives (as a popover opened after startup has). */
  overviewDelayMs?: number;
}

/** What the benchmark reads back from the page. */
export interface Probe {
  overviewAt: number | null;
  seriesCalls: number;
  seriesPending: number;
  polls: number;
}

/**
 * Installs window.pulsebar and window.__bench (emit a poll, wait for the screen to settle) in the
 * page. Answers arrive as separate tasks after a structured clone, as IPC replies do.
 */
export function fakePulsebar(options: FakeOptions): void {
  type Listener = (payload: unknown) => void;
  interface Point {
    at: string;
    value: number | null;
  }
  // The page's own classes, typed here: the Node tsconfig has no DOM types.
  const g = globalThis as unknown as Record<string, unknown> & {
    MessageChannel: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(message: null): void } };
    MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void };
    PerformanceObserver: new (callback: (list: { getEntries(): unknown[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };
    requestAnimationFrame(callback: () => void): number;
    innerHeight: number;
    document: { querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): { top: number } }> };
  };
  const HOUR = 3_600_000;
  const listeners = new Map<string, Set<Listener>>();
  const probe = { overviewAt: null as number | null, seriesCalls: 0, seriesPending: 0, polls: 0, quietAt: 0, figuresPaintedAt: null as number | null, longTasks: [] as number[] };
  // Main-thread tasks over 50 ms (the Long Tasks API): what a user feels as jank while scrolling.
  new g.PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as { duration: number }[]) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  // Element Timing: a text element marked with `elementtiming` reports when it was first painted.
  // The tile values are marked the moment they are inserted (before the frame that paints them).
  type Marked = { setAttribute(name: string, value: string): void };
  const doc = g.document as unknown as { querySelectorAll(selector: string): ArrayLike<Marked> };
  new g.MutationObserver(() => {
    for (const value of Array.from(doc.querySelectorAll('[data-testid="value"]:not([elementtiming])'))) value.setAttribute('elementtiming', 'figures');
  }).observe(g.document, { childList: true, subtree: true });
  new g.PerformanceObserver((list) => {
    for (const entry of list.getEntries() as unknown as { identifier: string; renderTime: number }[]) {
      if (entry.identifier === 'figures' && probe.figuresPaintedAt === null) probe.figuresPaintedAt = entry.renderTime;
    }
  }).observe({ type: 'element', buffered: true });
  // One channel for every reply and probe: creating a MessageChannel costs more than a sparkline.
  const channel = new g.MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  /** Runs `task` in a later task (after every microtask of this one, Svelte's flush included). */
  const later = (task: () => void): void => {
    queue.push(task);
    channel.port2.postMessage(null);
  };
  /** Resolves in a later task, with a copy: an IPC reply is a new task and a clone. */
  const reply = <T>(value: T): Promise<T> => new Promise((resolve) => later(() => resolve(structuredClone(value))));

  const hash = (text: string): number => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0) / 4294967296;
  };
  const names = Array.from({ length: options.models }, (_, i) => `model-${String(i).padStart(3, '0')}-${Math.floor(hash(`m${i}`) * 1e6).toString(36)}`);
  const fetchedAt = (): number => options.startMs + probe.polls * 5 * 60_000;

  // Typed against the contract (types only: nothing of it reaches the page), so the fake keeps up with it.
  function figures(seed: string): HeadlineFigures {
    const r = hash(seed + probe.polls);
    return {
      inferences: { current: Math.round(1000 + 20000 * r), previous: Math.round(1000 + 20000 * hash(seed)) },
      errorRate: { current: 0.01 * r, previous: 0.01 * hash(seed) },
      avgConfidence: { current: 0.6 + 0.3 * r, previous: 0.6 + 0.3 * hash(seed) },
      avgLatencySeconds: { current: 0.05 + 0.3 * r, previous: 0.05 + 0.3 * hash(seed) },
    };
  }

  function overview(): Overview {
    const at = new Date(fetchedAt()).toISOString();
    const alertOf = (model: string, index: number, severity: 'warning' | 'critical'): AlertView => ({
      id: index + 1,
      rule: severity === 'critical' ? 'ModelSilent' : 'ConfidenceDrop',
      model,
      className: null,
      severity,
      message: `${model}: ${severity === 'critical' ? 'no inferences in the last 30 min (usually ~240)' : 'mean confidence 0.61, usually 0.80'}`,
      startedAt: new Date(options.startMs - 3 * HOUR).toISOString(),
      endedAt: null,
      acknowledged: false,
      figures: {},
    });
    const models = names.map((model, index): ModelOverview => {
      const severity = index === 0 ? ('critical' as const) : index < 3 ? ('warning' as const) : null;
      return {
        model,
        health: severity ?? 'ok',
        figures: figures(model),
        serverVersions: ['0.16.0'],
        deploymentTypes: ['hosted'],
        classes: ['a', 'b', ''],
        activeAlerts: severity === null ? [] : [alertOf(model, index, severity)],
      };
    });
    return {
      workspace: 'bench-workspace',
      demo: false,
      health: 'critical',
      window: '24h',
      fetchedAt: at,
      totals: figures('workspace'),
      models,
      activeAlerts: models.flatMap((m) => m.activeAlerts),
      snoozes: [],
      poll: { status: 'idle', lastPollAt: at, lastSuccessAt: at, nextPollAt: null, consecutiveFailures: 0, lastError: null, offline: false },
    };
  }

  function series(request: SeriesRequest): Point[] {
    const first = Math.ceil(Date.parse(request.from) / HOUR);
    const end = Math.ceil(Date.parse(request.to) / HOUR);
    const { scope } = request;
    const key = `${scope.level}/${scope.level === 'workspace' ? '' : scope.model}/${scope.level === 'class' ? scope.className : ''}/${request.metric}`;
    const base = hash(key);
    const points: Point[] = [];
    for (let hour = first; hour < end; hour++) {
      // The running hour fills up from poll to poll, as it does in the app: its value changes.
      const r = hash(key + hour + (hour === end - 1 ? `/${probe.polls}` : ''));
      const diurnal = 0.5 + 0.5 * Math.sin((hour % 24) / 3.8);
      const value =
        r < 0.03
          ? null
          : request.metric === 'inferences'
            ? Math.round(200 + 800 * base * diurnal + 50 * r)
            : request.metric === 'avgConfidence'
              ? 0.7 + 0.1 * base + 0.02 * r
              : request.metric === 'errorRate'
                ? 0.005 * r
                : 0.05 + 0.2 * base + 0.02 * r;
      points.push({ at: new Date(hour * HOUR).toISOString(), value });
    }
    return points;
  }

  const settings: SettingsView = {
    workspace: 'bench-workspace',
    baseUrl: 'https://api.roboflow.com',
    models: [],
    intervalMinutes: 5,
    window: '24h',
    demo: false,
    onboarded: true,
    launchAtLogin: false,
    notificationsEnabled: true,
    retention: { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 },
    alerts: {},
    ruleDefaults: {},
    knownModels: names,
    resetPatch: {},
    apiKey: { set: true, last4: 'abcd', protection: 'os', problem: null },
    notices: [],
  };

  const api = {
    appInfo: () => reply({ name: 'Pulsebar', version: 'bench' }),
    getOverview: async () => {
      if (probe.overviewAt === null && (options.overviewDelayMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.overviewDelayMs));
      const value = overview();
      return reply(value).then((copy) => {
        probe.overviewAt = performance.now();
        return copy;
      });
    },
    getSettings: () => reply(settings),
    getSeries: (requests: Parameters<typeof series>[0][]) => {
      probe.seriesCalls += requests.length;
      probe.seriesPending += requests.length;
      return reply(requests.map(series)).then((answers) => {
        probe.seriesPending -= requests.length;
        // When the last answer is in and its effects have run (the charts updated): script time.
        if (probe.seriesPending === 0) later(() => (probe.quietAt = performance.now()));
        return answers;
      });
    },
    getSnapshotAt: () => reply(null),
    listAlerts: () => reply([]),
    snooze: () => reply(undefined),
    acknowledgeAlert: () => reply(false),
    updateSettings: () => reply({ ok: true, settings }),
    setApiKey: () => reply({ ok: false, reason: 'unavailable', message: 'bench' }),
    testConnection: () => reply({ ok: true, message: 'bench' }),
    pollNow: () => reply(overview()),
    setPaused: () => reply(overview()),
    exportHistory: () => reply({ saved: false, path: null }),
    on(event: string, listener: Listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
  };
  Object.defineProperty(g, 'pulsebar', { value: Object.freeze(api) });

  const nextFrame = (): Promise<void> => new Promise((resolve) => g.requestAnimationFrame(() => resolve()));
  type Box = { getBoundingClientRect(): { top: number; bottom: number }; querySelectorAll(selector: string): ArrayLike<object> };
  const all = (selector: string): Box[] => Array.from(g.document.querySelectorAll(selector) as unknown as ArrayLike<Box>);
  /** chart.js marks each canvas it has taken with a $chartjs expando. */
  const drawn = (box: Box): number => Array.from(box.querySelectorAll('canvas')).filter((canvas) => '$chartjs' in canvas).length;
  /** The tiles or rows (`selector`) in the panel's visible part: the part the app draws (rows clipped out of it are left for later). */
  const inView = (selector: string): Box[] => {
    const panel = all('.panel')[0]?.getBoundingClientRect();
    if (panel === undefined) return [];
    return all(selector).filter((box) => {
      const rect = box.getBoundingClientRect();
      return rect.top < Math.min(panel.bottom, g.innerHeight) && rect.bottom > Math.max(panel.top, 0);
    });
  };
  const TILES = '[data-testid^="tile-"]';
  const ROWS = '[data-testid="model-row"]';
  /** Charts the screen should show but does not yet: 1 per tile and 3 per model row in view. */
  const chartsMissing = (): number => {
    const missing = (selector: string, per: number): number => inView(selector).reduce((sum, box) => sum + Math.max(0, per - drawn(box)), 0);
    return missing(TILES, 1) + missing(ROWS, 3);
  };
  /** Charts drawn in view: the ones a poll must bring new points to. */
  const chartsInView = (): number => inView(`${TILES}, ${ROWS}`).reduce((sum, box) => sum + drawn(box), 0);
  /** Charts drawn on the page (rows scrolled past keep theirs). */
  const canvases = (): number => all('canvas').filter((canvas) => '$chartjs' in canvas).length;

  /**
   * Checked once a frame (a busy probe would steal the thread it measures): once every series
   * asked for since `sinceCalls` has arrived and every chart's canvas is in place, the charts are
   * drawn in this frame (new ones when it lays out), and a task queued now runs after its paint.
   */
  async function settled(sinceCalls: number, minCalls: number): Promise<{ scriptAt: number; paintAt: number }> {
    for (;;) {
      await nextFrame();
      if (probe.seriesPending === 0 && probe.seriesCalls - sinceCalls >= minCalls && chartsMissing() === 0) break;
    }
    const paintAt = await new Promise<number>((resolve) => later(() => resolve(performance.now())));
    return { scriptAt: probe.quietAt, paintAt };
  }

  /** Scrolls the popover (the panel if it scrolls, else the page) from the top to the bottom, `step` px a frame, and waits for the charts that came into view. */
  async function scrollThrough(step: number): Promise<void> {
    type Scroller = { scrollTop: number; scrollHeight: number; clientHeight: number };
    const doc = g.document as unknown as { querySelector(s: string): Scroller | null; scrollingElement: Scroller };
    const panel = doc.querySelector('.panel');
    const scroller = panel !== null && panel.scrollHeight > panel.clientHeight ? panel : doc.scrollingElement;
    scroller.scrollTop = 0;
    await nextFrame();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += step;
      await nextFrame();
    }
    await settled(probe.seriesCalls, 0);
  }

  g['__bench'] = {
    scrollThrough,
    probe,
    canvases,
    chartsMissing,
    /**
     * First load: from the overview's arrival to the frame with every visible chart drawn, once at
     * least `rows` model rows are on the page (the rows below the fold come in when the page is idle).
     */
    async firstFrame(rows = 1) {
      while (probe.overviewAt === null) await nextFrame();
      let done = await settled(0, 4 + 3 * 1);
      while (g.document.querySelectorAll('[data-testid="model-row"]').length < rows) done = await settled(0, 4 + 3 * rows);
      // When the figures were painted, by the Element Timing API (the tile values are marked as they appear).
      while (probe.figuresPaintedAt === null) await nextFrame();
      return { figuresMs: probe.figuresPaintedAt - probe.overviewAt, scriptMs: done.scriptAt - probe.overviewAt, paintMs: done.paintAt - probe.overviewAt, charts: canvases() };
    },
    /** Pushes the next poll as main does and waits until every drawn chart has its new points. */
    async poll() {
      probe.polls++;
      const next = overview();
      const calls = probe.seriesCalls;
      const shown = chartsInView();
      const start = performance.now();
      for (const listener of listeners.get('overview-changed') ?? []) listener(structuredClone(next));
      const done = await settled(calls, shown);
      return { scriptMs: done.scriptAt - start, paintMs: done.paintAt - start, charts: canvases() };
    },
  };
}
