// The Now and Model views in Chromium over the real monitor service: the demo workspace at a
// glance, a model opened by mouse and by keyboard, an incident as the user would see it, and
// screenshots of both views in light and dark at the popover's size.
import { resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type AppFixture } from './app-fixture';
import { assertBuilt, serveRenderer } from './harness';

const POPOVER = { width: 380, height: 560 };
const SHOTS = 'test-results/screenshots';

let server: Awaited<ReturnType<typeof serveRenderer>>;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
});
test.afterAll(async () => {
  await server.close();
});

/** Opens the popover page on a running app; fails the test on any page error. */
async function openPopover(page: Page, app: AppFixture): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize(POPOVER);
  await app.install(page);
  await page.goto(server.url);
  return errors;
}

const rows = (page: Page) => page.getByTestId('model-row');

/** Every canvas on the page holds its chart (charts are built just after the frame that lays them out). */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const canvases = Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<object> } }).document.querySelectorAll('canvas'));
    return canvases.length > 0 && canvases.every((canvas) => '$chartjs' in canvas);
  });
}

test.describe('on the demo workspace', () => {
  let app: AppFixture;
  test.beforeAll(async () => {
    app = await startApp();
    // A fresh install backfills 3 hours a poll: 16 polls fill the last 48 h, so the sparklines
    // and the previous-period changes have something to show (the outage below stays sparse).
    await app.poll(16);
  });
  test.afterAll(async () => {
    await app.stop();
  });

  test('Now shows four tiles with numbers and every model with its sparklines, worst first', async ({ page }) => {
    const errors = await openPopover(page, app);
    for (const facet of ['volume', 'errors', 'confidence', 'latency']) {
      const tile = page.getByTestId(`tile-${facet}`);
      await expect(tile.getByTestId('value')).toHaveText(/\d/);
      await expect(tile.locator('canvas')).toHaveCount(1);
    }
    await expect(page.getByTestId('tile-volume').getByRole('img')).toHaveAttribute('aria-label', /^Inferences, last 24 h: [\d,.K]+( → [\d,.K]+)?$/);
    await expect(rows(page)).toHaveCount(4);
    // Volume, confidence and latency, drawn for every row (rows fetch their series once near the viewport).
    for (const row of await rows(page).all()) {
      await row.scrollIntoViewIfNeeded();
      await expect(row.locator('canvas')).toHaveCount(3);
    }
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.locator('.panel').evaluate((panel) => (panel.scrollTop = 0));
    // Health in words, not colour only.
    await expect(rows(page).first().locator('[data-health]')).toHaveText(/(OK|Warning|Critical|No data)$/);
    const overview = await page.evaluate(() => (globalThis as unknown as { pulsebar: { getOverview(): Promise<{ models: { model: string }[] }> } }).pulsebar.getOverview());
    expect(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-model')))).toEqual(overview.models.map((m) => m.model));

    await chartsDrawn(page);
    await page.screenshot({ path: `${SHOTS}/now-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/now-dark.png` });
    expect(errors).toEqual([]);
  });

  test('a sparkline tooltip gives the value and the local time, with UTC', async ({ page }) => {
    await openPopover(page, app);
    const spark = page.getByTestId('tile-volume').locator('canvas');
    await expect(spark).toBeVisible();
    const box = (await spark.boundingBox())!;
    // The last points hold data after the first poll: hover near the right end.
    await page.mouse.move(box.x + box.width - 8, box.y + box.height / 2);
    const tip = page.locator('.tip');
    await expect(tip).toContainText('UTC');
    await expect(tip).toContainText(/\d/);
  });

  test('clicking a model opens its view: header, range switch, class table, alert history', async ({ page }) => {
    const errors = await openPopover(page, app);
    const name = 'forklift-detection-mz7qa';
    await page.locator(`[data-model="${name}"]`).click();
    const view = page.getByTestId('model-view');
    await expect(view.getByRole('heading', { name })).toBeVisible();
    await expect(view.getByRole('button', { name: 'Back' })).toBeVisible();
    await expect(view.getByTestId('server-versions')).toContainText('0.15.3');
    await expect(view.getByText('dedicated')).toBeVisible();
    await expect(view.getByRole('button', { name: '24 h' })).toHaveAttribute('aria-pressed', 'true');
    await expect(view.getByTestId('model-inferences').getByTestId('value')).toHaveText(/\d/);
    await expect(view.getByTestId('no-alerts')).toBeVisible();
    await chartsDrawn(page);
    await page.screenshot({ path: `${SHOTS}/model-light.png` });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/model-dark.png` });

    const table = view.getByTestId('class-table');
    await expect(table.getByTestId('class-row')).toHaveCount(4); // forklift, person, pallet and no detection
    await expect(table.getByText('no detection')).toBeVisible();
    await expect(table.getByRole('row', { name: /person/ }).getByRole('cell').first()).toHaveText(/\d/);
    await expect(table.locator('canvas')).toHaveCount(4);

    await view.getByRole('button', { name: '7 d' }).click();
    await expect(view.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');
    await expect(table).toContainText('Classes, last 7 d');
    await view.getByRole('button', { name: '30 d' }).click();
    await expect(table).toContainText('Classes, last 30 d');
    await expect(table.getByTestId('class-row')).toHaveCount(4);
    await page.emulateMedia({ colorScheme: 'light' });
    await chartsDrawn(page);
    await page.screenshot({ path: `${SHOTS}/model-30d-light.png`, fullPage: true });

    await view.getByRole('button', { name: 'Back' }).click();
    await expect(rows(page)).toHaveCount(4);
    expect(errors).toEqual([]);
  });

  test('keyboard: Tab reaches a model row and Enter opens it', async ({ page }) => {
    await openPopover(page, app);
    await expect(rows(page)).toHaveCount(4);
    const focused = page.locator('[data-testid="model-row"]:has(:focus)');
    let inRow: string | null = null;
    for (let i = 0; i < 20 && inRow === null; i++) {
      await page.keyboard.press('Tab');
      if ((await focused.count()) > 0) inRow = await focused.getAttribute('data-model');
    }
    expect(inRow).not.toBeNull();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('model-view').getByRole('heading', { name: inRow! })).toBeVisible();
  });
});

test.describe('during an outage', () => {
  let app: AppFixture;
  test.beforeAll(async () => {
    app = await startApp({ scenario: resolve('test/fixtures/scenarios/electron-outage.json') });
    await app.poll(4);
  });
  test.afterAll(async () => {
    await app.stop();
  });

  test('the silent model is critical, says since when, and the traffic tile shows its change', async ({ page }) => {
    const errors = await openPopover(page, app);
    const row = page.locator('[data-model="gate-camera"]');
    await expect(row.locator('[data-health="critical"]')).toHaveText(/Critical/);
    await expect(row.getByRole('list', { name: /active alert/ })).toContainText(/since/);
    const change = page.getByTestId('tile-volume').getByTestId('change');
    await expect(change).toHaveText(/^[↑↓→]\d+%/);
    await expect(change).toHaveAttribute('title', /vs previous 24 h/);
    // Where: the silent model's volume sparkline is drawn in the critical colour.
    await expect(row.getByRole('img', { name: /^gate-camera inferences/ })).toHaveAttribute('style', /var\(--critical\)/);
    await chartsDrawn(page);
    await page.screenshot({ path: `${SHOTS}/now-outage-light.png` });
    await row.click();
    await expect(page.getByTestId('model-view').getByRole('list', { name: 'Active alerts' })).toContainText('since');
    await expect(page.getByTestId('alert-history')).toContainText('ongoing');
    await chartsDrawn(page);
    await page.screenshot({ path: `${SHOTS}/model-outage-light.png` });
    expect(errors).toEqual([]);
  });
});
