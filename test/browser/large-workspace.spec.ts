// A workspace of 200 models on the bench's fake window.pulsebar (fake-pulsebar.ts): the list is
// paged, rows out of view are left alone by a poll, and a row scrolled into view after a poll
// shows that poll's figures.
import { test, expect, type Page } from '@playwright/test';
import { fakePulsebar } from './fake-pulsebar';
import { assertBuilt, serveRenderer } from './harness';

let server: Awaited<ReturnType<typeof serveRenderer>>;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
});
test.afterAll(async () => {
  await server.close();
});

interface Bench {
  __bench: { poll(): Promise<unknown> };
  pulsebar: { getOverview(): Promise<{ models: { model: string; figures: { inferences: { current: number | null } } }[] }> };
}

/** The inferences figure of `model` in the overview main holds now, formatted as the app formats counts. */
const expectedCount = (page: Page, model: string): Promise<string> =>
  page.evaluate(async (name) => {
    const overview = await (globalThis as unknown as Bench).pulsebar.getOverview();
    const value = overview.models.find((m) => m.model === name)!.figures.inferences.current!;
    return new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(value);
  }, model);

test('200 models: paged, and a row scrolled into view after a poll shows that poll’s figures', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 380, height: 560 });
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.addInitScript(fakePulsebar, { models: 200, startMs: Date.parse('2026-11-28T09:07:00Z') });
  await page.goto(server.url);

  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(30); // the first page; the rest behind "Show more"
  await expect(page.getByRole('button', { name: 'Show 30 more (170 not shown)' })).toBeAttached();

  const first = rows.first();
  const below = rows.nth(25);
  const figure = (row: typeof first) => row.locator('.value').first();
  const name = (await below.getAttribute('data-model'))!;
  await expect(figure(below)).toHaveText(await expectedCount(page, name));

  await page.evaluate(() => (globalThis as unknown as Bench).__bench.poll());
  // On screen at once; below the fold, once scrolled to.
  await expect(figure(first)).toHaveText(await expectedCount(page, (await first.getAttribute('data-model'))!));
  const fresh = await expectedCount(page, name);
  await below.scrollIntoViewIfNeeded();
  await expect(figure(below)).toHaveText(fresh);
  await expect(below.locator('canvas')).toHaveCount(3);
  expect(errors).toEqual([]);
});
