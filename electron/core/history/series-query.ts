// Metric series for sparklines: one point per bucket whose start lies within [from, to), null
// where nothing is stored. Hourly up to 7 days, daily beyond. A day comes from its daily rollup
// when retention has made one, else from its hourly rows through the same rollUpHours: the two
// agree, so a range across the seam reads as one series.
//
// A model's or class's inferences read 0, not null, in every hour (or day) the workspace has a
// bucket for: that hour was fetched, and no row, or the API's null count (it names a model that
// served nothing for its previous-period traffic), means nothing was served. So a model going
// silent falls to 0 instead of leaving a gap; hours never fetched stay null, and its means stay
// null (nothing to average). Decided at read time: the history keeps only what the API answered.
import { errorRate } from '../figures';
import { DAY_MS } from '../time';
import type { StoreContext } from './context';
import { FIGURE_COLUMNS, figuresFromMicro, microFromRow } from './figure-columns';
import { seriesHourIndexes, seriesHours } from './hourly';
import { fromMicro, type MicroFigures } from './micro';
import { rollUpHours } from './rollup';
import { HOURS_PER_DAY, assertDate, dayIndexOf, dayOfHour, dayStart, firstDayFrom, firstHourFrom, hourIndexOf, hourStart } from './time';
import type { Metric, SeriesPoint, SeriesQuery } from './types';
import { numberOf, numberOrNull, rowsOf } from './values';

export const HOURLY_RANGE_LIMIT_MS = 7 * DAY_MS;

export function querySeries(context: StoreContext, query: SeriesQuery): SeriesPoint[] {
  assertDate(query.from, 'The series start');
  assertDate(query.to, 'The series end');
  const resolution = query.resolution ?? (query.to.getTime() - query.from.getTime() <= HOURLY_RANGE_LIMIT_MS ? 'hour' : 'day');
  const { connection, series } = context;
  return connection.read('read a series', () => {
    const id = series.find(query.scope);
    const points =
      resolution === 'hour' ? hourPoints(context, id, query) : dayFigures(context, id, query).map(({ at, stored }) => ({ at, value: stored === undefined ? null : metricOf(stored, query.metric) }));
    return withSilentZeros(context, id, query, resolution, points);
  });
}

/** See the top: a model's or class's unknown inferences in a fetched hour or day are 0. */
function withSilentZeros(context: StoreContext, id: number | undefined, query: SeriesQuery, resolution: 'hour' | 'day', points: SeriesPoint[]): SeriesPoint[] {
  // A series the history has never seen stays unknown: nothing says it was ever asked for.
  if (query.metric !== 'inferences' || query.scope.level === 'workspace' || id === undefined) return points;
  const workspace = context.series.find({ level: 'workspace' });
  if (workspace === undefined) return points;
  const fetched =
    resolution === 'hour'
      ? seriesHourIndexes(context, workspace, firstHourFrom(query.from), firstHourFrom(query.to))
      : storedDays(context, workspace, firstDayFrom(query.from), firstDayFrom(query.to));
  const indexOf = resolution === 'hour' ? hourIndexOf : dayIndexOf;
  return points.map((point) => (point.value === null && fetched.has(indexOf(point.at)) ? { at: point.at, value: 0 } : point));
}

/** The days in [first, end) a series has a stored bucket in: a daily row, or any hourly one. */
function storedDays(context: StoreContext, id: number, first: number, end: number): Set<number> {
  const daily = context.connection.statement('SELECT day FROM daily WHERE series_id = ? AND day >= ? AND day < ?');
  const days = new Set(rowsOf(daily.all(id, first, end)).map((row) => numberOf(row.day)));
  for (const hour of seriesHourIndexes(context, id, first * HOURS_PER_DAY, end * HOURS_PER_DAY)) days.add(dayOfHour(hour));
  return days;
}

interface Slot {
  readonly at: Date;
  readonly stored: MicroFigures | undefined;
}

/** The columns each metric needs, read in raw mode: the sparkline path is the hot one. */
const METRIC_COLUMNS: Record<Metric, string> = {
  inferences: 'inferences',
  errors: 'errors',
  errorRate: 'inferences, errors',
  avgConfidence: 'avg_confidence',
  medianConfidence: 'median_confidence',
  avgResponseTimeSeconds: 'avg_response_time',
  detections: 'detections',
};

function hourPoints({ connection, pendingHours }: StoreContext, id: number | undefined, query: SeriesQuery): SeriesPoint[] {
  const first = firstHourFrom(query.from);
  const end = firstHourFrom(query.to);
  const values = new Map<number, number | null>();
  if (id !== undefined) {
    const select = connection.rawStatement(`SELECT hour, ${METRIC_COLUMNS[query.metric]} FROM hourly WHERE series_id = ? AND hour >= ? AND hour < ?`);
    for (const row of select.all(id, first, end) as unknown[][]) values.set(numberOf(row[0]), rawMetric(query.metric, row));
    for (const [hour, pending] of pendingHours.inRange(first, end)) {
      const figures = pending.rows.get(id);
      if (figures !== undefined) values.set(hour, metricOf(figures, query.metric));
    }
  }
  const points: SeriesPoint[] = [];
  for (let hour = first; hour < end; hour++) points.push({ at: hourStart(hour), value: values.get(hour) ?? null });
  return points;
}

function rawMetric(metric: Metric, row: readonly unknown[]): number | null {
  const value = numberOrNull(row[1]);
  switch (metric) {
    case 'errorRate':
      return errorRate({ inferences: value, errors: numberOrNull(row[2]) });
    case 'avgConfidence':
    case 'medianConfidence':
    case 'avgResponseTimeSeconds':
      return fromMicro(value);
    case 'inferences':
    case 'errors':
    case 'detections':
      return value;
  }
}

function dayFigures(context: StoreContext, id: number | undefined, query: SeriesQuery): Slot[] {
  const first = firstDayFrom(query.from);
  const end = firstDayFrom(query.to);
  const rolledUp = new Map<number, MicroFigures>();
  const hoursByDay = new Map<number, MicroFigures[]>();
  if (id !== undefined) {
    const daily = context.connection.statement(`SELECT day, ${FIGURE_COLUMNS} FROM daily WHERE series_id = ? AND day >= ? AND day < ?`);
    for (const row of rowsOf(daily.all(id, first, end))) rolledUp.set(numberOf(row.day), microFromRow(row));
    for (const [hour, figures] of seriesHours(context, id, first * HOURS_PER_DAY, end * HOURS_PER_DAY)) {
      const day = dayOfHour(hour);
      const hours = hoursByDay.get(day) ?? [];
      hours.push(figures);
      hoursByDay.set(day, hours);
    }
  }
  const slots: Slot[] = [];
  for (let day = first; day < end; day++) {
    // A daily row is final; hourly rows of a rolled-up day would be late strays.
    const hours = hoursByDay.get(day);
    slots.push({ at: dayStart(day), stored: rolledUp.get(day) ?? (hours === undefined ? undefined : rollUpHours(hours)) });
  }
  return slots;
}

export function metricOf(stored: MicroFigures, metric: Metric): number | null {
  const figures = figuresFromMicro(stored);
  switch (metric) {
    case 'errorRate':
      return errorRate(figures);
    case 'inferences':
    case 'errors':
    case 'avgConfidence':
    case 'medianConfidence':
    case 'avgResponseTimeSeconds':
    case 'detections':
      return figures[metric];
  }
}
