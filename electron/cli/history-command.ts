// `pulsebar history`: what the local history holds, readable offline.
import { openHistory } from '../core/history';
import type { HistoryStore, PollRecord, SeriesScope } from '../core/history/types';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/time';
import { EXIT } from './exit-codes';
import { DATA_ARGS, existingHistoryFile } from './history-file';
import type { CliIo } from './io';
import { parseCommandArgs } from './parse-args';
import { sparkline } from './sparkline';
import { table, utcMinute } from './text-table';
import { UsageError } from './usage';

export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs(args, { ...DATA_ARGS, model: { type: 'string' } });
  const file = existingHistoryFile(values, io);
  const store = openHistory(file.path, { readOnly: true });
  try {
    io.stdout(`${describeHistory(store, file, values.model, io.clock.now())}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export function describeHistory(store: HistoryStore, file: { path: string; label: string }, model: string | undefined, now: Date): string {
  const coverage = store.coverage();
  const lines = [`History of ${file.label} in ${file.path}`];
  if (coverage === null) {
    lines.push('Nothing stored yet.');
    return lines.join('\n');
  }
  // Windows are half-open and coverage ends at the last poll's start: reach just past it.
  const all = store.availability({ start: coverage.start, end: new Date(coverage.end.getTime() + 1) });
  const lastDay = store.availability({ start: new Date(now.getTime() - DAY_MS), end: new Date(now.getTime() + 1) });
  const hours = store.hourlyBuckets({ start: new Date(0), end: new Date(now.getTime() + HOUR_MS) }, { level: 'workspace' });
  const complete = hours.filter((h) => h.complete).length;
  lines.push(
    `Polled      ${utcMinute(coverage.start)} → ${utcMinute(coverage.end)} UTC (${span(coverage.end.getTime() - coverage.start.getTime())})`,
    hours.length === 0
      ? 'Hours       none stored yet'
      : `Hours       ${hours.length} stored (${complete} complete), ${utcMinute(hours[0]!.hour)} → ${utcMinute(hours.at(-1)!.hour)} UTC`,
    `Polls       ${all.polls} (${all.ok} ok${failures(all.failures)}) · available ${percent(all.ratio)} overall, ${percent(lastDay.ratio)} in the last 24 h`,
    `Last poll   ${all.lastPoll ? `${utcMinute(all.lastPoll.startedAt)} UTC ${all.lastPoll.result}${all.lastPoll.message ? `: ${all.lastPoll.message}` : ''}` : '—'}`,
    '',
  );

  const seen = store.seen();
  const lastHours = { start: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS), end: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS) };
  if (model === undefined) {
    const rows = seen.map((s) => [s.model, utcMinute(s.firstSeen), utcMinute(s.lastSeen), String(s.classes.length), trend(store, { level: 'model', model: s.model }, lastHours)]);
    lines.push(table([['Model', 'First seen', 'Last seen', 'Classes', 'Inferences per hour, last 24 h'], ...rows]));
    return lines.join('\n');
  }

  const entry = seen.find((s) => s.model === model);
  if (!entry) throw new UsageError(`no model "${model}" in this history. Models seen: ${seen.map((s) => s.model).join(', ') || 'none'}.`);
  const rows = entry.classes.map((className) => [
    className === '' ? '(nothing found)' : className,
    trend(store, { level: 'class', model, className }, lastHours),
    trend(store, { level: 'class', model, className }, lastHours, 'avgConfidence'),
  ]);
  lines.push(
    `Model ${model}: first seen ${utcMinute(entry.firstSeen)}, last seen ${utcMinute(entry.lastSeen)} UTC`,
    '',
    table([['Class', 'Inferences per hour, last 24 h', 'Confidence per hour'], ...rows]),
  );
  return lines.join('\n');
}

function trend(store: HistoryStore, scope: SeriesScope, window: { start: Date; end: Date }, metric: 'inferences' | 'avgConfidence' = 'inferences'): string {
  // One point per hour of the window, null where nothing is stored: a gap in the sparkline.
  return sparkline(store.series({ scope, metric, from: window.start, to: window.end, resolution: 'hour' }).map((p) => p.value));
}

function failures(counts: Partial<Record<PollRecord['result'], number>>): string {
  const failed = Object.entries(counts).filter(([, n]) => (n ?? 0) > 0);
  return failed.length === 0 ? '' : `, failed: ${failed.map(([kind, n]) => `${kind} ×${n}`).join(', ')}`;
}

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(1)} %`);

function span(ms: number): string {
  if (ms >= 2 * DAY_MS) return `${Math.round(ms / DAY_MS)} days`;
  if (ms >= 2 * HOUR_MS) return `${Math.round(ms / HOUR_MS)} hours`;
  return `${Math.max(1, Math.round(ms / MINUTE_MS))} min`;
}
