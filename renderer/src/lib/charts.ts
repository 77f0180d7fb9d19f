// chart.js for sparklines only. The few parts a line sparkline needs are registered (not
// chart.js/auto, which pulls in every controller and scale). A popover may hold 150 of these, so
// each is built to cost little (measured by bench/ui.ts):
// - a fixed size from one shared ResizeObserver, not `responsive`, which measures every canvas
//   with getComputedStyle (a forced layout each, between DOM writes);
// - scale ranges computed here and no ticks: hidden axes still format and measure tick labels;
// - data already in chart.js's internal shape (`parsing: false`) and static options: per-point
//   scriptable options are resolved per point, on every update;
// - what is special about single points (the running period, a point alone between gaps, the
//   hovered one) is drawn by a small plugin rather than by per-point styles;
// - the area under the line is filled by that plugin too: chart.js's Filler interpolates each
//   segment's boundary and took a third of every update (measured), for a plain area to the axis.
// Sparkline.svelte owns the lifecycle and the HTML tooltip.
import { Chart, LineController, LineElement, LinearScale, PointElement, type ChartEvent, type Plugin, type Scale } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale);

export interface SparklineColors {
  line: string;
  fill: string;
  /** The surface behind the chart: a hollow point is filled with it. */
  surface: string;
}

export interface SparklineOptions {
  width: number;
  height: number;
  colors: SparklineColors;
  /** The last point covers a period still running (this hour, today): drawn dashed and hollow. */
  partial: boolean;
  /** Bounds of the y axis: fixed, unless minSpan is set (then limits the axis never passes). */
  min?: number | undefined;
  max?: number | undefined;
  /**
   * The y axis follows the data but spans at least this much: a confidence moving by 0.01 stays
   * a flat line, and one falling by 0.2 is a drop (0..1 would flatten both, auto would swell both).
   */
  minSpan?: number | undefined;
  /** The point under the pointer (its index and x in canvas pixels), or null when it leaves. */
  onHover: (hover: { index: number; x: number } | null) => void;
}

/** One sparkline on a canvas: updated in place, resized, recoloured, destroyed by its owner. */
export interface SparklineChart {
  update(values: readonly (number | null)[], partial: boolean): void;
  resize(width: number): void;
  recolor(colors: SparklineColors): void;
  destroy(): void;
}

type Values = readonly (number | null)[];

/** [low, high] widened to at least `span` around its middle, kept within [lower, upper]. */
export function fitSpan(low: number, high: number, span: number, lower: number, upper: number): [number, number] {
  if (high - low >= span) return [Math.max(low, lower), Math.min(high, upper)];
  const middle = (low + high) / 2;
  let from = middle - span / 2;
  let to = middle + span / 2;
  if (from < lower) [from, to] = [lower, Math.min(upper, lower + span)];
  if (to > upper) [from, to] = [Math.max(lower, upper - span), upper];
  return [from, to];
}

/** The y range for `values` (the partial point included): fixed bounds, or the data's, at least minSpan wide. */
export function yRange(values: Values, bounds: Pick<SparklineOptions, 'min' | 'max' | 'minSpan'>): [number, number] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return [bounds.min ?? 0, bounds.max ?? 1];
  const low = Math.min(...known);
  const high = Math.max(...known);
  if (bounds.minSpan !== undefined) return fitSpan(low, high, bounds.minSpan, bounds.min ?? -Infinity, bounds.max ?? Infinity);
  const from = bounds.min ?? low;
  const to = bounds.max ?? high;
  // A flat series still needs a range: the line then sits at the top (from a fixed 0) or mid-height.
  return to > from ? [from, to] : bounds.min !== undefined ? [from, from + (Math.abs(from) || 1)] : [from - (Math.abs(from) * 0.1 || 1), from + (Math.abs(from) * 0.1 || 1)];
}

/** A point no segment touches would be invisible (spanGaps is off): it gets a dot. */
export function isolated(values: Values, index: number): boolean {
  return values[index] !== null && values[index] !== undefined && (values[index - 1] ?? null) === null && (values[index + 1] ?? null) === null;
}

/**
 * The data as chart.js keeps it ({x, y}, x the index). The running period is left out of the
 * line: the plugin draws it dashed, so its lower value does not read as a drop.
 */
const lineValues = (values: Values, partial: boolean): Values => (partial && values.length > 0 ? [...values.slice(0, -1), null] : values);
const toData = (values: Values, partial: boolean): { x: number; y: number | null }[] => lineValues(values, partial).map((y, x) => ({ x, y }));

