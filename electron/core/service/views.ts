// What the popover shows, as plain data for IPC: the latest headline snapshot with its alerts,
// models worst first. Pure functions of what the history and the poller hold.
import type { AlertView, FigurePair, Health, HeadlineFigures, ModelOverview, PollStateView, Severity } from '../../contract';
import { errorRate } from '../figures';
import type { StoredAlert } from '../history/types';
import type { PollerState } from '../poller';
import type { ClassStats, Figures, StatsSnapshot } from '../stats/types';

/** Polls failing in a row before the app shows itself offline (as MonitorUnavailable). */
export const OFFLINE_AFTER_FAILURES = 3;

export function alertView(alert: StoredAlert): AlertView {
  return {
    id: alert.id,
    rule: alert.key.rule,
    model: alert.key.model,
    className: alert.key.className,
    severity: alert.severity,
    message: alert.message,
    startedAt: alert.startedAt.toISOString(),
    endedAt: alert.endedAt === null ? null : alert.endedAt.toISOString(),
    acknowledged: alert.acknowledgedAt !== null,
    figures: { ...(alert.endFigures ?? alert.figures) },
  };
}

const pair = (current: number | null, previous: number | null): FigurePair => ({ current, previous });

export function headlineFigures(current: Figures, previous: Figures): HeadlineFigures {
  return {
    inferences: pair(current.inferences, previous.inferences),
    errorRate: pair(errorRate(current), errorRate(previous)),
    avgConfidence: pair(current.avgConfidence, previous.avgConfidence),
    avgLatencySeconds: pair(current.avgResponseTimeSeconds, previous.avgResponseTimeSeconds),
  };
}

/** Mean of a per-row average, weighted by `weight` (detections now; inferences before: the API gives no earlier class_count). */
function weighted(rows: readonly ClassStats[], value: (r: ClassStats) => number | null, weight: (r: ClassStats) => number | null): number | null {
  let sum = 0;
  let total = 0;
  for (const row of rows) {
    const v = value(row);
    const w = weight(row);
    if (v === null || w === null || w <= 0) continue;
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

const RANK: Readonly<Record<Health, number>> = { critical: 0, warning: 1, ok: 2, unknown: 3 };

export function healthOf(alerts: readonly { severity: Severity }[], hasData: boolean): Health {
  if (alerts.some((a) => a.severity === 'critical')) return 'critical';
  if (alerts.some((a) => a.severity === 'warning')) return 'warning';
  return hasData ? 'ok' : 'unknown';
}

/** Every model of the snapshot and every model with an active alert, worst first, then busiest. */
export function modelOverviews(snapshot: StatsSnapshot | null, active: readonly AlertView[]): ModelOverview[] {
  const names = new Set<string>([...(snapshot?.models.map((m) => m.model) ?? []), ...active.flatMap((a) => (a.model === null ? [] : [a.model]))]);
  const models = [...names].map((model): ModelOverview => {
    const stats = snapshot?.models.find((m) => m.model === model);
    const rows = snapshot?.classes.filter((r) => r.model === model) ?? [];
    const alerts = active.filter((a) => a.model === model);
    return {
      model,
      health: healthOf(alerts, stats !== undefined),
      figures: {
        inferences: pair(stats?.inferences.current ?? null, stats?.inferences.previous ?? null),
        // The API attributes errors to the workspace only (per-row num_errors is null).
        errorRate: pair(null, null),
        avgConfidence: pair(weighted(rows, (r) => r.current.avgConfidence, (r) => r.detections), weighted(rows, (r) => r.previous.avgConfidence, (r) => r.previous.inferences)),
        avgLatencySeconds: pair(weighted(rows, (r) => r.current.avgResponseTimeSeconds, (r) => r.current.inferences), weighted(rows, (r) => r.previous.avgResponseTimeSeconds, (r) => r.previous.inferences)),
      },
      serverVersions: [...(stats?.serverVersions ?? [])],
      deploymentTypes: [...(stats?.deploymentTypes ?? [])],
      classes: rows.map((r) => r.className),
      activeAlerts: alerts,
    };
  });
  return models.sort((a, b) => RANK[a.health] - RANK[b.health] || (b.figures.inferences.current ?? 0) - (a.figures.inferences.current ?? 0) || a.model.localeCompare(b.model));
}

export interface PollMemory {
  readonly lastPollAt: Date | null;
  readonly lastSuccessAt: Date | null;
}

export function pollStateView(state: PollerState | null, memory: PollMemory): PollStateView {
  if (state === null) return { status: 'unconfigured', lastPollAt: null, lastSuccessAt: null, nextPollAt: null, consecutiveFailures: 0, lastError: null, offline: false };
  const last = state.lastResult;
  return {
    status: state.status,
    lastPollAt: memory.lastPollAt?.toISOString() ?? null,
    lastSuccessAt: memory.lastSuccessAt?.toISOString() ?? null,
    nextPollAt: state.nextPollAt?.toISOString() ?? null,
    consecutiveFailures: state.consecutiveFailures,
    lastError: last === null || last.ok ? null : (last.error?.message ?? null),
    offline: state.consecutiveFailures >= OFFLINE_AFTER_FAILURES,
  };
}
