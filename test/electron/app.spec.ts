// The real app, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH or an installed
// one): launch on the demo data in a fresh data folder, tray, popover, a poll. Reported as
// skipped, with the reason, everywhere else.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { NO_ELECTRON_REASON, findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (!binary) console.warn(`[electron suite] SKIPPED: ${NO_ELECTRON_REASON}`);

interface TestHooks {
  openPopover(): void;
  trayState(): string | null;
  overview(): { workspace: string | null; demo: boolean; models: unknown[] };
  pollNow(): Promise<unknown>;
  notificationsShown(): number;
}

type Hooks = { __pulsebarTest: TestHooks };

async function launch(dataDir: string, env: Record<string, string> = {}): Promise<ElectronApplication> {
  // Start on demo data: no account, no network.
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ version: 3, demo: true, onboarded: true }));
  return electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, CI: '1', PULSEBAR_DATA_DIR: dataDir, PULSEBAR_TEST_HOOKS: '1', ...env } });
}

test.describe('the real Electron app', () => {
  test.skip(!binary, NO_ELECTRON_REASON);
  let app: ElectronApplication;

  test.beforeAll(async () => {
    app = await launch(mkdtempSync(join(tmpdir(), 'pulsebar-electron-')));
  });
  test.afterAll(async () => app?.close());

  test('starts in the tray on the demo data, and the popover opens with the preload bridge', async () => {
    // evaluate() runs its function in the main process: it cannot close over anything here.
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.trayState())).toBe('demo');
    await app.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.openPopover());
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
    const overview = await app.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.overview());
    expect(overview).toMatchObject({ workspace: 'demo-workspace', demo: true });
    expect(overview.models).toHaveLength(4);
  });

  test('an incident in progress raises a native notification and turns the tray critical', async () => {
    // A scenario whose only model stops serving an hour before its end, laid to end now: after the warm-up polls,
    // ModelSilent must hold for two polls and then notify.
    const outage = await launch(mkdtempSync(join(tmpdir(), 'pulsebar-electron-')), { PULSEBAR_DEMO_SCENARIO: resolve('test/fixtures/scenarios/electron-outage.json') });
    try {
      for (let i = 0; i < 4; i++) await outage.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.pollNow());
      await expect.poll(() => outage.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.notificationsShown())).toBeGreaterThanOrEqual(1);
      await expect.poll(() => outage.evaluate(() => (globalThis as unknown as Hooks).__pulsebarTest.trayState())).toBe('critical');
    } finally {
      await outage.close();
    }
  });
});
