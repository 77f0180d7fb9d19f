// Series for the Now and Model views: which range to ask main for, how to fold a range of hourly
// (or daily) points into one figure, and whether a change is good or bad news. Pure, except
// loadSeries, which asks window.pulsebar.
import { MAX_SERIES_PER_CALL, type AlertView, type FigurePair, type Metric, type ModelOverview, type SeriesPointView, type SeriesRequest, type SeriesScope, type WindowLength } from '../../../electron/contract';
import { change } from './format';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export type RangeName = '24h' | '7d' | '30d';

export interface SeriesRange {
  from: string;
  to: string;
  /** "last 24 h", for labels. */
  label: string;
  /** The length of one point: hourly up to 7 days, daily beyond (main decides the same way). */
  bucketMs: number;
}

export const RANGE_LABELS: Readonly<Record<RangeName, string>> = { '24h': '24 h', '7d': '7 d', '30d': '30 d' };
const RANGE_MS: Readonly<Record<RangeName, number>> = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS };

/** The range ending now: its last point is the running hour (or day), partial. */
export function rangeEndingAt(name: RangeName, now: number): SeriesRange {
  const span = RANGE_MS[name];
  return { from: new Date(now - span).toISOString(), to: new Date(now).toISOString(), label: `last ${RANGE_LABELS[name]}`, bucketMs: span <= 7 * DAY_MS ? HOUR_MS : DAY_MS };
}

/** The same length just before `range`: what a change is measured against. */
export function previousRange(range: SeriesRange): SeriesRange {
  const from = new Date(range.from).getTime();
  const span = new Date(range.to).getTime() - from;
  return { ...range, from: new Date(from - span).toISOString(), to: range.from, label: `previous ${range.label.replace(/^last /, '')}` };
}

/**
 * The sparkline range for the headline window. One hour would be a single hourly point, so the
 * 1 h window still shows the last 24 h; 7 d shows 7 days, hourly.
 */
export function headlineRange(window: WindowLength, now: number): SeriesRange {
  return rangeEndingAt(window === '7d' ? '7d' : '24h', now);
}

/** Whether the last point of a series of `range` is a period that was still running at the range's end. */
export function lastIsPartial(points: readonly SeriesPointView[], range: SeriesRange): boolean {
  const last = points.at(-1);
  return last !== undefined && new Date(last.at).getTime() + range.bucketMs > new Date(range.to).getTime();
}

/** The three sparklines of a model row. */
export interface RowSeries {
  volume: SeriesPointView[];
  confidence: SeriesPointView[];
  latency: SeriesPointView[];
}

/** The series asked for in this turn, not yet sent. */
let batch: { request: SeriesRequest; resolve: (points: SeriesPointView[]) => void; reject: (error: unknown) => void }[] = [];

/**
 * One series from main. Every series asked for in the same turn (a view's tiles and rows, which
 * ask from their effects in one flush) goes in one getSeries call: one message and one reply
 * task instead of forty, so the charts are updated together, in one frame.
 */
export function loadSeries(scope: SeriesScope, metric: Metric, range: Pick<SeriesRange, 'from' | 'to'>): Promise<SeriesPointView[]> {
  return new Promise((resolve, reject) => {
    if (batch.length === 0) queueMicrotask(sendBatch);
    batch.push({ request: { scope, metric, from: range.from, to: range.to }, resolve, reject });
  });
}

function sendBatch(): void {
  const sent = batch;
  batch = [];
  for (let start = 0; start < sent.length; start += MAX_SERIES_PER_CALL) {
    const part = sent.slice(start, start + MAX_SERIES_PER_CALL);
    // A throw (not a rejection) must settle the part too, and leave the other parts to go.
    new Promise<SeriesPointView[][]>((resolve) => resolve(window.pulsebar.getSeries(part.map((entry) => entry.request)))).then(
      (answers) => part.forEach((entry, index) => entry.resolve(answers[index] ?? [])),
      (error: unknown) => part.forEach((entry) => entry.reject(error)),
    );
  }
}

const known = (points: readonly SeriesPointView[]): number[] => points.flatMap((p) => (p.value === null ? [] : [p.value]));

