// Composition root of the desktop app: builds the core (settings, secrets, history, poller,
// alerts) inside the monitor service and connects it to the tray, the popover, native
// notifications and the OS. Every decision lives in electron/core or a pure shell function.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, net, powerMonitor, safeStorage, shell } from 'electron';
import log from 'electron-log/main';
import ElectronStore from 'electron-store';
import { channelOf, type IpcEvent, type IpcEvents, type Overview } from './contract';
import { systemClock } from './core/poller';
import { createDemoSource, createMonitorService } from './core/service';
import { MINUTE_MS } from './core/time';
import { loadScenario } from './sim/scenario';
import { createIpcHandlers } from './shell/handlers';
import { isOwnPage, registerIpcHandlers } from './shell/ipc';
import { startedAtLogin } from './shell/launch-at-login';
import { setupLogging } from './shell/logging';
import { countingNotifier, createNativeNotifier } from './shell/notifier';
import { createPopover } from './shell/popover-window';
import { saveWithDialog } from './shell/save-file';
import { createSecretStore } from './shell/secrets';
import { openSettingsStore } from './shell/settings-store';
import { createTray } from './shell/tray';
import { iconsDir } from './shell/tray-icons';
import { runTrayAction } from './shell/tray-actions';
import { trayViewOf } from './shell/tray-view';
import { applyLaunchAtLogin, withLaunchAtLogin } from './shell/launch-at-login-setting';

const here = fileURLToPath(new URL('.', import.meta.url));
const platform = process.platform;

if (!app.requestSingleInstanceLock()) app.quit();
if (platform === 'win32') app.setAppUserModelId('com.pulsebar.app');
// Tests and portable installs point the app at another folder; everything else follows userData.
if (process.env['PULSEBAR_DATA_DIR']) app.setPath('userData', process.env['PULSEBAR_DATA_DIR']);

app.whenReady().then(async () => {
  if (platform === 'darwin') app.dock?.hide(); // a tray app: no Dock icon (LSUIElement when packaged)
  const dataDir = app.getPath('userData');
  const settings = openSettingsStore({ cwd: dataDir, Store: ElectronStore, now: () => new Date() });
  const secrets = createSecretStore({ safeStorage, platform, load: () => settings.get().apiKey, save: (value) => settings.setApiKeyCipher(value) });
  const { logFile } = setupLogging({ log, logsDir: app.getPath('logs'), isPackaged: app.isPackaged, secrets: () => [secrets.apiKey() ?? ''].filter(Boolean) });
  const testHooks = process.env['PULSEBAR_TEST_HOOKS'] === '1';
  // The Electron suite swaps the demo for a scenario with an incident in progress.
  const demoScenario = loadScenario(testHooks && process.env['PULSEBAR_DEMO_SCENARIO'] ? process.env['PULSEBAR_DEMO_SCENARIO'] : app.isPackaged ? join(process.resourcesPath, 'scenarios', 'demo.json') : 'demo');
  let notificationsShown = 0;

  const pageUrl = process.env['ELECTRON_RENDERER_URL'];
  const pageFile = join(here, '../renderer/index.html');
  let tray: ReturnType<typeof createTray> | null = null;
  const popover = createPopover({ preload: join(here, '../preload/index.cjs'), page: !app.isPackaged && pageUrl ? { url: pageUrl } : { file: pageFile }, platform, trayBounds: () => tray?.bounds() ?? null });
  const send = <E extends IpcEvent>(event: E, payload: IpcEvents[E]) => {
    if (!popover.window.isDestroyed()) popover.window.webContents.send(channelOf(event), payload);
  };

  const service = createMonitorService({
    dataDir,
    fetch: net.fetch as typeof globalThis.fetch, // the system's proxy and certificates
    clock: systemClock,
    settings,
    secrets,
    notifier: countingNotifier(
      createNativeNotifier({ onClick: (model) => (popover.visibility.open(), model === null ? send('open-view', 'alerts') : send('open-model', model)), log: (line) => log.warn(line) }),
      () => (notificationsShown += 1),
    ),
    demoSource: () => createDemoSource(demoScenario, systemClock),
    log: (line) => log.info(line),
  });
  const launchDeps = { platform, app, execPath: process.execPath, env: process.env, homeDir: app.getPath('home') };
  const handlers = withLaunchAtLogin(createIpcHandlers({ appInfo: () => ({ name: app.getName(), version: app.getVersion() }), service, saveFile: (content, name) => saveWithDialog(popover.window, content, name) }), launchDeps, (line) => log.warn(line));
  registerIpcHandlers(handlers, isOwnPage(!app.isPackaged && pageUrl ? pageUrl : pathToFileURL(pageFile).href));

  let snoozedAllUntil: Date | null = null;
  let trayState: string | null = null;
  /** The overview last built or carried by an event: a poll-state change patches it instead of reading the history again. */
  let lastOverview: Overview | null = null;
  const refreshTray = (overview = service.overview()) => {
    lastOverview = overview;
    const view = trayViewOf(overview, { now: new Date(), snoozedAllUntil });
    trayState = view.state;
    tray?.update(view);
  };
  // The Electron test suite (test/electron) reads the app through these; nothing else does.
  if (testHooks) {
    Object.assign(globalThis, {
      __pulsebarTest: { openPopover: () => popover.visibility.open(), trayState: () => trayState, overview: () => service.overview(), pollNow: () => service.pollNow(), notificationsShown: () => notificationsShown },
    });
  }
  tray = createTray({
    iconsDir: iconsDir(app.getAppPath(), app.isPackaged),
    platform,
    onOpen: () => popover.visibility.open(),
    onToggle: () => popover.visibility.onTrayClick(),
    onMenu: (id) => {
      snoozedAllUntil = runTrayAction(id, { service, now: new Date(), openView: (view) => (popover.visibility.open(), send('open-view', view)), openLogs: () => void shell.openPath(logFile), quit: () => app.quit() }) ?? snoozedAllUntil;
      refreshTray();
    },
  });
  service.on('overview-changed', (overview) => (send('overview-changed', overview), refreshTray(overview)));
  service.on('poll-state', (poll) => (send('poll-state', poll), refreshTray(lastOverview === null ? undefined : { ...lastOverview, poll })));
  setInterval(() => refreshTray(), MINUTE_MS).unref(); // "updated 3 min ago" moves on between polls

  // After sleep or a locked screen, poll at once instead of waiting out the interval.
  powerMonitor.on('resume', () => service.wake());
  powerMonitor.on('unlock-screen', () => service.wake());
  app.on('second-instance', () => popover.visibility.open()); // where the tray hides icons, launching again opens Pulsebar

  applyLaunchAtLogin(settings.get().launchAtLogin, launchDeps, (line) => log.warn(line));
  for (const notice of settings.notices) log.warn(notice);
  service.start();
  refreshTray();
  await popover.ready;
  const firstRun = !settings.get().onboarded && !settings.get().demo;
  if ((firstRun || settings.notices.length > 0) && !startedAtLogin({ platform, argv: process.argv, app })) popover.visibility.open();

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault(); // stop the poller and close the history cleanly first
    quitting = true;
    void service.stop().finally(() => {
      popover.destroy();
      tray?.destroy();
      app.exit(0);
    });
  });
});

// A tray app keeps running with no window open.
app.on('window-all-closed', () => undefined);
