// The core's Notifier on Electron's Notification. A notification object must stay referenced
// until it is closed, or its click handler can be garbage-collected before the user clicks.
import { Notification } from 'electron';
import type { AlertNotification, Notifier } from '../core/alerts';

export interface NativeNotifierOptions {
  /** A click opens the popover on the notification's model (null: the overview). */
  onClick(model: string | null): void;
  /** Icon for Linux and Windows (macOS uses the app's). */
  icon?: string;
  log?(line: string): void;
}

export function createNativeNotifier(options: NativeNotifierOptions): Notifier & { readonly open: number } {
  const open = new Set<Notification>();
  return {
    get open() {
      return open.size;
    },
    notify(n: AlertNotification) {
      if (!Notification.isSupported()) {
        options.log?.(`Notifications are not supported here; not shown: ${n.title}`);
        return;
      }
      const notification = new Notification({
        title: n.title,
        body: n.body,
        urgency: n.severity === 'critical' ? 'critical' : 'normal',
        timeoutType: n.severity === 'critical' ? 'never' : 'default',
        ...(options.icon === undefined ? {} : { icon: options.icon }),
      });
      open.add(notification);
      const release = () => open.delete(notification);
      notification.on('click', () => {
        release();
        options.onClick(n.model);
      });
      notification.on('close', release);
      notification.on('failed', (_event, error) => {
        release();
        options.log?.(`A notification could not be shown: ${error}`);
      });
      notification.show();
    },
  };
}

/** Counts what goes through (the Electron suite's test hook reads it). */
export function countingNotifier(inner: Notifier, counted: () => void): Notifier {
  return {
    notify(n) {
      counted();
      return inner.notify(n);
    },
  };
}
