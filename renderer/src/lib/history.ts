// The Alerts and History views' logic, kept out of the components so each stays about layout:
// ranges and the scrubber's stops, differences between two moments, alert ordering and key
// figures. Formatting builds on format.ts (same locale, same dash for "unknown").
import type { AlertView, HeadlineFigures, ModelOverview, SeriesPointView } from '../../../electron/contract';
import { DASH, change, formatConfidence, formatCount, formatLatency, formatPercent } from './format';
import { loadSeries } from './series';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------------------------------------
// Durations

const units = {
  day: new Intl.NumberFormat(undefined, { style: 'unit', unit: 'day', unitDisplay: 'short' }),
  hour: new Intl.NumberFormat(undefined, { style: 'unit', unit: 'hour', unitDisplay: 'short' }),
  minute: new Intl.NumberFormat(undefined, { style: 'unit', unit: 'minute', unitDisplay: 'short' }),
};

/** "under 1 min", "35 min", "2 hr 5 min", "3 days 4 hr": the two largest units, rounded down. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  if (minutes < 1) return `under ${units.minute.format(1)}`;
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor(minutes / 60) % 24;
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${units.day.format(days)} ${units.hour.format(hours)}` : units.day.format(days);
  if (hours > 0) return rest > 0 ? `${units.hour.format(hours)} ${units.minute.format(rest)}` : units.hour.format(hours);
  return units.minute.format(rest);
}

// ---------------------------------------------------------------------------------------------
// Alerts

/**
 * One list from the stored alerts and the overview's active ones, firing first, then newest
 * first. The stored copy wins: it is read after every overview and after an acknowledgement,
 * so it is never older; the active list only adds what the range missed.
 */
export function mergeAlerts(stored: readonly AlertView[], active: readonly AlertView[]): AlertView[] {
  const byId = new Map<number, AlertView>();
  for (const alert of active) byId.set(alert.id, alert);
  for (const alert of stored) byId.set(alert.id, alert);
  return [...byId.values()].sort(
    (a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null) || b.startedAt.localeCompare(a.startedAt) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.id - a.id,
  );
}

/** Among alerts that started together (one poll often fires several), the worst first. */
const SEVERITY_RANK: Readonly<Record<AlertView['severity'], number>> = { critical: 0, warning: 1, info: 2 };

/** A headline window's length as people say it: "24 hr", "7 days". */
export function formatSpan(ms: number): string {
  const hours = Math.round(ms / HOUR_MS);
  return hours < 48 ? units.hour.format(hours) : units.day.format(Math.round(hours / 24));
}

/** The pair a snooze covers (the service snoozes a rule on a model, every class included). */
export const snoozeKey = (alert: Pick<AlertView, 'rule' | 'model'>): string => JSON.stringify([alert.rule, alert.model]);

type FigureKind = 'count' | 'percent' | 'confidence' | 'seconds' | 'minutes' | 'ratio' | 'times' | 'number' | 'text';

/**
 * The figures worth showing per rule, in order, with how to read them: the same key means
 * different things per rule ("usual" is a count for traffic, a confidence for ConfidenceDrop).
 */
const KEY_FIGURES: Readonly<Record<string, readonly (readonly [key: string, label: string, kind: FigureKind])[]>> = {
  ModelSilent: [
    ['inferences', 'Inferences', 'count'],
    ['usual', 'Usually', 'count'],
    ['minutes', 'Window', 'minutes'],
  ],
  TrafficDrop: [
    ['inferences', 'Last hour', 'count'],
    ['previousHour', 'Hour before', 'count'],
    ['usual', 'Usually', 'count'],
    ['ratio', 'Of usual', 'ratio'],
  ],
  ErrorRateUp: [
    ['rate', 'Error rate', 'percent'],
    ['baselineRate', 'Usually', 'percent'],
    ['errors', 'Errors', 'count'],
    ['requests', 'Requests', 'count'],
  ],
  ConfidenceDrop: [
    ['mean', 'Confidence', 'confidence'],
    ['usual', 'Usually', 'confidence'],
    ['drop', 'Drop', 'confidence'],
    ['detections', 'Detections', 'count'],
  ],
  LatencyUp: [
    ['mean', 'Latency', 'seconds'],
    ['usual', 'Usually', 'seconds'],
    ['ratio', 'Ratio', 'times'],
  ],
  ClassMixShift: [
    ['psi', 'PSI', 'number'],
    ['p', 'p-value', 'number'],
    ['inferences', 'Inferences', 'count'],
  ],
  ServerVersionChange: [
    ['from', 'Was', 'text'],
    ['to', 'Now', 'text'],
  ],
};

