// A model's incidents. One cause often trips several rules minutes or hours apart (a class-mix
// shift, then a confidence drop; no traffic, then a traffic drop), so the user hears of a
// model's trouble once, again only if it gets worse, and once when all of it is over.
//
// An incident opens when the user is first told of one of the model's alerts (alert or digest);
// from then on every alert of the model that fires joins it, told or not, and it closes when
// they have all resolved. The workspace (model null) has incidents of its own.
import { highestSeverity, severityRank } from './notification-text';
import type { ClosedAlert, TrackedAlert } from './policy-tracker';
import type { AlertKey, Severity } from './types';

interface OpenIncident {
  /** Members still firing, by alert id. */
  readonly firing: Map<string, TrackedAlert>;
  /** Members that resolved, less those a snooze dropped. */
  closed: ClosedAlert[];
  /** The highest severity the user was told of in it. */
  told: Severity;
}

/** An incident over, whose resolved message has not gone out (muted or capped, or just closed). */
export interface ClosedIncident {
  readonly model: string | null;
  /** Every member that recovered, told or joined, less those a snooze dropped. */
  readonly closed: readonly ClosedAlert[];
}

export class IncidentBook {
  private readonly open = new Map<string | null, OpenIncident>();
  private owedIncidents: ClosedIncident[] = [];

  /** Closed incidents owed their resolved message. */
  get owed(): readonly ClosedIncident[] {
    return this.owedIncidents;
  }

  /**
   * Telling this untold alert would be news: its model has no open incident, or it is more
   * severe than anything the incident told (an escalation). Otherwise it joins silently.
   */
  isNews(alert: TrackedAlert): boolean {
    const incident = this.open.get(alert.key.model);
    return incident === undefined || severityRank(alert.severity) > severityRank(incident.told);
  }

  /**
   * Applies a poll: members that resolved leave the firing set, alerts of a model with an open
   * incident join it, a snooze drops the resolved members it covers (as it drops any message of
   * its pair), and an incident with nothing left firing closes. A closed incident is owed its
   * resolved message only while a member the user was told of is left in it.
   */
  update(tracked: Iterable<TrackedAlert>, closed: readonly ClosedAlert[], isSnoozed: (key: AlertKey) => boolean): void {
    for (const c of closed) {
      const incident = this.open.get(c.alert.key.model);
      if (incident?.firing.get(c.alert.id) !== c.alert) continue;
      incident.firing.delete(c.alert.id);
      incident.closed.push(c);
    }
    this.join(tracked);
    const kept = (list: readonly ClosedAlert[]): ClosedAlert[] => list.filter((c) => !isSnoozed(c.alert.key));
    for (const [model, incident] of this.open) {
      incident.closed = kept(incident.closed);
      if (incident.firing.size > 0) continue;
      this.open.delete(model);
      this.owedIncidents.push({ model, closed: incident.closed });
    }
    this.owedIncidents = this.owedIncidents.map((i) => ({ model: i.model, closed: kept(i.closed) })).filter((i) => i.closed.some((c) => c.alert.notifiedAt !== null));
  }

  /** The user was just told of these (alert, repeat or digest): their incidents open, or are raised. */
  told(alerts: readonly TrackedAlert[], tracked: Iterable<TrackedAlert>): void {
    for (const alert of alerts) {
      const incident = this.open.get(alert.key.model) ?? { firing: new Map<string, TrackedAlert>(), closed: [], told: 'info' };
      this.open.set(alert.key.model, incident);
      incident.told = highestSeverity([incident.told, alert.severity]);
    }
    this.join(tracked);
  }

  /** Their resolved message went out. */
  settle(incidents: readonly ClosedIncident[]): void {
    this.owedIncidents = this.owedIncidents.filter((i) => !incidents.includes(i));
  }

  /** Info alerts never speak, so they neither join nor hold an incident open. */
  private join(tracked: Iterable<TrackedAlert>): void {
    for (const alert of tracked) {
      const incident = this.open.get(alert.key.model);
      if (incident !== undefined && alert.severity !== 'info' && !incident.firing.has(alert.id)) incident.firing.set(alert.id, alert);
    }
  }
}
