import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPopoverVisibility } from '../../electron/shell/popover-visibility';
import type { PopoverVisibilityDeps } from '../../electron/shell/popover-visibility';

type Overrides = Partial<Pick<PopoverVisibilityDeps<unknown>, 'blurDelayMs' | 'reopenGuardMs'>>;

// The window's show/hide as spies; timers and clock are Vitest's fakes, passed in explicitly.
function setup(overrides: Overrides = {}) {
  const show = vi.fn();
  const hide = vi.fn();
  const popover = createPopoverVisibility({
    show,
    hide,
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    ...overrides,
  });
  return { popover, show, hide };
}

function openPopover() {
  const parts = setup();
  parts.popover.onTrayClick();
  return parts;
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('tray click', () => {
  it('starts hidden and opens on a click', () => {
    const { popover, show } = setup();
    expect(popover.isVisible()).toBe(false);
    popover.onTrayClick();
    expect(show).toHaveBeenCalledOnce();
    expect(popover.isVisible()).toBe(true);
  });

  it('toggles: a second click hides, a third opens again', () => {
    const { popover, show, hide } = openPopover();
    popover.onTrayClick();
    expect(hide).toHaveBeenCalledOnce();
    expect(popover.isVisible()).toBe(false);
    popover.onTrayClick();
    expect(show).toHaveBeenCalledTimes(2);
    expect(popover.isVisible()).toBe(true);
  });
});

describe('blur', () => {
  it('hides after the 100 ms debounce', () => {
    const { popover, hide } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(99);
    expect(hide).not.toHaveBeenCalled();
    expect(popover.isVisible()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(hide).toHaveBeenCalledOnce();
    expect(popover.isVisible()).toBe(false);
  });

  it('honours a custom debounce', () => {
    const { popover, hide } = setup({ blurDelayMs: 300 });
    popover.open();
    popover.onBlur();
    vi.advanceTimersByTime(299);
    expect(hide).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hide).toHaveBeenCalledOnce();
  });

  it('keeps the popover when focus returns within the debounce', () => {
    const { popover, hide } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(60);
    popover.onFocus();
    vi.advanceTimersByTime(1_000);
    expect(hide).not.toHaveBeenCalled();
    expect(popover.isVisible()).toBe(true);
  });

  it('a second blur does not push the hide back', () => {
    const { popover, hide } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(60);
    popover.onBlur();
    vi.advanceTimersByTime(40);
    expect(hide).toHaveBeenCalledOnce();
  });

  it('does nothing while hidden', () => {
    const { popover, hide } = setup();
    popover.onBlur();
    vi.advanceTimersByTime(1_000);
    expect(hide).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a focus while hidden does not show it', () => {
    const { popover, show } = setup();
    popover.onFocus();
    expect(show).not.toHaveBeenCalled();
    expect(popover.isVisible()).toBe(false);
  });
});

describe('Esc', () => {
  it('hides at once', () => {
    const { popover, hide } = openPopover();
    popover.onEscape();
    expect(hide).toHaveBeenCalledOnce();
    expect(popover.isVisible()).toBe(false);
  });

  it('hides at once during a pending blur, and the blur timer does not hide again', () => {
    const { popover, hide } = openPopover();
    popover.onBlur();
    popover.onEscape();
    vi.advanceTimersByTime(1_000);
    expect(hide).toHaveBeenCalledOnce();
  });

  it('does nothing while hidden', () => {
    const { popover, hide } = setup();
    popover.onEscape();
    expect(hide).not.toHaveBeenCalled();
  });

  it('does not arm the reopen guard: a click right after Esc opens', () => {
    const { popover, show } = openPopover();
    popover.onEscape();
    vi.advanceTimersByTime(10);
    popover.onTrayClick();
    expect(show).toHaveBeenCalledTimes(2);
  });
});

// Windows and Linux: pressing the tray icon blurs the popover first; the click arrives after.
describe('a tray click that follows a blur-hide', () => {
  it('does not reopen the popover the click just closed', () => {
    const { popover, show, hide } = openPopover();
    popover.onBlur(); // mouse down on the tray icon
    vi.advanceTimersByTime(100); // the debounce hides it
    vi.advanceTimersByTime(30); // mouse up: the tray's click
    popover.onTrayClick();
    expect(hide).toHaveBeenCalledOnce();
    expect(show).toHaveBeenCalledOnce();
    expect(popover.isVisible()).toBe(false);
  });

  it('ignores a click up to 249 ms after the hide, not at 250 ms', () => {
    const early = openPopover();
    early.popover.onBlur();
    vi.advanceTimersByTime(100 + 249);
    early.popover.onTrayClick();
    expect(early.popover.isVisible()).toBe(false);

    const late = openPopover();
    late.popover.onBlur();
    vi.advanceTimersByTime(100 + 250);
    late.popover.onTrayClick();
    expect(late.popover.isVisible()).toBe(true);
  });

  it('swallows only that one click: the next click opens', () => {
    const { popover, show } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(110);
    popover.onTrayClick();
    vi.advanceTimersByTime(50);
    popover.onTrayClick();
    expect(show).toHaveBeenCalledTimes(2);
    expect(popover.isVisible()).toBe(true);
  });

  it('reopens on a click well after a blur-hide (the user clicked elsewhere, then came back)', () => {
    const { popover, show } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(100 + 2_000);
    popover.onTrayClick();
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('honours a custom guard', () => {
    const { popover } = setup({ reopenGuardMs: 500 });
    popover.open();
    popover.onBlur();
    vi.advanceTimersByTime(100 + 400);
    popover.onTrayClick();
    expect(popover.isVisible()).toBe(false);
  });

  it('a click before the debounce fires hides at once, once, and arms no guard', () => {
    const { popover, show, hide } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(20);
    popover.onTrayClick();
    expect(hide).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1_000);
    expect(hide).toHaveBeenCalledOnce();
    popover.onTrayClick();
    expect(show).toHaveBeenCalledTimes(2);
  });
});

describe('open', () => {
  it('shows a hidden popover, even inside the reopen guard', () => {
    const { popover, show } = openPopover();
    popover.onBlur();
    vi.advanceTimersByTime(110);
    popover.open();
    expect(show).toHaveBeenCalledTimes(2);
    expect(popover.isVisible()).toBe(true);
  });

  it('does not show a visible popover twice, and cancels a pending blur-hide', () => {
    const { popover, show, hide } = openPopover();
    popover.onBlur();
    popover.open();
    vi.advanceTimersByTime(1_000);
    expect(show).toHaveBeenCalledOnce();
    expect(hide).not.toHaveBeenCalled();
  });
});

describe('dispose', () => {
  it('drops a pending blur-hide', () => {
    const { popover, hide } = openPopover();
    popover.onBlur();
    popover.dispose();
    vi.advanceTimersByTime(1_000);
    expect(hide).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('injected timers', () => {
  it('uses only the timers and clock it is given', () => {
    vi.useRealTimers();
    const pending = new Map<number, () => void>();
    let nextId = 0;
    let clock = 5_000;
    const hide = vi.fn();
    const popover = createPopoverVisibility({
      show: vi.fn(),
      hide,
      now: () => clock,
      setTimeout: (callback, ms) => {
        expect(ms).toBe(100);
        pending.set(++nextId, callback);
        return nextId;
      },
      clearTimeout: (id) => pending.delete(id),
    });
    popover.open();
    popover.onBlur();
    popover.onFocus();
    expect(pending.size).toBe(0);
    popover.onBlur();
    clock += 100;
    pending.get(nextId)?.();
    expect(hide).toHaveBeenCalledOnce();
    clock += 100;
    popover.onTrayClick();
    expect(popover.isVisible()).toBe(false);
  });
});