const plainNumber = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

function formatFigure(value: number | string | null, kind: FigureKind): string {
  if (value === null || value === '') return DASH;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'percent':
    case 'ratio':
      return formatPercent(value);
    case 'confidence':
      return formatConfidence(value);
    case 'seconds':
      return formatLatency(value);
    case 'minutes':
      return formatDuration(value * MINUTE_MS);
    case 'times':
      return `${plainNumber.format(value)}×`;
    case 'number':
    case 'text':
      return plainNumber.format(value);
  }
}

/** The alert's key figures as label and text; an unknown rule shows what it has, as plain numbers. */
export function keyFigures(alert: Pick<AlertView, 'rule' | 'figures'>): { label: string; value: string }[] {
  const known = KEY_FIGURES[alert.rule];
  if (known !== undefined) return known.filter(([key]) => key in alert.figures).map(([key, label, kind]) => ({ label, value: formatFigure(alert.figures[key] ?? null, kind) }));
  return Object.entries(alert.figures)
    .slice(0, 4)
    .map(([key, value]) => ({ label: key, value: formatFigure(value, 'number') }));
}

// ---------------------------------------------------------------------------------------------
// Ranges

export type RangePreset = '24h' | '7d' | '30d' | 'custom';
export interface TimeRange {
  from: Date;
  to: Date;
}

export const PRESETS: readonly { value: RangePreset; label: string; ms: number }[] = [
  { value: '24h', label: '24 h', ms: DAY_MS },
  { value: '7d', label: '7 d', ms: 7 * DAY_MS },
  { value: '30d', label: '30 d', ms: 30 * DAY_MS },
];

/** A custom range longer than this is refused: its hours would not fit a scrubber (and hourly rows go after 90 days). */
export const MAX_CUSTOM_MS = 92 * DAY_MS;

