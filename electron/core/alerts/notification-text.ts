// The words of native notifications: plain text, short enough that no OS cuts them off
// mid-word without a sign (macOS and Windows show about 64 title and 240 body characters).
import { MINUTE_MS } from '../time';
import { RULE_NAMES, type AlertKey, type RuleName, type Severity } from './types';

export const RULE_LABELS: Readonly<Record<RuleName, string>> = {
  ModelSilent: 'no traffic',
  TrafficDrop: 'traffic drop',
  ErrorRateUp: 'error rate up',
  ConfidenceDrop: 'confidence drop',
  ClassMixShift: 'class mix shift',
  LatencyUp: 'latency up',
  ServerVersionChange: 'server version change',
  MonitorUnavailable: 'Roboflow unreachable',
};

export const TITLE_MAX = 64;
export const BODY_MAX = 240;

/** What the text needs of an alert. */
export interface TextAlert {
  readonly key: AlertKey;
  readonly severity: Severity;
  readonly message: string;
  readonly startedAt: Date;
}

export interface TextClosed {
  readonly alert: TextAlert;
  readonly resolvedAt: Date;
}

/** One alert's line in a digest: everything it did since the user last heard of it. */
export interface DigestItem {
  readonly key: AlertKey;
  readonly severity: Severity;
  /** Firing now and told by this digest: for the first time, or as a critical repeat. */
  readonly firing: { readonly alert: TextAlert; readonly repeat: boolean } | null;
  /** Earlier instances the user was told of, resolved since. */
  readonly resolved: readonly TextClosed[];
  /** Earlier instances that fired and resolved while held in quiet hours, never told. */
  readonly quiet: readonly TextClosed[];
}

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/** Formats a time of day, "HH:MM", in the user's local time. */
export type Clock = (at: Date) => string;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 2, warning: 1, info: 0 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function highestSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((high, s) => (severityRank(s) > severityRank(high) ? s : high), 'info');
}

/** Most severe first; then a fixed order (rule, model, class) so that output is deterministic. */
export function compareBySeverity(a: { key: AlertKey; severity: Severity }, b: { key: AlertKey; severity: Severity }): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    RULE_NAMES.indexOf(a.key.rule) - RULE_NAMES.indexOf(b.key.rule) ||
    compareText(a.key.model ?? '', b.key.model ?? '') ||
    compareText(a.key.className ?? '', b.key.className ?? '')
  );
}

/** Most severe first; at equal severity what is firing now, then what came and went, then what recovered. */
export function compareDigestItems(a: DigestItem, b: DigestItem): number {
  const stage = (i: DigestItem): number => (i.firing !== null ? 0 : i.quiet.length > 0 ? 1 : 2);
  return severityRank(b.severity) - severityRank(a.severity) || stage(a) - stage(b) || compareBySeverity(a, b);
}

/** New alerts (and critical repeats due at the same time) of one model. */
export function alertText(model: string | null, alerts: readonly TextAlert[]): NotificationText {
  const sorted = [...alerts].sort(compareBySeverity);
  return { title: subjectTitle(model, problems(sorted)), body: clip(sorted.map((a) => withoutModel(model, a.message)).join('\n'), BODY_MAX) };
}

/** Critical alerts of one model still firing hours after the user was told. */
export function repeatText(model: string | null, alerts: readonly TextAlert[], at: Date): NotificationText {
  const sorted = [...alerts].sort(compareBySeverity);
  const oldest = Math.min(...sorted.map((a) => a.startedAt.getTime()));
  const title = subjectTitle(model, problems(sorted), 'Still failing: ');
  const lines = [`Failing for ${formatDuration(at.getTime() - oldest)}.`, ...sorted.map((a) => withoutModel(model, a.message))];
  return { title, body: clip(lines.join('\n'), BODY_MAX) };
}

/**
 * One incident of one model, over: everything in it, told or joined, in the order it broke,
 * and how long from the first alert to the last recovery.
 */
export function resolvedText(model: string | null, closed: readonly TextClosed[]): NotificationText {
  const sorted = [...closed].sort((a, b) => a.alert.startedAt.getTime() - b.alert.startedAt.getTime() || compareBySeverity(a.alert, b.alert));
  const onlyMonitor = sorted.every((c) => c.alert.key.rule === 'MonitorUnavailable');
  const title =
    model !== null ? `Resolved: ${clip(model, TITLE_MAX - 'Resolved: '.length)}`
    : onlyMonitor ? 'Pulsebar: Roboflow reachable again'
    : clip(`Resolved: ${problems(sorted.map((c) => c.alert))}`, TITLE_MAX);
  const start = Math.min(...sorted.map((c) => c.alert.startedAt.getTime()));
  const end = Math.max(...sorted.map((c) => c.resolvedAt.getTime()));
  const lasted = formatDuration(end - start);
  if (onlyMonitor) return { title, body: `Roboflow answers again (unreachable for ${lasted}).` };
  return { title, body: fitList(ruleLabels(sorted.map((c) => c.alert.key)), ` back to normal after ${lasted}.`, BODY_MAX) };
}

