// Exports of the stored history as CSV and JSON. Times are ISO 8601 UTC; figures are written
// exactly as stored (JavaScript's shortest round-trip form), unknown figures as empty CSV cells
// or JSON null. Names are CSV-escaped and guarded against spreadsheet formula injection.
import type { ClassStats, Figures, StatsSnapshot } from '../stats/types';
import { columnsOf } from './series-registry';
import type { HourlyBucket, SeriesScope, StoredSnapshot } from './types';

type Cell = string | number | boolean | null;

const HOURLY_HEADER = ['hour', 'level', 'model', 'class', 'inferences', 'errors', 'avg_confidence', 'median_confidence', 'avg_response_time_seconds', 'detections', 'complete'];

/** One row per bucket, in the order given. */
export function hourlyCsv(buckets: readonly HourlyBucket[]): string {
  return csv(HOURLY_HEADER, buckets.map((bucket) => Object.values(hourlyRecord(bucket))));
}

/** A JSON array with one object per bucket (the CSV's columns), one per line. */
export function hourlyJson(buckets: readonly HourlyBucket[]): string {
  return jsonLines(buckets.map(hourlyRecord));
}

const SNAPSHOT_HEADER = [
  'snapshot_id',
  'fetched_at',
  'window_start',
  'window_end',
  'level',
  'model',
  'class',
  'inferences',
  'errors',
  'avg_confidence',
  'median_confidence',
  'avg_response_time_seconds',
  'detections',
  'prev_inferences',
  'prev_errors',
  'prev_avg_confidence',
  'prev_avg_response_time_seconds',
  'deployment_types',
  'server_versions',
];

/**
 * One row per snapshot and series: the workspace totals, each model, each class row. With
 * `model`, only that model's rows (no workspace row).
 */
export function snapshotsCsv(stored: readonly StoredSnapshot[], model?: string): string {
  const rows: Cell[][] = [];
  for (const { id, fetchedAt, snapshot } of stored) {
    const lead: Cell[] = [id, fetchedAt.toISOString(), snapshot.window.start.toISOString(), snapshot.window.end.toISOString()];
    if (model === undefined) rows.push([...lead, ...scopeCells({ level: 'workspace' }), ...figureCells(snapshot.totals.current, null, null), ...previousCells(snapshot.totals.previous), '', '']);
    for (const stats of snapshot.models) {
      if (model !== undefined && stats.model !== model) continue;
      const current = { inferences: stats.inferences.current, errors: null, avgConfidence: null, avgResponseTimeSeconds: null };
      const previous = { inferences: stats.inferences.previous, errors: null, avgConfidence: null, avgResponseTimeSeconds: null };
      rows.push([...lead, ...scopeCells({ level: 'model', model: stats.model }), ...figureCells(current, null, null), ...previousCells(previous), list(stats.deploymentTypes), list(stats.serverVersions)]);
    }
    for (const row of snapshot.classes) {
      if (model !== undefined && row.model !== model) continue;
      rows.push([...lead, ...classCells(row)]);
    }
  }
  return csv(SNAPSHOT_HEADER, rows);
}

/** A JSON array of stored snapshots, one per line; with `model`, only that model's entries. */
export function snapshotsJson(stored: readonly StoredSnapshot[], model?: string): string {
  return jsonLines(stored.map(({ id, fetchedAt, snapshot }) => ({ id, fetchedAt, ...(model === undefined ? snapshot : onlyModel(snapshot, model)) })));
}

// --- records ---------------------------------------------------------------------------------

function hourlyRecord(bucket: HourlyBucket) {
  const { level, model, className } = columnsOf(bucket.scope);
  return {
    hour: bucket.hour.toISOString(),
    level,
    model,
    class: className,
    inferences: bucket.inferences,
    errors: bucket.errors,
    avg_confidence: bucket.avgConfidence,
    median_confidence: bucket.medianConfidence,
    avg_response_time_seconds: bucket.avgResponseTimeSeconds,
    detections: bucket.detections,
    complete: bucket.complete,
  };
}

function onlyModel(snapshot: StatsSnapshot, model: string): StatsSnapshot {
  return { ...snapshot, models: snapshot.models.filter((stats) => stats.model === model), classes: snapshot.classes.filter((row) => row.model === model) };
}

const scopeCells = (scope: SeriesScope): Cell[] => Object.values(columnsOf(scope));
const figureCells = (figures: Figures, median: number | null, detections: number | null): Cell[] => [
  figures.inferences,
  figures.errors,
  figures.avgConfidence,
  median,
  figures.avgResponseTimeSeconds,
  detections,
];
const previousCells = (figures: Figures): Cell[] => [figures.inferences, figures.errors, figures.avgConfidence, figures.avgResponseTimeSeconds];
const classCells = (row: ClassStats): Cell[] => [
  ...scopeCells({ level: 'class', model: row.model, className: row.className }),
  ...figureCells(row.current, row.medianConfidence, row.detections),
  ...previousCells(row.previous),
  list(row.deploymentTypes),
  list(row.serverVersions),
];
/** A list in one cell, as the API joins it. */
const list = (items: readonly string[]): string => items.join(',');

// --- CSV ------------------------------------------------------------------------------------

function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** Numbers as JavaScript writes them (exact round trip); null as an empty cell; text escaped. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return csvText(value);
}

/**
 * RFC 4180 quoting (a cell with a comma, quote or line break is quoted, quotes doubled), and a
 * cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
 * prefixed with an apostrophe, so it shows as text.
 */
export function csvText(text: string): string {
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function jsonLines(items: readonly unknown[]): string {
  return items.length === 0 ? '[]\n' : `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]\n`;
}
