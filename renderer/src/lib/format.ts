// Numbers and times as people read them: Intl formatting in the user's locale, times in the
// local zone (UTC goes in tooltips).
const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const twoDecimals = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const utcDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const DASH = '—';

export const formatCount = (n: number | null): string => (n === null ? DASH : n >= 100_000 ? compact.format(n) : count.format(n));
/** For narrow columns: compact from 10,000 ("12.3K"). */
export const formatCountNarrow = (n: number | null): string => (n === null ? DASH : n >= 10_000 ? compact.format(n) : count.format(n));
export const formatPercent = (share: number | null): string => (share === null ? DASH : percent.format(share));
const wholePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
/** A share in a narrow column: whole percents, "<1%" for a sliver that is not nothing, ">99%" for all but a sliver. */
export const formatShare = (share: number | null): string =>
  share === null ? DASH : share > 0 && share < 0.005 ? `<${wholePercent.format(0.01)}` : share < 1 && share >= 0.995 ? `>${wholePercent.format(0.99)}` : wholePercent.format(share);
export const formatConfidence = (value: number | null): string => (value === null ? DASH : twoDecimals.format(value));
export function formatLatency(seconds: number | null): string {
  if (seconds === null) return DASH;
  const ms = Math.round(seconds * 1000);
  // On the rounded figure: 0.9996 s is "1.00 s", not "1,000 ms".
  return ms < 1000 ? `${count.format(ms)} ms` : `${twoDecimals.format(seconds)} s`;
}

/** Relative change of current against previous: "+12%", "−40%", or null when there is no base. */
export function change(current: number | null, previous: number | null): { text: string; direction: 'up' | 'down' | 'flat' } | null {
  if (current === null || previous === null || previous === 0) return null;
  const ratio = (current - previous) / previous;
  return { text: signedPercent.format(ratio), direction: Math.abs(ratio) < 0.005 ? 'flat' : ratio > 0 ? 'up' : 'down' };
}

export const formatTime = (iso: string): string => time.format(new Date(iso));
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
/** "Nov 28": a day bucket. Daily series points are UTC days, so the day is named in UTC (a local zone west of UTC would name the day before). */
export const formatUtcDay = (iso: string): string => utcDate.format(new Date(iso));
/** "2026-11-28 09:05 UTC", for tooltips next to local times. */
export const formatUtc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** "just now", "3 min ago", "2 hours ago". */
export function ago(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export const RULE_LABELS: Readonly<Record<string, string>> = {
  ModelSilent: 'No traffic',
  TrafficDrop: 'Traffic drop',
  ErrorRateUp: 'Error rate up',
  ConfidenceDrop: 'Confidence drop',
  ClassMixShift: 'Class mix shift',
  LatencyUp: 'Latency up',
  ServerVersionChange: 'Server version change',
  MonitorUnavailable: 'Roboflow unreachable',
};
