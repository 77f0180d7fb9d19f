// The replay's output, one JSON object per line: every firing, resolved and notification.
import type { MonitorReport } from '../core/alerts/monitor';
import type { RuleName, Severity } from '../core/alerts/types';

export interface ReplayLine {
  readonly at: string;
  readonly event: 'firing' | 'resolved' | 'notified';
  readonly rule: RuleName;
  readonly model: string | null;
  readonly class: string | null;
  readonly severity: Severity;
  readonly message: string;
}

/** "2026-11-03T10:35:00Z": whole seconds, as the API's times. */
export function replayTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}

export function replayLines(report: MonitorReport): ReplayLine[] {
  const lines: ReplayLine[] = report.events.map((e) => ({
    at: replayTime(e.at),
    event: e.event,
    rule: e.key.rule,
    model: e.key.model,
    class: e.key.className,
    severity: e.severity,
    message: e.message,
  }));
  for (const n of report.notifications) {
    const first = n.alerts[0];
    if (first === undefined) continue;
    lines.push({
      at: replayTime(n.at),
      event: 'notified',
      rule: first.rule,
      model: n.model,
      class: n.model === null ? null : first.className,
      severity: n.severity,
      message: `${n.title}: ${n.body.replace(/\s*\n\s*/g, '; ')}`,
    });
  }
  return lines;
}

/** Exactly the documented shape, keys in this order. */
export function replayJson(line: ReplayLine): string {
  return JSON.stringify({ at: line.at, event: line.event, rule: line.rule, model: line.model, class: line.class, severity: line.severity, message: line.message });
}
