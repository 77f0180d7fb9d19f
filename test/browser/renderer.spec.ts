import { test, expect } from '@playwright/test';
import { createIpcHandlers } from '../../electron/shell/handlers';
import { assertBuilt, installPreload, serveRenderer } from './harness';

let server: Awaited<ReturnType<typeof serveRenderer>>;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
});
test.afterAll(async () => server.close());

test('the renderer shows what main answers over the typed IPC contract', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await installPreload(page, createIpcHandlers({ appInfo: () => ({ name: 'Pulsebar', version: '9.8.7' }) }));

  await page.goto(server.url);

  await expect(page.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
  await expect(page.getByTestId('version')).toHaveText('Pulsebar 9.8.7');
  await page.screenshot({ path: 'test-results/screenshots/placeholder.png' });
  expect(errors).toEqual([]);
});

test('a failing main process is reported, not hidden', async ({ page }) => {
  await installPreload(
    page,
    createIpcHandlers({
      appInfo: () => {
        throw new Error('main is shutting down');
      },
    }),
  );
  await page.goto(server.url);
  await expect(page.getByRole('alert')).toContainText('main is shutting down');
});

test('the renderer gets window.pulsebar and nothing of Node', async ({ page }) => {
  await installPreload(page, createIpcHandlers({ appInfo: () => ({ name: 'Pulsebar', version: '1.0.0' }) }));
  await page.goto(server.url);
  // Runs in the page; the Node-side tsconfig has no DOM types, hence the casts.
  const globals = await page.evaluate(() => {
    const page = globalThis as unknown as { pulsebar: object };
    return {
    api: Object.keys(page.pulsebar).sort(),
    frozen: Object.isFrozen(page.pulsebar),
    process: typeof (globalThis as { process?: unknown }).process,
    require: typeof (globalThis as { require?: unknown }).require,
    };
  });
  expect(globals).toEqual({ api: ['appInfo'], frozen: true, process: 'undefined', require: 'undefined' });
});