/** The sum of the known points; null when none is known (no data is not zero). */
export function sumOf(points: readonly SeriesPointView[]): number | null {
  const values = known(points);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

/**
 * The mean of per-bucket averages, each weighted by its bucket's weight (detections for a
 * per-detection confidence), points matched by time. Without weights, a plain mean.
 */
export function weightedMean(values: readonly SeriesPointView[], weights?: readonly SeriesPointView[]): number | null {
  const weightAt = weights === undefined ? null : new Map(weights.map((p) => [p.at, p.value]));
  let sum = 0;
  let total = 0;
  for (const point of values) {
    if (point.value === null) continue;
    const weight = weightAt === null ? 1 : (weightAt.get(point.at) ?? 0);
    if (weight === null || weight <= 0) continue;
    sum += point.value * weight;
    total += weight;
  }
  return total > 0 ? sum / total : null;
}

/**
 * A figure over the complete buckets of the current range against the same buckets one range
 * earlier (the same hours of the day, for 24 h), like for like: the running bucket is left out
 * (a half-filled hour is not a fall), and so is every bucket whose counterpart the history lacks
 * (a fresh install holds a few hours of one period and others of the next; comparing those sums
 * would invent a change). `previous` is the range of equal length before `current`; `fold`
 * makes one figure of some buckets (a sum by default).
 */
export function completeChange(
  current: readonly SeriesPointView[],
  previous: readonly SeriesPointView[],
  partial: boolean,
  fold: (points: readonly SeriesPointView[]) => number | null = sumOf,
): FigurePair {
  const complete = partial ? current.slice(0, -1) : current;
  const now: SeriesPointView[] = [];
  const before: SeriesPointView[] = [];
  complete.forEach((point, index) => {
    const counterpart = previous[index];
    if (counterpart === undefined || counterpart.value === null || point.value === null) return;
    now.push(point);
    before.push(counterpart);
  });
  if (now.length === 0) return { current: null, previous: null };
  return { current: fold(now), previous: fold(before) };
}

/** How many of a series' buckets the history holds. */
export function coverage(points: readonly SeriesPointView[]): { known: number; total: number } {
  return { known: known(points).length, total: points.length };
}

export type Tone = 'good' | 'bad' | 'neutral';

export interface ChangeView {
  /** "+12%", "−40%". */
  text: string;
  direction: 'up' | 'down' | 'flat';
  tone: Tone;
  /** For screen readers and the title: "down 40%, worse". */
  description: string;
}

/** Below this relative change a move is noise: shown with its arrow, but not coloured. */
export const NOTABLE_CHANGE = 0.05;

/** Which way is good news: traffic and confidence up, errors and latency down; 'none' when neither is. */
export type Better = 'up' | 'down' | 'none';

/** The change from previous to current, judged by which way is good news. */
export function judgeChange(pair: FigurePair, better: Better): ChangeView | null {
  const moved = change(pair.current, pair.previous);
  if (moved === null || pair.current === null || pair.previous === null) return null;
  const ratio = Math.abs((pair.current - pair.previous) / pair.previous);
  const tone: Tone = better === 'none' || moved.direction === 'flat' || ratio < NOTABLE_CHANGE ? 'neutral' : moved.direction === better ? 'good' : 'bad';
  const verdict = tone === 'good' ? ', better' : tone === 'bad' ? ', worse' : '';
  const description = moved.direction === 'flat' ? 'unchanged' : `${moved.direction} ${moved.text.replace(/^[+\-−]/, '')}${verdict}`;
  return { ...moved, tone, description };
}

export const ARROWS: Readonly<Record<ChangeView['direction'], string>> = { up: '↑', down: '↓', flat: '→' };

/** "12,345 → 13,002": the first and last known values, for a sparkline's accessible name. */
export function summary(points: readonly SeriesPointView[], format: (value: number | null) => string): string {
  const values = known(points);
  if (values.length === 0) return 'no data';
  if (values.length === 1) return format(values[0]!);
  return `${format(values[0]!)} → ${format(values.at(-1)!)}`;
}

/** The model's classes: those main reports for the headline window, then any its alerts name (a class gone quiet). `''` is the no-detection row. */
export function classesOf(model: ModelOverview | undefined, alerts: readonly AlertView[]): string[] {
  const named = alerts.flatMap((a) => (a.className === null ? [] : [a.className]));
  return [...new Set([...(model?.classes ?? []), ...named])];
}

/** The class as people read it: the no-detection row is "no detection". */
export const classLabel = (name: string): string => (name === '' ? 'no detection' : name);

/** The four figures a glance reads; each has a tile, and a model row has three of them. */
export type Facet = 'volume' | 'errors' | 'confidence' | 'latency';

/** Which figure an alert rule is about (rules not listed are about none of them). */
const RULE_FACET: Readonly<Record<string, Facet>> = {
  ModelSilent: 'volume',
  TrafficDrop: 'volume',
  ErrorRateUp: 'errors',
  ConfidenceDrop: 'confidence',
  LatencyUp: 'latency',
};

/**
 * The colour of a figure's sparkline: the worst active alert about that figure says where the
 * trouble is; without one, the accent. Info alerts do not colour anything.
 */
export function facetColor(alerts: readonly AlertView[], facet: Facet): string {
  const about = alerts.filter((a) => RULE_FACET[a.rule] === facet && a.endedAt === null);
  if (about.some((a) => a.severity === 'critical')) return 'var(--critical)';
  if (about.some((a) => a.severity === 'warning')) return 'var(--warning)';
  return 'var(--accent)';
}

/** An alert's message without the model name in front, for where the model is already named. */
export function messageWithin(alert: AlertView, model: string): string {
  return alert.message.startsWith(`${model}: `) ? alert.message.slice(model.length + 2) : alert.message;
}

/** One class of a model over a range (the Model view's table). */
export interface ClassFigures {
  className: string;
  inferences: number | null;
  detections: number | null;
  /** Per detection, like the API's. */
  meanConfidence: number | null;
  /** The hourly medians averaged, weighted by detections: a median of a range cannot be rebuilt from hourly ones. */
  medianConfidence: number | null;
  /** Of the model's inferences in the range. */
  share: number | null;
  /** Inferences, complete buckets against those before, like for like. */
  change: FigurePair;
  volume: SeriesPointView[];
  confidence: SeriesPointView[];
}

/** A model over a range (the Model view). */
export interface ModelFigures {
  range: SeriesRange;
  partial: boolean;
  inferences: number | null;
  meanConfidence: number | null;
  meanLatency: number | null;
  /** Complete buckets against those before, like for like. */
  changes: { inferences: FigurePair; confidence: FigurePair; latency: FigurePair };
  /** The buckets of the range the history holds for this model. */
  coverage: { known: number; total: number };
  volume: SeriesPointView[];
  confidence: SeriesPointView[];
  latency: SeriesPointView[];
  /** Busiest first. */
  classes: ClassFigures[];
}

type Fetch = (scope: SeriesScope, metric: Metric, range: SeriesRange) => Promise<SeriesPointView[]>;

/** The current and previous range of one series. */
async function both(fetch: Fetch, scope: SeriesScope, metric: Metric, range: SeriesRange): Promise<[SeriesPointView[], SeriesPointView[]]> {
  return Promise.all([fetch(scope, metric, range), fetch(scope, metric, previousRange(range))]);
}

export async function loadClassFigures(model: string, className: string, range: SeriesRange, modelInferences: number | null, fetch: Fetch = loadSeries): Promise<ClassFigures> {
  const scope: SeriesScope = { level: 'class', model, className };
  const [[volume, before], detections, confidence, median] = await Promise.all([
    both(fetch, scope, 'inferences', range),
    fetch(scope, 'detections', range),
    fetch(scope, 'avgConfidence', range),
    fetch(scope, 'medianConfidence', range),
  ]);
  const inferences = sumOf(volume);
  // The no-detection row has no confidence (the API counts it as 0): nothing to average.
  const noDetection = className === '';
  return {
    className,
    inferences,
    // Its class_count is its inferences: they are not detections.
    detections: noDetection ? null : sumOf(detections),
    meanConfidence: noDetection ? null : weightedMean(confidence, detections),
    medianConfidence: noDetection ? null : weightedMean(median, detections),
    share: inferences === null || modelInferences === null || modelInferences === 0 ? null : inferences / modelInferences,
    change: completeChange(volume, before, lastIsPartial(volume, range)),
    volume,
    confidence,
  };
}

export async function loadModelFigures(model: string, classes: readonly string[], range: SeriesRange, fetch: Fetch = loadSeries): Promise<ModelFigures> {
  const scope: SeriesScope = { level: 'model', model };
  const [[volume, volumeBefore], [confidence, confidenceBefore], [latency, latencyBefore], [detections, detectionsBefore]] = await Promise.all([
    both(fetch, scope, 'inferences', range),
    both(fetch, scope, 'avgConfidence', range),
    both(fetch, scope, 'avgResponseTimeSeconds', range),
    both(fetch, scope, 'detections', range),
  ]);
  const partial = lastIsPartial(volume, range);
  const inferences = sumOf(volume);
  const weights = { detections: [...detectionsBefore, ...detections], inferences: [...volumeBefore, ...volume] };
  const byDetections = (points: readonly SeriesPointView[]): number | null => weightedMean(points, weights.detections);
  const byInferences = (points: readonly SeriesPointView[]): number | null => weightedMean(points, weights.inferences);
  const rows = await Promise.all(classes.map((name) => loadClassFigures(model, name, range, inferences, fetch)));
  return {
    range,
    partial,
    inferences,
    meanConfidence: byDetections(confidence),
    meanLatency: byInferences(latency),
    changes: {
      inferences: completeChange(volume, volumeBefore, partial),
      confidence: completeChange(confidence, confidenceBefore, partial, byDetections),
      latency: completeChange(latency, latencyBefore, partial, byInferences),
    },
    coverage: coverage(volume),
    volume,
    confidence,
    latency,
    classes: rows.sort((a, b) => (b.inferences ?? -1) - (a.inferences ?? -1) || a.className.localeCompare(b.className)),
  };
}

/**
 * When each of the model's server versions appeared, from its ServerVersionChange events (their
 * `added` figure); a version with no such event was there before the alerts looked (null).
 */
export function versionsSince(versions: readonly string[], alerts: readonly AlertView[]): { version: string; since: string | null }[] {
  const appeared = new Map<string, string>();
  for (const alert of alerts) {
    if (alert.rule !== 'ServerVersionChange' || typeof alert.figures['added'] !== 'string') continue;
    for (const version of alert.figures['added'].split(',').map((v) => v.trim())) {
      const seen = appeared.get(version);
      if (seen === undefined || alert.startedAt > seen) appeared.set(version, alert.startedAt);
    }
  }
  return versions.map((version) => ({ version, since: appeared.get(version) ?? null }));
}
