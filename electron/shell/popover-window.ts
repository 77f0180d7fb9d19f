// The popover: a frameless window created hidden at start (so it opens instantly), placed by
// popoverPosition next to the tray icon, hidden on blur and Esc, locked down: sandboxed,
// isolated, no Node, no navigation, no new windows.
import { BrowserWindow, screen, shell, type Rectangle } from 'electron';
import { displayFor, popoverPosition, type PopoverPlatform } from './popover-position';
import { createPopoverVisibility, type PopoverVisibility } from './popover-visibility';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

export interface PopoverOptions {
  readonly preload: string;
  /** The renderer's page: a file in production, the dev server's URL in development. */
  readonly page: { file: string } | { url: string };
  readonly platform: NodeJS.Platform;
  /** The tray icon's bounds, or null when the tray does not say. */
  trayBounds(): Rectangle | null;
}

export interface Popover {
  readonly window: BrowserWindow;
  readonly visibility: PopoverVisibility;
  ready: Promise<void>;
  destroy(): void;
}

export function createPopover(options: PopoverOptions): Popover {
  const window = new BrowserWindow({
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    webPreferences: { preload: options.preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, spellcheck: false },
  });
  // The popover only ever shows its own page; links to the outside open in the browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') {
      event.preventDefault();
      visibility.onEscape();
    }
  });

  const place = () => {
    const trayBounds = options.trayBounds();
    const cursor = screen.getCursorScreenPoint();
    const display = displayFor(trayBounds !== null && trayBounds.width > 0 ? trayBounds : cursor, screen.getAllDisplays()) ?? screen.getPrimaryDisplay();
    const platform: PopoverPlatform = options.platform === 'darwin' || options.platform === 'win32' ? options.platform : 'linux';
    const { x, y } = popoverPosition({ platform, trayBounds, window: POPOVER_SIZE, display, cursor });
    window.setPosition(x, y, false);
  };
  const visibility = createPopoverVisibility({
    show: () => {
      place();
      window.show();
      window.focus();
    },
    hide: () => window.hide(),
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  });
  window.on('blur', () => visibility.onBlur());
  window.on('focus', () => visibility.onFocus());

  const ready = 'url' in options.page ? window.loadURL(options.page.url) : window.loadFile(options.page.file);
  return {
    window,
    visibility,
    ready,
    destroy() {
      visibility.dispose();
      if (!window.isDestroyed()) window.destroy();
    },
  };
}
