// What the tray shows for an overview: its state, tooltip and menu, from the pure parts.
import type { Overview } from '../contract';
import { trayMenuItems } from './tray-menu';
import { trayStateOf, trayTooltip } from './tray-state';
import type { TrayView } from './tray';

export function trayViewOf(overview: Overview, context: { now: Date; snoozedAllUntil: Date | null }): TrayView {
  const paused = overview.poll.status === 'paused';
  const alerts = overview.activeAlerts.filter((a) => a.severity !== 'info');
  const state = trayStateOf({ demo: overview.demo, paused, consecutiveFailures: overview.poll.consecutiveFailures, activeSeverities: alerts.map((a) => a.severity) });
  const snoozed = context.snoozedAllUntil !== null && context.snoozedAllUntil > context.now ? context.snoozedAllUntil : null;
  return {
    state,
    tooltip: trayTooltip({
      workspace: overview.workspace,
      state,
      lastPollAt: overview.poll.lastPollAt === null ? null : new Date(overview.poll.lastPollAt),
      now: context.now,
      demo: overview.demo,
      alertCount: alerts.length,
    }),
    menu: trayMenuItems({ state, paused, demo: overview.demo, hasAlerts: alerts.length > 0, snoozedAll: snoozed }),
  };
}