/** The [first, last] indexes of each run of two or more known values (a lone point has no area). */
export function runs(values: Values): [number, number][] {
  const found: [number, number][] = [];
  let start = -1;
  for (let index = 0; index <= values.length; index++) {
    const known = index < values.length && values[index] !== null && values[index] !== undefined;
    if (known && start < 0) start = index;
    if (!known && start >= 0) {
      if (index - 1 > start) found.push([start, index - 1]);
      start = -1;
    }
  }
  return found;
}

const noTicks = (scale: Scale): void => {
  scale.ticks = [];
};

export function createSparkline(canvas: HTMLCanvasElement, initial: Values, options: SparklineOptions): SparklineChart {
  // The plugin and the updates read these, so nothing needs a new config.
  let values: Values = initial;
  let partial = options.partial;
  let colors = options.colors;
  let hovered: number | null = null;

  const marks: Plugin<'line'> = {
    id: 'sparklineMarks',
    beforeDatasetsDraw(chart) {
      // The area under each unbroken run of the line, down to the bottom of the axis (a gap stays
      // empty; the running period, drawn dashed, gets no area).
      const { ctx, chartArea } = chart;
      const x = chart.scales['x']!;
      const y = chart.scales['y']!;
      const line = lineValues(values, partial);
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.fillStyle = colors.fill;
      ctx.beginPath();
      for (const [first, last] of runs(line)) {
        ctx.moveTo(x.getPixelForValue(first), chartArea.bottom);
        for (let index = first; index <= last; index++) ctx.lineTo(x.getPixelForValue(index), y.getPixelForValue(line[index]!));
        ctx.lineTo(x.getPixelForValue(last), chartArea.bottom);
        ctx.closePath();
      }
      ctx.fill();
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const x = chart.scales['x']!;
      const y = chart.scales['y']!;
      const at = (index: number): [number, number] => [x.getPixelForValue(index), y.getPixelForValue(values[index]!)];
      const dot = (index: number, radius: number, fill: string): void => {
        const [px, py] = at(index);
        ctx.beginPath();
        ctx.arc(px, py, radius, 0, Math.PI * 2);
        ctx.fillStyle = fill;
        ctx.fill();
        ctx.stroke();
      };
      const last = values.length - 1;
      ctx.save();
      ctx.strokeStyle = colors.line;
      ctx.lineWidth = 1.5;
      for (let index = 0; index < values.length; index++) {
        if (partial && index === last) continue;
        if (isolated(values, index)) dot(index, 1, colors.line);
      }
      if (partial && last >= 0 && values[last] !== null) {
        if (last > 0 && values[last - 1] !== null) {
          ctx.setLineDash([3, 2]);
          ctx.beginPath();
          ctx.moveTo(...at(last - 1));
          ctx.lineTo(...at(last));
          ctx.stroke();
          ctx.setLineDash([]);
        }
        dot(last, 2.5, colors.surface);
      }
      if (hovered !== null && values[hovered] !== null && values[hovered] !== undefined) dot(hovered, 3, colors.line);
      ctx.restore();
    },
  };

  const [low, high] = yRange(values, options);
  // Attributes, not CSS: chart.js then takes the size as given instead of measuring the canvas.
  canvas.width = options.width;
  canvas.height = options.height;
  const chart = new Chart<'line', { x: number; y: number | null }[]>(canvas, {
    type: 'line',
    data: {
      datasets: [
        {
          data: toData(values, partial),
          borderColor: colors.line,
          borderWidth: 1.5,
          tension: 0,
          // Missing hours are gaps, never a line drawn across them (that would invent data).
          spanGaps: false,
          pointRadius: 0,
          pointHoverRadius: 0,
          pointHitRadius: 0,
        },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      parsing: false,
      normalized: true,
      // Mouse only: the canvas takes no clicks, so a click on a list row reaches the row.
      events: ['mousemove', 'mouseout'],
      // Room for the hollow ring of the running period, and the hover dot, at the edges.
      layout: { padding: { top: 4, bottom: 3, left: 4, right: 5 } },
      scales: {
        // ticks.display too: with it on, hidden axes still measure labels to skip some.
        x: { type: 'linear', display: false, min: 0, max: Math.max(1, values.length - 1), ticks: { display: false }, afterBuildTicks: noTicks },
        y: { type: 'linear', display: false, min: low, max: high, ticks: { display: false }, afterBuildTicks: noTicks },
      },
      onHover(event: ChartEvent, _elements, target) {
        const x = target.scales['x'];
        const index = event.type === 'mouseout' || event.x === null || x === undefined ? null : Math.round(x.getValueForPixel(event.x) ?? NaN);
        const next = index === null || !(index >= 0 && index < values.length) ? null : index;
        if (next === hovered) return;
        hovered = next;
        target.draw();
        options.onHover(next === null ? null : { index: next, x: x!.getPixelForValue(next) });
      },
    },
    plugins: [marks],
  });

  return {
    update(nextValues, nextPartial) {
      // A poll often brings the same hours back (an unchanged model, an offline poll): no redraw.
      if (nextPartial === partial && sameValues(nextValues, values)) return;
      values = nextValues;
      partial = nextPartial;
      hovered = null;
      const [from, to] = yRange(values, options);
      const scales = chart.options.scales!;
      scales['x']!.max = Math.max(1, values.length - 1);
      scales['y']!.min = from;
      scales['y']!.max = to;
      chart.data.datasets[0]!.data = toData(values, partial);
      chart.update('none');
    },
    resize(width) {
      chart.resize(width, options.height);
    },
    recolor(next) {
      colors = next;
      const dataset = chart.data.datasets[0]!;
      dataset.borderColor = next.line;
      chart.update('none');
    },
    destroy: () => chart.destroy(),
  };
}

function sameValues(a: Values, b: Values): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

// Charts are built in tasks after the frame that sized them is painted: the figures show at
// once, and the sparklines (a few ms of chart.js each) follow, in slices of about one frame's
// worth of work, so that rows scrolled into view never hold the page up for long.
const SLICE_MS = 12;
const pending: (() => void)[] = [];
const afterPaint = typeof MessageChannel === 'function' ? new MessageChannel() : null;
if (afterPaint !== null) {
  afterPaint.port1.onmessage = () => {
    const until = performance.now() + SLICE_MS;
    do pending.shift()!();
    while (pending.length > 0 && performance.now() < until);
    if (pending.length > 0) afterPaint.port2.postMessage(null);
  };
}

/** Runs `task` soon after the current frame is painted (a ResizeObserver callback runs just before). */
export function afterThisFrame(task: () => void): void {
  if (afterPaint === null) return task();
  pending.push(task);
  if (pending.length === 1) afterPaint.port2.postMessage(null);
}

/** Runs `task` soon after the next frame is painted, from anywhere. */
export function afterNextPaint(task: () => void): void {
  requestAnimationFrame(() => afterThisFrame(task));
}

// One ResizeObserver for every sparkline: its first report comes after layout, for all of them
// at once, so sizing N charts costs one layout instead of N forced ones.
const sizeWatchers = new WeakMap<Element, (width: number) => void>();
let sizeObserver: ResizeObserver | null = null;

/** Calls `onWidth` with the element's content width now (after the next layout) and on each change. */
export function observeWidth(element: Element, onWidth: (width: number) => void): () => void {
  sizeObserver ??= new ResizeObserver((entries) => {
    for (const entry of entries) sizeWatchers.get(entry.target)?.(entry.contentRect.width);
  });
  sizeWatchers.set(element, onWidth);
  sizeObserver.observe(element);
  return () => {
    sizeObserver?.unobserve(element);
    sizeWatchers.delete(element);
  };
}

// One IntersectionObserver for every sparkline: a chart scrolled out of view is not redrawn on
// each poll, only when it comes back (a long list keeps its rows' charts once drawn).
const visibilityWatchers = new WeakMap<Element, (visible: boolean) => void>();
let visibilityObserver: IntersectionObserver | null = null;

/** Calls `onVisible` with whether the element is on screen (or near it), now and on each change. */
export function observeVisibility(element: Element, onVisible: (visible: boolean) => void): () => void {
  visibilityObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) visibilityWatchers.get(entry.target)?.(entry.isIntersecting);
    },
    { rootMargin: '100px' },
  );
  visibilityWatchers.set(element, onVisible);
  visibilityObserver.observe(element);
  return () => {
    visibilityObserver?.unobserve(element);
    visibilityWatchers.delete(element);
  };
}

// Colours by the CSS colour asked for and the scheme: 150 sparklines share a handful of colours,
// and getComputedStyle between chart writes would recalculate styles each time.
const colorCache = new Map<string, SparklineColors>();
const darkScheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
darkScheme?.addEventListener('change', () => colorCache.clear());

/**
 * Colours as the canvas needs them, resolved by the browser (light-dark() and var() included,
 * which getPropertyValue would return unresolved): the line is the element's `color`, the
 * surface its `outline-color` (set, never drawn: the element has no outline style).
 */
export function resolveColors(element: HTMLElement, color: string): SparklineColors {
  const key = `${color}|${darkScheme?.matches === true ? 'dark' : 'light'}`;
  const cached = colorCache.get(key);
  if (cached !== undefined) return cached;
  const style = getComputedStyle(element);
  const colors = { line: style.color, fill: withAlpha(style.color, 0.14), surface: style.outlineColor };
  colorCache.set(key, colors);
  return colors;
}

/** "rgb(75, 63, 196)" → "rgba(75, 63, 196, 0.14)"; anything else is returned as is. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(color);
  return match === null ? color : `rgba(${match[1]}, ${match[2]}, ${match[3]}, ${alpha})`;
}
