// The tray menu as plain data; tray.ts turns it into an Electron Menu.
import type { TrayState } from './tray-state';

export type TrayMenuId = 'open' | 'refresh' | 'pause' | 'resume' | 'snooze-all' | 'settings' | 'open-logs' | 'quit';

export interface TrayMenuAction {
  readonly type?: undefined;
  readonly id: TrayMenuId;
  readonly label: string;
  readonly enabled: boolean;
}

export interface TrayMenuSeparator {
  readonly type: 'separator';
}

export type TrayMenuItem = TrayMenuAction | TrayMenuSeparator;

export interface TrayMenuInput {
  readonly state: TrayState;
  readonly paused: boolean;
  readonly demo: boolean;
  /** Any active alert that a snooze would silence. */
  readonly hasAlerts: boolean;
  /** When a snooze of every alert ends; null when none is running. */
  readonly snoozedAll: Date | null;
  /** Clock time for "Snoozed until …"; 24-hour local HH:MM unless the caller knows the locale. */
  readonly formatTime?: (time: Date) => string;
}

const SEPARATOR: TrayMenuSeparator = { type: 'separator' };

export function trayMenuItems(input: TrayMenuInput): TrayMenuItem[] {
  const formatTime = input.formatTime ?? localClockTime;
  return [
    { id: 'open', label: input.demo ? 'Open Pulsebar (demo)' : 'Open Pulsebar', enabled: true },
    SEPARATOR,
    // A manual poll works while paused too (the poller allows it); offline, it is a retry.
    { id: 'refresh', label: input.state === 'offline' ? 'Retry now' : 'Refresh now', enabled: true },
    input.paused
      ? { id: 'resume', label: 'Resume polling', enabled: true }
      : { id: 'pause', label: 'Pause polling', enabled: true },
    // While a snooze runs the item tells when it ends and is disabled, so a stray click does
    // not quietly extend it; ending a snooze early belongs in the popover.
    input.snoozedAll !== null
      ? { id: 'snooze-all', label: `Snoozed until ${formatTime(input.snoozedAll)}`, enabled: false }
      : { id: 'snooze-all', label: 'Snooze all alerts for 1 hour', enabled: input.hasAlerts },
    SEPARATOR,
    { id: 'settings', label: 'Settings…', enabled: true },
    { id: 'open-logs', label: 'Open logs', enabled: true },
    SEPARATOR,
    { id: 'quit', label: 'Quit Pulsebar', enabled: true },
  ];
}

export function localClockTime(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(time.getHours())}:${pad(time.getMinutes())}`;
}
