// The real app, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH or an installed
// one): launch on the demo data in a fresh data folder, tray, popover, a poll. Reported as
// skipped, with the reason, everywhere else.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { NO_ELECTRON_REASON, findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (!binary) console.warn(`[electron suite] SKIPPED: ${NO_ELECTRON_REASON}`);

interface TestHooks {
  openPopover(): void;
  trayState(): string | null;
  overview(): { workspace: string | null; demo: boolean; models: unknown[] };
}

test.describe('the real Electron app', () => {
  test.skip(!binary, NO_ELECTRON_REASON);
  let app: ElectronApplication;

  test.beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pulsebar-electron-'));
    // Start on the demo data: no account, no network.
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ version: 3, demo: true, onboarded: true }));
    app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, CI: '1', PULSEBAR_DATA_DIR: dataDir, PULSEBAR_TEST_HOOKS: '1' } });
  });
  test.afterAll(async () => app?.close());

  test('starts in the tray on the demo data, and the popover opens with the preload bridge', async () => {
    // evaluate() runs its function in the main process: it cannot close over anything here.
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { __pulsebarTest: TestHooks }).__pulsebarTest.trayState())).toBe('demo');
    await app.evaluate(() => (globalThis as unknown as { __pulsebarTest: TestHooks }).__pulsebarTest.openPopover());
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
    const overview = await app.evaluate(() => (globalThis as unknown as { __pulsebarTest: TestHooks }).__pulsebarTest.overview());
    expect(overview).toMatchObject({ workspace: 'demo-workspace', demo: true });
    expect(overview.models).toHaveLength(4);
  });
});
