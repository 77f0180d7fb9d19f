// Where `pulsebar watch` sends notifications: always to the terminal, and with --notify to the
// desktop through notify-send (libnotify), which every common Linux desktop understands.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { AlertNotification, Notifier } from '../core/alerts/types';
import type { CliIo } from './io';

export function printingNotifier(io: Pick<CliIo, 'stdout' | 'clock'>): Notifier {
  return {
    notify(n) {
      io.stdout(`${io.clock.now().toISOString().slice(11, 19)}  NOTIFY  ${n.title}: ${n.body.replace(/\s*\n\s*/g, '; ')}\n`);
    },
  };
}

/** The full path of `program` on PATH, or null. */
export function findOnPath(program: string, path: string | undefined): string | null {
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** notify-send's arguments for one notification: critical ones stay until dismissed. */
export function notifySendArgs(n: AlertNotification): string[] {
  const urgency = n.severity === 'critical' ? 'critical' : 'normal';
  return ['--app-name=Pulsebar', `--urgency=${urgency}`, '--category=presence', '--', n.title, n.body];
}

export function notifySendNotifier(program: string, run: CliIo['runProgram']): Notifier {
  return {
    async notify(n: AlertNotification) {
      await run(program, notifySendArgs(n));
    },
  };
}

export function allNotifiers(notifiers: readonly Notifier[]): Notifier {
  return {
    async notify(n) {
      for (const notifier of notifiers) await notifier.notify(n);
    },
  };
}
