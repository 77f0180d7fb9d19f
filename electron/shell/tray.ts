// The tray icon: thin glue over Electron's Tray. What to show comes in as a TrayView built by
// the pure functions in tray-state.ts and tray-menu.ts.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, nativeTheme } from 'electron';
import type { MenuItemConstructorOptions, Rectangle } from 'electron';
import { trayIconFile } from './tray-icons';
import type { TrayMenuId, TrayMenuItem } from './tray-menu';
import type { TrayState } from './tray-state';

export interface TrayView {
  readonly state: TrayState;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

export interface CreateTrayOptions {
  readonly iconsDir: string;
  readonly platform: NodeJS.Platform;
  /** Show the main window (the menu's Open item, and on Linux any activation). */
  readonly onOpen: () => void;
  /** Left click on macOS and Windows: show or hide the popover (position it with bounds()). */
  readonly onToggle: () => void;
  /** Every other menu item. */
  readonly onMenu: (id: Exclude<TrayMenuId, 'open'>) => void;
  /** Is the taskbar dark? Defaults to the system colour scheme; read again on every update. */
  readonly darkTaskbar?: () => boolean;
}

export interface PulsebarTray {
  update(view: TrayView): void;
  /** Where the icon is on screen, or null where the platform does not say (Linux, Wayland). */
  bounds(): Rectangle | null;
  destroy(): void;
}

export function createTray(options: CreateTrayOptions): PulsebarTray {
  const { platform } = options;
  const isDark = options.darkTaskbar ?? (() => nativeTheme.shouldUseDarkColors);
  // Linux AppIndicator / StatusNotifierItem hosts do not deliver clicks and always show the
  // context menu, so there the menu is the whole interface (electron-menubar does the same).
  const menuOnly = platform === 'linux';

  let state: TrayState = 'ok';
  let iconPath = '';
  let tooltip: string | null = null;
  let menuKey: string | null = null;
  let menu: Menu | null = null;
  let destroyed = false;

  const iconFor = (current: TrayState) => join(options.iconsDir, trayIconFile(current, { platform, darkTaskbar: isDark() }));
  const setIcon = () => {
    const path = iconFor(state);
    if (path === iconPath) return;
    iconPath = path;
    tray.setImage(nativeImage.createFromPath(path));
  };

  // Starts with the plain mark until the first update() says what is going on.
  iconPath = iconFor(state);
  const tray = new Tray(nativeImage.createFromPath(iconPath));
  tray.setToolTip('Pulsebar');

  if (platform === 'darwin') tray.setIgnoreDoubleClickEvents(true); // two quick clicks = open, close
  if (menuOnly) {
    tray.on('click', () => options.onOpen()); // some Linux hosts (KDE, XEmbed) do send activation
  } else {
    tray.on('click', () => options.onToggle());
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }

  // The light/dark icon follows the system theme without waiting for the next poll.
  const onThemeChange = () => {
    if (!destroyed) setIcon();
  };
  nativeTheme.on('updated', onThemeChange);

  const toTemplate = (items: readonly TrayMenuItem[]): MenuItemConstructorOptions[] =>
    items.map((item) => {
      if (item.type === 'separator') return { type: 'separator' };
      const { id } = item;
      return { id, label: item.label, enabled: item.enabled, click: () => (id === 'open' ? options.onOpen() : options.onMenu(id)) };
    });

  return {
    update(view) {
      if (destroyed) return;
      state = view.state;
      setIcon();
      if (view.tooltip !== tooltip) {
        tooltip = view.tooltip;
        tray.setToolTip(view.tooltip);
      }
      // Rebuild only when the menu changed: on Linux setContextMenu re-exports the whole menu
      // over D-Bus, which would close it under the person's pointer on every poll.
      const key = JSON.stringify(view.menu);
      if (key === menuKey) return;
      menuKey = key;
      menu = Menu.buildFromTemplate(toTemplate(view.menu));
      // Elsewhere the menu is popped up on right click only: a context menu set on macOS
      // would also open on left click and swallow the popover toggle.
      if (menuOnly) tray.setContextMenu(menu);
    },
    bounds() {
      if (destroyed || menuOnly) return null;
      const rect = tray.getBounds();
      return rect.width > 0 && rect.height > 0 ? rect : null;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      nativeTheme.off('updated', onThemeChange);
      tray.destroy();
    },
  };
}
