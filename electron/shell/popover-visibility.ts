// When the popover shows and hides: a tray click toggles it, Esc closes it, and losing focus
// closes it after a short debounce. No electron import: the shell wires the window's
// `blur`/`focus` events, the tray's `click` and the renderer's Esc to these methods, and the
// timers and clock come in as parameters so the tests drive them.

export interface PopoverVisibilityDeps<Handle> {
  show(): void;
  hide(): void;
  /**
   * How long a blur waits before hiding. Focus moving briefly elsewhere (a native dialog, a
   * DevTools window, a focus-stealing notification) comes back within it and keeps the popover.
   */
  blurDelayMs?: number;
  /**
   * How long after a blur-hide a tray click is taken as the click that caused the blur.
   * On Windows and Linux, pressing the tray icon takes focus from the popover (blur, and so a
   * hide) before the click reaches the tray; without this guard that click would reopen the
   * popover the user just meant to close. Where a click comes without a blur first, the guard
   * never comes into play. The cost: a deliberate tray click within this time after clicking
   * elsewhere is ignored; nobody moves to the tray and clicks that fast.
   */
  reopenGuardMs?: number;
  now(): number;
  /** The global `setTimeout`/`clearTimeout` in the app; fake ones in tests. */
  setTimeout(callback: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
}

export interface PopoverVisibility {
  onTrayClick(): void;
  onBlur(): void;
  onFocus(): void;
  onEscape(): void;
  /** Show it whatever the state: a notification click, the tray menu's Open item. */
  open(): void;
  /** True from `show()` until `hide()`, including while a blur waits to hide it. */
  isVisible(): boolean;
  /** Drops a pending blur-hide, so no timer calls `hide()` on a destroyed window. */
  dispose(): void;
}

export const DEFAULT_BLUR_DELAY_MS = 100;
export const DEFAULT_REOPEN_GUARD_MS = 250;

type State<Handle> =
  | { kind: 'hidden'; blurHiddenAt: number | null }
  | { kind: 'visible' }
  | { kind: 'blurred'; pendingHide: Handle };

export function createPopoverVisibility<Handle>(
  deps: PopoverVisibilityDeps<Handle>,
): PopoverVisibility {
  const blurDelayMs = deps.blurDelayMs ?? DEFAULT_BLUR_DELAY_MS;
  const reopenGuardMs = deps.reopenGuardMs ?? DEFAULT_REOPEN_GUARD_MS;
  let state: State<Handle> = { kind: 'hidden', blurHiddenAt: null };

  function cancelPendingHide(): void {
    if (state.kind === 'blurred') deps.clearTimeout(state.pendingHide);
  }

  function show(): void {
    cancelPendingHide();
    if (state.kind === 'hidden') deps.show();
    state = { kind: 'visible' };
  }

  function hide(blurHiddenAt: number | null): void {
    cancelPendingHide();
    if (state.kind !== 'hidden') deps.hide();
    state = { kind: 'hidden', blurHiddenAt };
  }

  return {
    onTrayClick() {
      if (state.kind !== 'hidden') return hide(null);
      const { blurHiddenAt } = state;
      if (blurHiddenAt !== null && deps.now() - blurHiddenAt < reopenGuardMs) {
        // This click is the one whose press blurred the popover: it meant "close", already done.
        // One blur swallows one click, so the next click opens again.
        state = { kind: 'hidden', blurHiddenAt: null };
        return;
      }
      show();
    },
    onBlur() {
      if (state.kind !== 'visible') return;
      state = { kind: 'blurred', pendingHide: deps.setTimeout(() => hide(deps.now()), blurDelayMs) };
    },
    onFocus() {
      if (state.kind === 'blurred') {
        cancelPendingHide();
        state = { kind: 'visible' };
      }
    },
    onEscape() {
      if (state.kind !== 'hidden') hide(null);
    },
    open: show,
    isVisible: () => state.kind !== 'hidden',
    dispose() {
      cancelPendingHide();
      if (state.kind === 'blurred') state = { kind: 'visible' };
    },
  };
}
