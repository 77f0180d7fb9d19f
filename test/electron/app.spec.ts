import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { NO_ELECTRON_REASON, findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
if (!binary) console.warn(`[electron suite] SKIPPED: ${NO_ELECTRON_REASON}`);

test.describe('the real Electron app', () => {
  test.skip(!binary, NO_ELECTRON_REASON);
  let app: ElectronApplication;

  test.beforeAll(async () => {
    app = await electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, CI: '1' } });
  });
  test.afterAll(async () => app?.close());

  test('opens its window with the preload bridge', async () => {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
    await expect(window.getByTestId('version')).toContainText(/pulsebar/i);
  });
});
