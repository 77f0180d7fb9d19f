// `pulsebar export`: the stored hourly series (or headline snapshots) as CSV or JSON, offline.
import { renameSync, writeFileSync } from 'node:fs';
import { openHistory } from '../core/history';
import { hourlyCsv, hourlyJson, snapshotsCsv, snapshotsJson } from '../core/history/export';
import type { HistoryStore } from '../core/history/types';
import type { TimeWindow } from '../core/stats/types';
import { HOUR_MS } from '../core/time';
import { EXIT } from './exit-codes';
import { DATA_ARGS, existingHistoryFile } from './history-file';
import type { CliIo } from './io';
import { parseCommandArgs } from './parse-args';
import { UsageError } from './usage';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(args, {
    ...DATA_ARGS,
    format: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    model: { type: 'string' },
    snapshots: { type: 'boolean' },
    out: { type: 'string' },
  });
  const format = values.format;
  if (!format) throw new UsageError('no format given. Pass --format csv or --format json.');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format "${format}" is not offered. Use csv or json.`);
  const from = values.from === undefined ? undefined : parseTime('--from', values.from);
  const to = values.to === undefined ? undefined : parseTime('--to', values.to);
  if (from && to && from >= to) throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()}).`);

  const file = existingHistoryFile(values, io);
  const store = openHistory(file.path, { readOnly: true });
  let text: string;
  try {
    // Everything stored by default: hours backfilled before the first poll included.
    const window: TimeWindow = { start: from ?? new Date(0), end: to ?? new Date(io.clock.now().getTime() + HOUR_MS) };
    text = render(store, format as Format, window, values.model, values.snapshots ?? false);
  } finally {
    store.close();
  }

  if (values.out === undefined) {
    io.stdout(text);
  } else {
    // Write beside the target, then rename: an interrupted export never leaves half a file.
    const partial = `${values.out}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, values.out);
    io.stderr(`Wrote ${values.out} (${format}, ${text.length.toLocaleString('en-US')} bytes) from ${file.path}\n`);
  }
  return EXIT.ok;
}

function render(store: HistoryStore, format: Format, window: TimeWindow, model: string | undefined, snapshots: boolean): string {
  if (snapshots) {
    const stored = store.snapshots(window);
    return format === 'csv' ? snapshotsCsv(stored, model) : snapshotsJson(stored, model);
  }
  if (model !== undefined) {
    const seen = store.seen().map((s) => s.model);
    if (!seen.includes(model)) throw new UsageError(`no model "${model}" in this history. Models seen: ${seen.join(', ') || 'none'}.`);
  }
  const buckets = store.hourlyBuckets(window).filter((b) => model === undefined || (b.scope.level !== 'workspace' && b.scope.model === model));
  return format === 'csv' ? hourlyCsv(buckets) : hourlyJson(buckets);
}

/** ISO 8601, UTC unless a zone is given: `2026-11-01`, `2026-11-01T12:00`, `2026-11-01T12:00:00+01:00`. */
export function parseTime(flag: string, input: string): Date {
  const text = input.trim().replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : /T/.test(text) ? `${text}Z` : `${text}T00:00:00Z`;
  const date = new Date(zoned);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`${flag} "${input}" is not a time. Use ISO 8601 in UTC, e.g. 2026-11-01 or 2026-11-01T12:00Z.`);
  }
  return date;
}

