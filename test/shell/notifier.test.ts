import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertNotification } from '../../electron/core/alerts';

const created: FakeNotification[] = [];
class FakeNotification {
  static isSupported = vi.fn(() => true);
  readonly handlers = new Map<string, (...args: unknown[]) => void>();
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    created.push(this);
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, handler);
    return this;
  }
  show() {
    this.shown = true;
  }
}
vi.mock('electron', () => ({ Notification: FakeNotification }));

const { createNativeNotifier } = await import('../../electron/shell/notifier');

const alert = (severity: AlertNotification['severity'], model: string | null = 'hard-hat'): AlertNotification => ({
  at: new Date(),
  kind: 'alert',
  model,
  severity,
  title: 'hard-hat: confidence drop',
  body: 'helmet confidence 0.86 → 0.66 in the last hour',
  alerts: [{ rule: 'ConfidenceDrop', model, className: 'helmet' }],
});

describe('the native notifier', () => {
  beforeEach(() => {
    created.length = 0;
    FakeNotification.isSupported.mockReturnValue(true);
  });

  it('shows the title and body, keeps the notification until it closes, and opens the model on click', () => {
    const clicks: (string | null)[] = [];
    const notifier = createNativeNotifier({ onClick: (model) => clicks.push(model) });
    void notifier.notify(alert('warning'));
    const shown = created[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'hard-hat: confidence drop', body: 'helmet confidence 0.86 → 0.66 in the last hour', urgency: 'normal' });
    expect(notifier.open).toBe(1);
    shown.handlers.get('click')?.();
    expect(clicks).toEqual(['hard-hat']);
    expect(notifier.open).toBe(0);
  });

  it('keeps critical notifications on screen until dismissed', () => {
    const notifier = createNativeNotifier({ onClick: () => undefined });
    void notifier.notify(alert('critical'));
    expect(created[0]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
    created[0]?.handlers.get('close')?.();
    expect(notifier.open).toBe(0);
  });

  it('logs instead of failing where notifications are not supported', () => {
    FakeNotification.isSupported.mockReturnValue(false);
    const lines: string[] = [];
    const notifier = createNativeNotifier({ onClick: () => undefined, log: (line) => lines.push(line) });
    void notifier.notify(alert('warning'));
    expect(created).toEqual([]);
    expect(lines).toEqual(['Notifications are not supported here; not shown: hard-hat: confidence drop']);
  });
});
