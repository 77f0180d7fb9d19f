// What the tray icon and its tooltip say, as pure functions of what the monitor knows.
import type { Severity } from '../core/alerts';

export const TRAY_STATES = ['ok', 'warning', 'critical', 'offline', 'paused', 'demo'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export interface TrayStateInput {
  readonly demo: boolean;
  readonly paused: boolean;
  /** Polls that failed in a row (0 after a success). */
  readonly consecutiveFailures: number;
  /** Failures in a row before the icon says offline; 3 by default, so one blip does not flash it. */
  readonly offlineAfter?: number;
  readonly activeSeverities: readonly Severity[];
}

export const DEFAULT_OFFLINE_AFTER = 3;

/**
 * One state, by precedence: paused > offline > critical > warning > demo > ok.
 *
 * - paused first: the person chose it, and alerts are not being re-checked, so any alert
 *   colour would be stale; the pause badge reminds them monitoring is off.
 * - offline before alerts: when polls keep failing, the alerts describe old data and the
 *   most important fact is that nothing is being watched.
 * - demo only replaces ok: a demo exists to show alerts, so a critical demo alert looks critical
 *   (the tooltip and the menu say it is the demo).
 * - info alerts do not change the icon: they never notify either.
 */
export function trayStateOf(input: TrayStateInput): TrayState {
  const offlineAfter = input.offlineAfter ?? DEFAULT_OFFLINE_AFTER;
  if (!Number.isInteger(offlineAfter) || offlineAfter < 1) {
    throw new RangeError(`offlineAfter must be a whole number of polls, at least 1 (got ${offlineAfter}).`);
  }
  if (input.paused) return 'paused';
  if (input.consecutiveFailures >= offlineAfter) return 'offline';
  if (input.activeSeverities.includes('critical')) return 'critical';
  if (input.activeSeverities.includes('warning')) return 'warning';
  return input.demo ? 'demo' : 'ok';
}

export interface TrayTooltipInput {
  readonly workspace: string | null;
  readonly state: TrayState;
  readonly lastPollAt: Date | null;
  readonly now: Date;
  readonly demo: boolean;
  /** Active warning and critical alerts; when given, the count replaces the bare state word. */
  readonly alertCount?: number;
}

/** Windows keeps 127 UTF-16 units of a tray tooltip (szTip is 128 with the terminator). */
export const TOOLTIP_MAX = 127;

const SEPARATOR = ' · ';

/** "Pulsebar · hard-hat-workspace · 2 alerts · updated 3 min ago", at most 127 units. */
export function trayTooltip(input: TrayTooltipInput): string {
  const where = input.demo ? 'demo data' : input.workspace;
  if (!where) return 'Pulsebar · not set up: open Pulsebar to add a workspace';

  const parts = [statusText(input), updatedText(input.lastPollAt, input.now)];
  const fixed = ['Pulsebar', ...parts].join(SEPARATOR).length + SEPARATOR.length;
  // Long workspace names are what overflow; shorten the name, never the status.
  return ['Pulsebar', truncate(where, TOOLTIP_MAX - fixed), ...parts].join(SEPARATOR);
}

function statusText({ state, alertCount }: TrayTooltipInput): string {
  switch (state) {
    case 'paused':
      return 'paused';
    case 'offline':
      return 'cannot reach Roboflow';
    case 'critical':
    case 'warning':
      if (alertCount !== undefined && alertCount > 0) {
        return `${alertCount} ${alertCount === 1 ? 'alert' : 'alerts'}${state === 'critical' ? ' (critical)' : ''}`;
      }
      return state === 'critical' ? 'critical alert' : 'warning';
    case 'ok':
    case 'demo':
      return 'all good';
  }
}

function updatedText(lastPollAt: Date | null, now: Date): string {
  if (lastPollAt === null) return 'no data yet';
  return `updated ${ago(now.getTime() - lastPollAt.getTime())}`;
}

/** "just now", "3 min ago", "2 h ago", "4 d ago"; a clock that went back counts as just now. */
export function ago(elapsedMs: number): string {
  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  // Do not split a surrogate pair: Windows would show a broken character.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}
