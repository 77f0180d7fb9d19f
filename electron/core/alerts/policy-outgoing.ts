// What one evaluation could send, shaped into notifications: one per model and kind, or one
// digest line per alert.
import type { ActiveAlert } from './policy';
import { compareBySeverity, compareDigestItems, highestSeverity, severityRank, type DigestItem, type TextClosed } from './notification-text';
import type { ClosedIncident } from './policy-incidents';
import type { ClosedAlert, TrackedAlert } from './policy-tracker';
import { alertKeyId, type AlertKey, type Severity } from './types';

/** What one evaluation could send, before the hourly cap and quiet hours have their say. */
export interface Pending {
  /** Firing, eligible, never told, news (no open incident of its model, or an escalation). */
  readonly fresh: readonly TrackedAlert[];
  /** Told, critical, due a repeat. */
  readonly repeats: readonly TrackedAlert[];
  /** Incidents over, owed their resolved message; not muted now. */
  readonly resolved: readonly ClosedIncident[];
}

/** One notification about one model (null: the workspace). */
export interface Outgoing {
  readonly kind: 'alert' | 'repeat' | 'resolved';
  readonly model: string | null;
  readonly fresh: TrackedAlert[];
  readonly repeats: TrackedAlert[];
  readonly resolved: ClosedIncident[];
}

/** One line per alert key, so that a key that resolved and fired again reads as one story. */
export function digestItems(pending: Pending, quiet: readonly ClosedAlert[]): DigestItem[] {
  const items = new Map<string, Item>();
  const itemOf = (key: AlertKey): Item => {
    const id = alertKeyId(key);
    const item = items.get(id) ?? { key, firing: null, resolved: [], quiet: [], severities: [] };
    items.set(id, item);
    return item;
  };
  for (const alert of pending.fresh) setFiring(itemOf(alert.key), alert, false);
  for (const alert of pending.repeats) setFiring(itemOf(alert.key), alert, true);
  for (const closed of pending.resolved.flatMap((i) => i.closed)) addClosed(itemOf(closed.alert.key), 'resolved', closed);
  for (const closed of quiet) addClosed(itemOf(closed.alert.key), 'quiet', closed);
  return [...items.values()].map(({ severities, ...item }) => ({ ...item, severity: highestSeverity(severities) })).sort(compareDigestItems);
}

/** A digest line while it is being put together. */
interface Item {
  readonly key: AlertKey;
  firing: DigestItem['firing'];
  readonly resolved: TextClosed[];
  readonly quiet: TextClosed[];
  readonly severities: Severity[];
}

function setFiring(item: Item, alert: TrackedAlert, repeat: boolean): void {
  item.firing = { alert, repeat };
  item.severities.push(alert.severity);
}

function addClosed(item: Item, list: 'resolved' | 'quiet', closed: ClosedAlert): void {
  item[list].push(closed);
  item.severities.push(closed.alert.severity);
}

export interface Muting {
  /** Nothing about this alert may be sent now. */
  muted(key: AlertKey): boolean;
  /** Muted by its model's ModelSilent: whatever it says is the silence's echo. */
  bySilence(key: AlertKey): boolean;
}

/**
 * While Roboflow is unreachable only that alert speaks (the others may be its echo); while a
 * model has no traffic, its other rules say nothing either.
 */
export function mutingOf(active: readonly ActiveAlert[]): Muting {
  const monitorDown = active.some((a) => a.key.rule === 'MonitorUnavailable');
  const silentModels = new Set(active.filter((a) => a.key.rule === 'ModelSilent').map((a) => a.key.model));
  const bySilence = (key: AlertKey): boolean => key.rule !== 'ModelSilent' && key.rule !== 'MonitorUnavailable' && key.model !== null && silentModels.has(key.model);
  return { bySilence, muted: (key) => key.rule !== 'MonitorUnavailable' && (monitorDown || bySilence(key)) };
}

/** One alert (or repeat) and one resolved notification per model, most urgent first. */
export function groupByModel(pending: Pending): Outgoing[] {
  const firing = new Map<string | null, { fresh: TrackedAlert[]; repeats: TrackedAlert[] }>();
  const resolved = new Map<string | null, ClosedIncident[]>();
  const firingOf = (model: string | null): { fresh: TrackedAlert[]; repeats: TrackedAlert[] } => {
    const group = firing.get(model) ?? { fresh: [], repeats: [] };
    firing.set(model, group);
    return group;
  };
  for (const alert of pending.fresh) firingOf(alert.key.model).fresh.push(alert);
  for (const alert of pending.repeats) firingOf(alert.key.model).repeats.push(alert);
  // Two incidents of a model can both be owed (the second opened while the first's message
  // was capped): they share one message.
  for (const incident of pending.resolved) resolved.set(incident.model, [...(resolved.get(incident.model) ?? []), incident]);
  const outgoing: Outgoing[] = [];
  for (const [model, group] of firing) {
    // Repeats due alongside new alerts ride in the same notification.
    outgoing.push({ kind: group.fresh.length > 0 ? 'alert' : 'repeat', model, ...group, resolved: [] });
  }
  for (const [model, incidents] of resolved) outgoing.push({ kind: 'resolved', model, fresh: [], repeats: [], resolved: incidents });
  return outgoing.sort(byUrgency);
}

/** Under the hourly cap the first ones go out: news of failure before recovery, critical first. */
function byUrgency(a: Outgoing, b: Outgoing): number {
  const severity = (o: Outgoing): number => severityRank(highestSeverity([...o.fresh, ...o.repeats, ...o.resolved.flatMap((i) => i.closed.map((c) => c.alert))].map((x) => x.severity)));
  return (
    Number(a.kind === 'resolved') - Number(b.kind === 'resolved') ||
    severity(b) - severity(a) ||
    Number(a.model !== null) - Number(b.model !== null) ||
    compareText(a.model ?? '', b.model ?? '')
  );
}

export function uniqueKeys(alerts: readonly TrackedAlert[]): AlertKey[] {
  const byId = new Map<string, TrackedAlert>();
  for (const alert of [...alerts].sort(compareBySeverity)) if (!byId.has(alert.id)) byId.set(alert.id, alert);
  return [...byId.values()].map((a) => a.key);
}

export function isEmpty(pending: Pending): boolean {
  return pending.fresh.length === 0 && pending.repeats.length === 0 && pending.resolved.length === 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
