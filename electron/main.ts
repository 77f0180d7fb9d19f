// Composition root of the desktop app. The tray, popover and monitor arrive with the shell
// issue; for now it opens the placeholder window over the typed IPC contract.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { createIpcHandlers } from './shell/handlers';
import { registerIpcHandlers } from './shell/ipc';

const here = fileURLToPath(new URL('.', import.meta.url));

async function createWindow(): Promise<void> {
  const window = new BrowserWindow({
    width: 380,
    height: 520,
    show: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && devUrl) await window.loadURL(devUrl);
  else await window.loadFile(join(here, '../renderer/index.html'));
}

app.whenReady().then(async () => {
  registerIpcHandlers(createIpcHandlers({ appInfo: () => ({ name: app.getName(), version: app.getVersion() }) }));
  await createWindow();
});

app.on('window-all-closed', () => app.quit());
