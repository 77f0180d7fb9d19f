// Which tray icon file to load for a state on this platform, and where the files live.
// The files come from scripts/make-icons.ts (resources/icons/tray/).
import { dirname, join } from 'node:path';
import type { TrayState } from './tray-state';

export interface TrayIconContext {
  readonly platform: NodeJS.Platform;
  /** The taskbar or panel is dark, so the icon needs light strokes. Ignored on macOS. */
  readonly darkTaskbar: boolean;
}

/**
 * The @1x file name; nativeImage.createFromPath loads the @2x sibling itself. On macOS this is
 * the monochrome "Template" image, which the menu bar tints for light, dark and highlighted
 * states; elsewhere there is no tinting, so a light or dark variant is chosen.
 */
export function trayIconFile(state: TrayState, context: TrayIconContext): string {
  if (context.platform === 'darwin') return `${state}Template.png`;
  return `${state}-${context.darkTaskbar ? 'dark' : 'light'}.png`;
}

/**
 * Where the tray PNGs are. In development the app path is the project root. Packaged, they
 * are shipped as extraResources to icons/tray beside app.asar, outside the archive,
 * so they stay plain files whatever reads them.
 */
export function iconsDir(appPath: string, isPackaged: boolean): string {
  return isPackaged ? join(dirname(appPath), 'icons', 'tray') : join(appPath, 'resources', 'icons', 'tray');
}