/** Everything held back by the hourly cap or by quiet hours, in one notification. */
export function digestText(items: readonly DigestItem[], clock: Clock): NotificationText {
  const sorted = [...items].sort(compareDigestItems);
  const alerts = sorted.filter((i) => i.firing !== null || i.quiet.length > 0).length;
  const resolved = sorted.length - alerts;
  const counts = [alerts > 0 ? plural(alerts, 'alert') : '', resolved > 0 ? `${resolved} resolved` : ''].filter(Boolean);
  return { title: clip(`Pulsebar: ${counts.join(', ')}`, TITLE_MAX), body: fitLines(sorted.map((i) => digestLine(i, clock)), BODY_MAX) };
}

function digestLine(item: DigestItem, clock: Clock): string {
  const parts: string[] = [];
  const first = item.quiet[0];
  const last = item.quiet.at(-1);
  if (first && last) {
    const times = item.quiet.length > 1 ? ` (${item.quiet.length} times)` : '';
    parts.push(`fired ${clock(first.alert.startedAt)}, resolved ${clock(last.resolvedAt)}${times}`);
  }
  const lastResolved = item.resolved.at(-1);
  if (lastResolved) parts.push(`resolved ${clock(lastResolved.resolvedAt)}`);
  if (item.firing) {
    const since = clock(item.firing.alert.startedAt);
    parts.push(item.firing.repeat ? `still failing since ${since}` : parts.length > 0 ? `failing again since ${since}` : `since ${since}`);
  }
  const subject = item.key.model === null ? '' : `${item.key.model}: `;
  return `${subject}${RULE_LABELS[item.key.rule]}${classSuffix(item.key)}, ${parts.join(', ')}`;
}

/** "model: confidence drop", "model: 2 problems"; workspace alerts speak as Pulsebar. */
function subjectTitle(model: string | null, what: string, prefix = ''): string {
  if (model === null) return clip(`${prefix || 'Pulsebar: '}${what}`, TITLE_MAX);
  const room = TITLE_MAX - prefix.length - what.length - 2;
  // A long model name is clipped rather than the problem, which is the news.
  return room >= 8 ? `${prefix}${clip(model, room)}: ${what}` : clip(`${prefix}${model}: ${what}`, TITLE_MAX);
}

function problems(alerts: readonly TextAlert[]): string {
  const rules = [...new Set(alerts.map((a) => a.key.rule))];
  const only = rules.length === 1 ? rules[0] : undefined;
  return only === undefined ? `${rules.length} problems` : RULE_LABELS[only];
}

function classSuffix(key: AlertKey): string {
  if (key.className === null) return '';
  return key.className === '' ? ' (no detections)' : ` (${key.className})`;
}

/** One label per rule, in the order given, naming its classes: "confidence drop (helmet, head)". */
function ruleLabels(keys: readonly AlertKey[]): string[] {
  const classes = new Map<RuleName, string[]>();
  for (const key of keys) {
    const names = classes.get(key.rule) ?? [];
    classes.set(key.rule, names);
    const name = key.className === null ? null : key.className === '' ? 'no detections' : key.className;
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return [...classes].map(([rule, names]) => `${RULE_LABELS[rule]}${names.length > 0 ? ` (${names.join(', ')})` : ''}`);
}

/** The title names the model: a per-model body need not repeat it on every line. */
function withoutModel(model: string | null, message: string): string {
  return model !== null && message.startsWith(`${model}: `) ? message.slice(model.length + 2) : message;
}

/** "a, b and c" + tail while it fits, then "a, b and 3 more" + tail, then clipped. */
function fitList(items: readonly string[], tail: string, max: number): string {
  const list = (words: readonly string[]): string => (words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`);
  const all = `${list(items)}${tail}`;
  if (all.length <= max) return all;
  for (let kept = items.length - 1; kept >= 1; kept--) {
    const text = `${list([...items.slice(0, kept), `${items.length - kept} more`])}${tail}`;
    if (text.length <= max) return text;
  }
  return clip(all, max);
}

/** Whole lines while they fit, then "… and N more". */
export function fitLines(lines: readonly string[], max: number): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  for (let kept = lines.length - 1; kept >= 1; kept--) {
    const text = [...lines.slice(0, kept), `… and ${lines.length - kept} more`].join('\n');
    if (text.length <= max) return text;
  }
  return clip(all, max);
}

/** At most `max` UTF-16 units, ending with "…" when cut; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

export function formatClock(minuteOfDay: number): string {
  const minute = ((Math.floor(minuteOfDay) % 1440) + 1440) % 1440;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE_MS));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return hours % 24 === 0 ? `${hours / 24} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
