// The readable `pulsebar poll` output: workspace totals against the previous period, then one
// line per model, busiest first. Pure: snapshot in, text out.
import { errorRate, modelAverages, relativeChange } from '../core/figures';
import type { WindowLength } from '../core/headline-window';
import { NO_DETECTION_CLASS, type StatsSnapshot } from '../core/stats/types';
import { table, utcMinute } from './text-table';

const DASH = '—';
const WINDOW_LABELS: Record<WindowLength, string> = { '1h': 'hour', '24h': '24 h', '7d': '7 days' };
/** Past this a percentage says nothing more; the counts beside it tell the size. */
const MAX_SHOWN_PERCENT = 999;

export function formatSummary(snapshot: StatsSnapshot, workspace: string, length: WindowLength): string {
  const windowLabel = WINDOW_LABELS[length];
  const { current, previous } = snapshot.totals;
  const lines = [
    `${workspace} · last ${windowLabel} · ${utcMinute(snapshot.window.start)} → ${utcMinute(snapshot.window.end)} UTC`,
    '',
    table(
      [
        ['', 'now', `previous ${windowLabel}`, 'change'],
        ['Inferences', count(current.inferences), count(previous.inferences), percentChange(current.inferences, previous.inferences)],
        ['Error rate', percent(errorRate(current)), percent(errorRate(previous)), pointsChange(errorRate(current), errorRate(previous))],
        ['Confidence', fixed(current.avgConfidence, 3), fixed(previous.avgConfidence, 3), signedFixed(current.avgConfidence, previous.avgConfidence, 3)],
        ['Latency', millis(current.avgResponseTimeSeconds), millis(previous.avgResponseTimeSeconds), signedMillis(current.avgResponseTimeSeconds, previous.avgResponseTimeSeconds)],
      ],
      ['l', 'r', 'r', 'r'],
    ),
    '',
  ];

  if (snapshot.models.length === 0) {
    lines.push('No model reported inferences in this window or the one before it.');
    return lines.join('\n');
  }

  const models = [...snapshot.models].sort((a, b) => (b.inferences.current ?? -1) - (a.inferences.current ?? -1));
  const rows = models.map((model) => {
    const classes = snapshot.classes.filter((c) => c.model === model.model);
    const averages = modelAverages(classes);
    const { current: now, previous: before } = model.inferences;
    const empty = classes.find((c) => c.className === NO_DETECTION_CLASS)?.current.inferences ?? 0;
    return [
      model.model,
      count(now),
      now !== null && before === null ? 'new' : now === null && before !== null ? 'silent' : percentChange(now, before),
      fixed(averages.avgConfidence, 3),
      percent(now ? empty / now : null, 0),
      millis(averages.avgResponseTimeSeconds),
      model.serverVersions.join(',') || DASH,
    ];
  });
  lines.push(
    table([['Model', 'Inferences', 'Change', 'Confidence', 'Nothing found', 'Latency', 'Server'], ...rows], ['l', 'r', 'r', 'r', 'r', 'r', 'l']),
    '',
    'Confidence is per detection, as Roboflow averages it: inferences that found nothing count as 0.',
  );
  return lines.join('\n');
}

function count(n: number | null): string {
  return n === null ? DASH : Math.round(n).toLocaleString('en-US');
}

function percent(ratio: number | null, digits = 2): string {
  return ratio === null ? DASH : `${(ratio * 100).toFixed(digits)}%`;
}

function fixed(n: number | null, digits: number): string {
  return n === null ? DASH : n.toFixed(digits);
}

function millis(seconds: number | null): string {
  return seconds === null ? DASH : `${Math.round(seconds * 1000)} ms`;
}

/** `text` is the magnitude as shown; a change that shows as zero gets no sign. */
function sign(n: number, text: string): string {
  if (!/[1-9]/.test(text)) return text;
  return n > 0 ? `+${text}` : n < 0 ? `-${text}` : text;
}

function percentChange(current: number | null, previous: number | null): string {
  const change = relativeChange(current, previous);
  if (change === null) return DASH;
  if (change * 100 > MAX_SHOWN_PERCENT) return `>+${MAX_SHOWN_PERCENT}%`;
  return sign(change, `${Math.abs(change * 100).toFixed(1)}%`);
}

function pointsChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return DASH;
  const pp = (current - previous) * 100;
  return sign(pp, `${Math.abs(pp).toFixed(2)} pp`);
}

function signedFixed(current: number | null, previous: number | null, digits: number): string {
  if (current === null || previous === null) return DASH;
  const d = current - previous;
  return sign(d, Math.abs(d).toFixed(digits));
}

function signedMillis(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return DASH;
  const d = Math.round((current - previous) * 1000);
  return sign(d, `${Math.abs(d)} ms`);
}
