// The Alerts and History views in Chromium on the real monitor service: an outage scenario
// fires ModelSilent on gate-camera; the user snoozes and acknowledges it; then the network goes
// and the stored history must still scrub and export. Screenshots at the popover's size.
import { resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startApp, type AppFixture } from './app-fixture';
import { assertBuilt, serveRenderer } from './harness';

const OUTAGE = resolve('test/fixtures/scenarios/electron-outage.json');
const SHOTS = 'test-results/screenshots';
const DAY_MS = 86_400_000;

let server: Awaited<ReturnType<typeof serveRenderer>>;
let fixture: AppFixture | null = null;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
});
test.afterAll(async () => {
  await server.close();
});
test.afterEach(async () => {
  await fixture?.stop();
  fixture = null;
});

/** The outage scenario, polled until the alerts fire, behind the page at the popover's size. */
async function openOutage(page: Page, errors: string[]): Promise<AppFixture> {
  fixture = await startApp({ scenario: OUTAGE });
  await fixture.poll(4);
  page.on('pageerror', (error) => errors.push(error.message));
  await fixture.install(page);
  await page.setViewportSize({ width: 380, height: 560 });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
  return fixture;
}

const lastWeek = (): { from: string; to: string } => ({ from: new Date(Date.now() - 7 * DAY_MS).toISOString(), to: new Date(Date.now() + 1000).toISOString() });