export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number): TimeRange {
  const length = PRESETS.find((p) => p.value === preset)?.ms ?? DAY_MS;
  return { from: new Date(now - length), to: new Date(now) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The value an <input type="datetime-local"> takes: local wall time to the minute. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads a datetime-local value (local time, as the input shows it); null when empty or invalid. */
export function fromLocalInput(value: string): Date | null {
  const parts = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):\d\d(:\d\d(\.\d+)?)?$/.exec(value);
  if (parts === null) return null;
  // JavaScript rolls 30 February over to March and reads 24:00 as the next midnight: refused.
  const [year, month, day, hour] = parts.slice(1, 5).map(Number) as [number, number, number, number];
  if (day > new Date(year, month, 0).getDate() || hour > 23) return null;
  const date = new Date(value); // no zone: JavaScript reads it as local time, as the input means it
  return Number.isFinite(date.getTime()) ? date : null;
}

/** Why a custom range cannot be used, or null when it can. */
export function customRangeProblem(from: Date | null, to: Date | null): string | null {
  if (from === null || to === null) return 'Enter both a start and an end.';
  if (from.getTime() >= to.getTime()) return 'The start must be before the end.';
  // 92 calendar days: one that takes a clock change back is an hour longer (and one forward an hour shorter).
  const clockShiftMs = (to.getTimezoneOffset() - from.getTimezoneOffset()) * MINUTE_MS;
  if (to.getTime() - from.getTime() > MAX_CUSTOM_MS + clockShiftMs) return 'Choose at most 92 days.';
  return null;
}

// ---------------------------------------------------------------------------------------------
// The scrubber's stops

/** getSeries answers hour by hour only up to 7 days (daily beyond): longer ranges are asked in pieces. */
const SERIES_CHUNK_MS = 7 * DAY_MS;

export function seriesChunks({ from, to }: TimeRange): TimeRange[] {
  const chunks: TimeRange[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += SERIES_CHUNK_MS) {
    chunks.push({ from: new Date(start), to: new Date(Math.min(start + SERIES_CHUNK_MS, to.getTime())) });
  }
  return chunks;
}

export interface ScrubStop {
  /** The moment shown: the end of a stored hour (the range's end for the hour in progress). */
  at: number;
  /** The stored hour it ends. */
  hour: number;
  /** The workspace's inferences in that hour (stored hourly, backfilled hours included). */
  inferences: number;
}

/** One stop per stored hour of the workspace series, oldest first. */
export function scrubStops(points: readonly SeriesPointView[], range: TimeRange): ScrubStop[] {
  const seen = new Set<number>();
  const stops: ScrubStop[] = [];
  for (const point of points) {
    if (point.value === null) continue;
    const hour = new Date(point.at).getTime();
    if (seen.has(hour)) continue;
    seen.add(hour);
    stops.push({ hour, at: Math.min(hour + HOUR_MS, range.to.getTime()), inferences: point.value });
  }
  return stops.sort((a, b) => a.at - b.at);
}

/** The hours of the workspace series stored within the range, as scrubber stops. */
export async function loadStops(range: TimeRange): Promise<ScrubStop[]> {
  const answers = await Promise.all(seriesChunks(range).map((chunk) => loadSeries({ level: 'workspace' }, 'inferences', { from: chunk.from.toISOString(), to: chunk.to.toISOString() })));
  return scrubStops(answers.flat(), range);
}

/** The stop nearest to a moment (the scrubber keeps its place when the range reloads). */
export function nearestStop(stops: readonly ScrubStop[], at: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++) if (Math.abs(stops[i]!.at - at) < Math.abs(stops[best]!.at - at)) best = i;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Comparing two moments

export type Direction = 'up' | 'down' | 'flat';
export interface Difference {
  text: string;
  direction: Direction;
}

const signedCount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedPoints = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const signedTwo = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

const direction = (delta: number, flatBelow: number): Direction => (Math.abs(delta) < flatBelow ? 'flat' : delta > 0 ? 'up' : 'down');

export type FigureName = keyof HeadlineFigures;

/** later − earlier, in the figure's own terms: counts with their relative change, rates in percentage points. */
export function difference(figure: FigureName, earlier: number | null, later: number | null): Difference | null {
  if (earlier === null || later === null) return null;
  const delta = later - earlier;
  switch (figure) {
    case 'inferences': {
      const relative = change(later, earlier);
      return { text: relative === null ? signedCount.format(delta) : `${signedCount.format(delta)} (${relative.text})`, direction: direction(delta, 0.5) };
    }
    case 'errorRate':
      return { text: `${signedPoints.format(delta * 100)} pp`, direction: direction(delta, 0.0005) };
    case 'avgConfidence':
      return { text: signedTwo.format(delta), direction: direction(delta, 0.005) };
    case 'avgLatencySeconds': {
      // Judged as shown: a change that rounds to 0 ms is flat, one that rounds to 1,000 ms reads in seconds.
      const ms = Math.round(delta * 1000);
      return { text: Math.abs(ms) < 1000 ? `${signedCount.format(ms === 0 ? 0 : ms)} ms` : `${signedTwo.format(delta)} s`, direction: direction(ms, 1) };
    }
  }
}

export const FIGURES: readonly { name: FigureName; label: string; format: (value: number | null) => string }[] = [
  { name: 'inferences', label: 'Inferences', format: formatCount },
  { name: 'errorRate', label: 'Error rate', format: formatPercent },
  { name: 'avgConfidence', label: 'Confidence', format: formatConfidence },
  { name: 'avgLatencySeconds', label: 'Latency', format: formatLatency },
];

/** Every model of either moment, in the later moment's order (worst first), then the ones only the earlier had. */
export function modelPairs(earlier: readonly ModelOverview[], later: readonly ModelOverview[]): { model: string; earlier: ModelOverview | null; later: ModelOverview | null }[] {
  const names = [...later.map((m) => m.model), ...earlier.map((m) => m.model).filter((name) => !later.some((m) => m.model === name))];
  return names.map((model) => ({ model, earlier: earlier.find((m) => m.model === model) ?? null, later: later.find((m) => m.model === model) ?? null }));
}
