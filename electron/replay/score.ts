// How well a replay did against the scenario's ground truth: which rule caught each incident
// and how soon, what was missed, what fired outside any incident, how many notifications each
// incident cost. The measurement behind `npm run bench:alerts`.
import type { RuleName } from '../core/alerts/types';
import { MINUTE_MS } from '../core/time';
import type { Incident, Scenario } from '../sim';
import type { ReplayLine } from './replay-lines';
import type { ReplayResult } from './run-replay';

/** An incident counts as caught when its rule fires within this long of its start. */
export const CATCH_WITHIN_MINUTES = 60;
/** Alerts this long after an incident ends still belong to it (recovery takes a few polls). */
export const AFTERMATH_MS = 2 * 60 * MINUTE_MS;

export const RULE_FOR_INCIDENT: Readonly<Record<Incident['kind'], RuleName>> = {
  confidence_drop: 'ConfidenceDrop',
  latency_rise: 'LatencyUp',
  error_rise: 'ErrorRateUp',
  traffic_drop: 'TrafficDrop',
  outage: 'ModelSilent',
  class_shift: 'ClassMixShift',
  server_version: 'ServerVersionChange',
};

export interface IncidentScore {
  readonly kind: Incident['kind'];
  readonly model: string;
  readonly from: string;
  readonly rule: RuleName;
  /** Minutes from the incident's start to its rule firing on its model; null when it never did. */
  readonly delayMinutes: number | null;
  readonly caught: boolean;
  /** Other rules that fired on the model during the incident. */
  readonly alsoFired: readonly RuleName[];
  /** Notifications about the model while the incident ran (+ 2 h): first alerts and escalations. */
  readonly notifications: number;
  /** Reminders of a critical alert still firing (every 4 h at most 3 times). */
  readonly reminders: number;
  readonly resolvedNotifications: number;
}

export interface ReplayScore {
  readonly scenario: string;
  readonly polls: number;
  readonly failedPolls: number;
  readonly incidents: readonly IncidentScore[];
  readonly missed: number;
  /** Warning or critical alerts firing outside every incident window of their model (+ 2 h), and MonitorUnavailable not preceded by enough failed polls. */
  readonly falseAlarms: readonly ReplayLine[];
  /** MonitorUnavailable firings, each after enough failed polls in a row. */
  readonly monitorAlerts: number;
  /** Info events outside incidents (not alarms: they never notify). */
  readonly infoOutsideIncidents: number;
  readonly notifications: number;
  readonly wallSeconds: number;
}

export function scoreReplay(result: ReplayResult, failedPollsForMonitor = 3): ReplayScore {
  const { scenario, lines, polls } = result;
  const timeOf = (line: ReplayLine) => Date.parse(line.at);
  const spans = scenario.incidents.map((incident) => ({ incident, start: Date.parse(incident.from), end: Date.parse('to' in incident && incident.to !== undefined ? incident.to : incident.from) + AFTERMATH_MS }));
  const within = (line: ReplayLine) => spans.some((s) => s.incident.model === line.model && timeOf(line) >= s.start && timeOf(line) <= s.end);

  const incidents = spans.map(({ incident, start, end }): IncidentScore => {
    const rule = RULE_FOR_INCIDENT[incident.kind];
    const onModel = lines.filter((l) => l.model === incident.model && timeOf(l) >= start && timeOf(l) <= end);
    const firings = onModel.filter((l) => l.event === 'firing');
    const hit = firings.find((l) => l.rule === rule && matchesClass(incident, l));
    const delayMinutes = hit === undefined ? null : (timeOf(hit) - start) / MINUTE_MS;
    const notified = result.notifications.filter((n) => n.model === incident.model && n.at.getTime() >= start && n.at.getTime() <= end);
    return {
      kind: incident.kind,
      model: incident.model,
      from: incident.from,
      rule,
      delayMinutes,
      caught: delayMinutes !== null && delayMinutes <= CATCH_WITHIN_MINUTES,
      alsoFired: [...new Set(firings.map((l) => l.rule).filter((r) => r !== rule))],
      notifications: notified.filter((n) => n.kind === 'alert' || n.kind === 'digest').length,
      reminders: notified.filter((n) => n.kind === 'repeat').length,
      resolvedNotifications: notified.filter((n) => n.kind === 'resolved').length,
    };
  });

  const firings = lines.filter((l) => l.event === 'firing');
  const monitorFirings = firings.filter((l) => l.rule === 'MonitorUnavailable');
  const unexplainedMonitor = monitorFirings.filter((l) => !afterFailedPolls(polls, timeOf(l), failedPollsForMonitor));
  const falseAlarms = [...firings.filter((l) => l.rule !== 'MonitorUnavailable' && l.severity !== 'info' && !within(l)), ...unexplainedMonitor];
  return {
    scenario: scenario.name,
    polls: polls.length,
    failedPolls: polls.filter((p) => !p.ok).length,
    incidents,
    missed: incidents.filter((i) => !i.caught).length,
    falseAlarms,
    monitorAlerts: monitorFirings.length - unexplainedMonitor.length,
    infoOutsideIncidents: firings.filter((l) => l.severity === 'info' && !within(l)).length,
    notifications: lines.filter((l) => l.event === 'notified').length,
    wallSeconds: result.wallMs / 1000,
  };
}

function matchesClass(incident: Incident, line: ReplayLine): boolean {
  if (incident.kind !== 'confidence_drop' || incident.class === undefined) return true;
  return line.class === null || line.class === incident.class;
}

/** True when the `count` polls up to and including the one at `atMs` all failed. */
function afterFailedPolls(polls: ReplayResult['polls'], atMs: number, count: number): boolean {
  const upTo = polls.filter((p) => p.at.getTime() <= atMs);
  const last = upTo.slice(-count);
  return last.length === count && last.every((p) => !p.ok);
}

export type { Scenario };