test('Alerts lists the outage, and snooze and acknowledge reach the service', async ({ page }) => {
  const errors: string[] = [];
  const app = await openOutage(page, errors);
  await page.getByRole('tab', { name: /Alerts/ }).click();

  const silent = page.getByRole('article', { name: 'No traffic on gate-camera' });
  await expect(silent).toBeVisible();
  await expect(silent).toContainText('Critical'); // in words, not colour only
  await expect(silent).toContainText('Firing');
  await expect(silent).toContainText('no inferences in the last 30 min');
  await expect(silent).toContainText(/Usually\s*\d/);
  await expect(silent).toContainText(/firing for/);
  // Firing ones on top: the first item is firing.
  await expect(page.getByTestId('alert-item').first()).toContainText('Firing');

  await silent.getByRole('button', { name: 'Snooze 1 h' }).click();
  await expect(silent).toContainText(/Snoozed until \d/);
  await silent.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(silent).toContainText('Acknowledged');
  await expect(silent.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(silent).toHaveCSS('opacity', '0.7');
  const stored = app.service.alerts(lastWeek()).find((a) => a.rule === 'ModelSilent' && a.model === 'gate-camera');
  expect(stored).toMatchObject({ acknowledged: true, endedAt: null });
  // The other alert is untouched.
  const drop = page.getByRole('article', { name: 'Traffic drop on gate-camera' });
  await expect(drop.getByRole('button', { name: 'Acknowledge' })).toBeVisible();
  expect(app.service.alerts(lastWeek()).find((a) => a.rule === 'TrafficDrop')?.acknowledged).toBe(false);

  // A new poll (overview-changed) reloads the list; the snooze note and the acknowledgement stay.
  await app.poll(1);
  await expect(silent).toContainText('Acknowledged');
  await expect(silent).toContainText(/Snoozed until \d/);

  await page.getByRole('heading', { name: 'Pulsebar' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/alerts-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/alerts-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // Snooze until resolved on the other one, then open the model from its link.
  await drop.getByRole('button', { name: 'Snooze until resolved' }).click();
  await expect(drop).toContainText('Snoozed until resolved');
  await drop.getByRole('button', { name: 'Open gate-camera' }).click();
  await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the demo with nothing firing says so', async ({ page }) => {
  fixture = await startApp();
  await fixture.install(page);
  await page.goto(server.url);
  await page.getByRole('tab', { name: /Alerts/ }).click();
  await expect(page.getByText('No alerts in the last 7 days. Silence means nothing broke.')).toBeVisible();
});

test('offline, History still scrubs, compares and exports from the stored history', async ({ page }) => {
  const errors: string[] = [];
  const app = await openOutage(page, errors);
  app.cutNetwork(true);
  await app.poll(3);
  await expect(page.getByTestId('offline-banner')).toBeVisible();

  await page.getByRole('tab', { name: 'History' }).click();
  const scrubber = page.getByRole('slider', { name: 'As it was at' });
  await expect(scrubber).toBeEnabled();
  const moment = page.getByTestId('history-moment');
  const snapshot = page.getByTestId('history-snapshot');
  // On the latest stored moment: the last good poll's snapshot, with the outage firing.
  await expect(page.getByText('latest', { exact: true })).toBeVisible();
  await expect(snapshot).toContainText('Snapshot');
  await expect(snapshot.getByRole('listitem').filter({ hasText: 'No traffic' })).toContainText('gate-camera');
  await expect(snapshot).toContainText(/That hour: \d+ inferences/);

  // A week: the backfilled hours of earlier days give the scrubber stops to move through.
  await page.getByText('Last 7 d').click();
  await expect(scrubber).toHaveAttribute('max', /^([3-9]|\d\d+)$/);
  await page.screenshot({ path: `${SHOTS}/history-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${SHOTS}/history-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });

  // Pin the latest moment, scrub back: the two are compared side by side.
  const latest = await moment.textContent();
  await page.getByRole('button', { name: 'Compare: pin this moment' }).click();
  await scrubber.focus();
  await page.keyboard.press('Home');
  await expect(moment).not.toHaveText(latest ?? '');
  const compare = page.getByTestId('history-compare');
  await expect(compare).toContainText('pinned');
  await expect(compare.getByRole('row', { name: /That hour/ })).toContainText(/\+|−|-/);
  await page.getByRole('heading', { name: 'Pulsebar' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/history-compare-light.png`, fullPage: true });
  await expect(compare).toContainText('No snapshot stored by the earlier moment');
  await page.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(snapshot).toContainText('No snapshot was stored by this moment');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByTestId('export-outcome')).toContainText('Saved to');
  const files = app.exported();
  expect(files).toHaveLength(1);
  expect(files[0]!.path).toMatch(/\.csv$/);
  const lines = files[0]!.content.trim().split('\n');
  expect(lines[0]).toMatch(/^hour,level,model/);
  expect(lines.length).toBeGreaterThan(2);
  await expect(page.getByTestId('export-outcome')).toContainText(files[0]!.path);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  expect(errors).toEqual([]);
});

test('History by keyboard alone: the scrubber moves with arrow keys, Tab reaches the exports', async ({ page }) => {
  const errors: string[] = [];
  const app = await openOutage(page, errors);
  app.cutNetwork(true);
  await app.poll(3);

  // Tabs by arrow keys (Now → Alerts → History), then Tab into the view.
  await page.getByRole('tab', { name: 'Now' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'History' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Last 24 h' })).toBeFocused();
  await page.keyboard.press('ArrowRight'); // radios: the next range
  await expect(page.getByRole('radio', { name: 'Last 7 d' })).toBeChecked();

  const scrubber = page.getByRole('slider', { name: 'As it was at' });
  await expect(scrubber).toHaveAttribute('max', /^([3-9]|\d\d+)$/);
  await page.keyboard.press('Tab');
  await expect(scrubber).toBeFocused();
  const moment = page.getByTestId('history-moment');
  const before = await moment.textContent();
  const max = Number(await scrubber.getAttribute('max'));
  await expect(scrubber).toHaveValue(String(max));
  await page.keyboard.press('ArrowLeft');
  await expect(scrubber).toHaveValue(String(max - 1));
  await expect(moment).not.toHaveText(before ?? '');
  await expect(scrubber).toHaveAttribute('aria-valuetext', (await moment.textContent()) ?? '');
  await page.keyboard.press('ArrowRight');
  await expect(scrubber).toHaveValue(String(max));
  await expect(moment).toHaveText(before ?? '');

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Compare: pin this moment' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Export JSON' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-outcome')).toContainText('Saved to');
  expect(app.exported().map((file) => file.path)).toEqual([expect.stringMatching(/\.json$/)]);
  expect(errors).toEqual([]);
});

test('a custom range with nothing stored says so, and Export says there is nothing to export', async ({ page }) => {
  const errors: string[] = [];
  const app = await openOutage(page, errors);
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText('Custom').click();
  const from = page.getByLabel('From', { exact: true });
  const to = page.getByLabel('To', { exact: true });
  await to.fill('2020-01-02T00:00');
  await from.fill('2020-01-01T00:00');
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByTestId('export-outcome')).toContainText('Nothing to export');
  expect(app.exported()).toEqual([]);
  // A reversed range is refused with the reason.
  await from.fill('2020-01-03T00:00');
  await expect(page.getByRole('alert')).toContainText('The start must be before the end.');
  expect(errors).toEqual([]);
});
