// What each tray menu item does, given the service: one place, tested without Electron.
import type { IpcEvents } from '../contract';
import type { MonitorService } from '../core/service';
import type { TrayMenuId } from './tray-menu';

export const SNOOZE_ALL_MS = 3_600_000;

export interface TrayActionDeps {
  readonly service: Pick<MonitorService, 'pollNow' | 'pause' | 'resume' | 'snooze' | 'overview'>;
  readonly now: Date;
  openView(view: IpcEvents['open-view']): void;
  openLogs(): void;
  quit(): void;
}

/** Runs a menu item; returns when "snooze all" ends when it started one, else null. */
export function runTrayAction(id: Exclude<TrayMenuId, 'open'>, deps: TrayActionDeps): Date | null {
  switch (id) {
    case 'refresh':
      void deps.service.pollNow();
      return null;
    case 'pause':
      deps.service.pause();
      return null;
    case 'resume':
      deps.service.resume();
      return null;
    case 'snooze-all': {
      // Each active (rule, model) pair is snoozed: new regressions still get through.
      const pairs = new Map(deps.service.overview().activeAlerts.filter((a) => a.severity !== 'info').map((a) => [`${a.rule}\u0000${a.model ?? ''}`, a]));
      for (const alert of pairs.values()) deps.service.snooze({ rule: alert.rule, model: alert.model, for: '1h' });
      return new Date(deps.now.getTime() + SNOOZE_ALL_MS);
    }
    case 'settings':
      deps.openView('settings');
      return null;
    case 'open-logs':
      deps.openLogs();
      return null;
    case 'quit':
      deps.quit();
      return null;
  }
}
