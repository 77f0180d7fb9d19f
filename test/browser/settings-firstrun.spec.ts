// First run and Settings in the built renderer, against the real service and the app's own
// settings checks (in memory): what the user changes is what main stores, refusals come back
// with main's reason next to the field, and the API key never reaches the page.
import { mkdirSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { SetKeyResult } from '../../electron/contract';
import { startApp, type AppFixture } from './app-fixture';
import { assertBuilt, serveRenderer } from './harness';

const KEY = 'rfPrivateKey0123wxyz';
const OTHER_KEY = 'rfAnotherKey98765abc';
const SCREENSHOTS = 'test-results/screenshots';

let server: Awaited<ReturnType<typeof serveRenderer>>;
let fixture: AppFixture | null = null;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
  mkdirSync(SCREENSHOTS, { recursive: true });
});
test.afterAll(async () => {
  await server.close();
});
test.afterEach(async () => {
  await fixture?.stop();
  fixture = null;
});

async function open(page: Page, app: AppFixture): Promise<void> {
  await page.setViewportSize({ width: 380, height: 560 });
  await app.install(page);
  await page.goto(server.url);
}

async function openSettings(page: Page, app: AppFixture): Promise<void> {
  await open(page, app);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Workspace' })).toBeVisible();
}

/** Everything the page holds as text: rendered text, attributes and the values typed into inputs. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { outerHTML: string }; body: { innerText: string }; querySelectorAll(s: string): Iterable<{ value: string }> } }).document;
    return [doc.documentElement.outerHTML, doc.body.innerText, ...[...doc.querySelectorAll('input')].map((input) => input.value)].join('\n');
  });
}

test.describe('first run', () => {
  test('"Explore with demo data" finishes the first run and shows the demo, labelled Demo', async ({ page }) => {
    fixture = await startApp({ settings: { demo: false } });
    await open(page, fixture);
    await expect(page.getByRole('heading', { name: 'Welcome to Pulsebar' })).toBeVisible();
    await expect(page.getByRole('tab')).toHaveCount(0);

    await page.getByRole('button', { name: 'Explore with demo data' }).click();

    await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('Demo', { exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome to Pulsebar' })).toHaveCount(0);
    expect(fixture.settings.current).toMatchObject({ demo: true, onboarded: true, workspace: null });
  });

  test('a workspace is tested live, then saved with its key; the key never reaches the page', async ({ page }) => {
    fixture = await startApp({ settings: { demo: false } });
    await open(page, fixture);
    const test = page.getByRole('button', { name: 'Test connection' });
    await expect(test).toBeDisabled();

    await page.getByLabel('Workspace id').fill('acme-robotics');
    await page.getByLabel('API key').fill(KEY);
    await test.click();
    // What main says about this very workspace and key (here: no network), word for word.
    const expected = await fixture.service.testConnection({ workspace: 'acme-robotics', apiKey: KEY });
    await expect(page.getByRole('status').filter({ hasText: expected.message })).toBeVisible();

    await page.getByRole('button', { name: 'Save and start' }).click();
    await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');
    expect(fixture.settings.current).toMatchObject({ workspace: 'acme-robotics', demo: false, onboarded: true });
    expect(fixture.service.settings().apiKey).toMatchObject({ set: true, last4: 'wxyz' });
    expect(await pageText(page)).not.toContain(KEY);
  });

  test('a refused key is explained next to the field, and the workspace is not saved', async ({ page }) => {
    fixture = await startApp({ settings: { demo: false } });
    await open(page, fixture);
    await page.getByLabel('Workspace id').fill('acme-robotics');
    await page.getByLabel('API key').fill('short');
    await page.getByRole('button', { name: 'Save and start' }).click();
    const key = page.getByLabel('API key');
    await expect(key).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toContainText('too short');
    await expect(key).toHaveValue('short');
    expect(fixture.settings.current.workspace).toBeNull();
  });

  test('weak key protection (Linux without a keyring) is stored only after explicit agreement', async ({ page }) => {
    fixture = await startApp({ settings: { demo: false } });
    const calls: (boolean | undefined)[] = [];
    const setApiKey = fixture.service.setApiKey.bind(fixture.service);
    // As the shell answers on Linux's basic_text backend.
    fixture.service.setApiKey = async (key, options): Promise<SetKeyResult> => {
      calls.push(options?.allowWeakProtection);
      if (options?.allowWeakProtection !== true) return { ok: false, reason: 'needs-consent', message: 'No system keyring was found, so the key can only be stored with weak protection.' };
      return setApiKey(key, options);
    };
    await open(page, fixture);
    await page.getByLabel('Workspace id').fill('acme-robotics');
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Save and start' }).click();

    const consent = page.getByRole('group', { name: 'Weak protection for the API key' });
    await expect(consent).toContainText('No system keyring was found');
    await expect(consent).toBeFocused();
    const store = consent.getByRole('button', { name: 'Store with weak protection' });
    await expect(store).toBeDisabled();
    expect(fixture.settings.current.workspace).toBeNull();

    await consent.getByRole('checkbox').check();
    await store.click();
    await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');
    expect(calls).toEqual([undefined, true]);
    expect(fixture.settings.current).toMatchObject({ workspace: 'acme-robotics', onboarded: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: first run, ${scheme}`, async ({ page }) => {
      fixture = await startApp({ settings: { demo: false } });
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, fixture);
      await expect(page.getByRole('heading', { name: 'Welcome to Pulsebar' })).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/firstrun-${scheme}.png` });
    });
  }
});

test.describe('settings', () => {
  test('a change is saved in main and survives a reload', async ({ page }) => {
    fixture = await startApp();
    await openSettings(page, fixture);
    const interval = page.getByLabel('Check every');
    await interval.fill('10');
    await interval.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await page.getByRole('radio', { name: '7 days' }).check();
    await expect.poll(() => fixture?.settings.current.window).toBe('7d');
    expect(fixture.settings.current.intervalMinutes).toBe(10);

    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByLabel('Check every')).toHaveValue('10');
    await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();
  });

  test('an invalid value is refused next to the field with main’s reason, and the input is kept', async ({ page }) => {
    fixture = await startApp();
    await openSettings(page, fixture);
    const interval = page.getByLabel('Check every');
    await interval.fill('0');
    await interval.press('Enter');

    const expected = await fixture.service.updateSettings({ intervalMinutes: 0 });
    expect(expected.ok).toBe(false);
    const reason = expected.ok ? '' : expected.message;
    await expect(interval).toHaveAttribute('aria-invalid', 'true');
    const describedBy = (await interval.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ')[0]}"]`)).toHaveText(reason);
    await expect(interval).toHaveValue('0');
    expect(fixture.settings.current.intervalMinutes).toBe(5);

    // Corrected, it is saved and the reason goes.
    await interval.fill('15');
    await interval.press('Tab');
    await expect(interval).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(() => fixture?.settings.current.intervalMinutes).toBe(15);
    await expect(page.getByText(reason)).toHaveCount(0);
  });

  test('notifications, quiet hours and thresholds keep the rest of the alert settings', async ({ page }) => {
    fixture = await startApp({ settings: { alerts: { rules: { TrafficDrop: { maxRatio: 0.4 } }, models: { 'hard-hat-sample-8j2w3': { LatencyUp: { enabled: false } } } } } });
    await openSettings(page, fixture);

    await page.getByLabel('Notify me of alerts').uncheck();
    await expect.poll(() => fixture?.settings.current.alerts).toMatchObject({ notifications: { enabled: false }, rules: { TrafficDrop: { maxRatio: 0.4 } } });

    await page.getByLabel('Quiet hours').check();
    await expect(page.getByLabel('From')).toHaveValue('22:00');
    await expect.poll(() => fixture?.settings.current.alerts).toMatchObject({ notifications: { enabled: false, quietHours: { start: '22:00', end: '07:00' } } });

    // A threshold: its default is shown, an override is stored, a bad one is refused with the reason.
    await page.getByText('Error rate up').click();
    const factor = page.getByLabel('factor', { exact: true }).first();
    await expect(factor).toHaveAccessibleDescription('default 2');
    await factor.fill('3');
    await factor.press('Enter');
    await expect.poll(() => fixture?.settings.current.alerts).toMatchObject({
      rules: { TrafficDrop: { maxRatio: 0.4 }, ErrorRateUp: { factor: 3 } },
      models: { 'hard-hat-sample-8j2w3': { LatencyUp: { enabled: false } } },
      notifications: { enabled: false, quietHours: { start: '22:00', end: '07:00' } },
    });
    await factor.fill('0.5');
    await factor.press('Enter');
    await expect(factor).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toContainText('alerts.rules.ErrorRateUp.factor');
    await expect(factor).toHaveValue('0.5');
  });

  test('the key shows only as its last four characters; replacing it never puts it in the page', async ({ page }) => {
    fixture = await startApp({ settings: { demo: false, workspace: 'acme-robotics', onboarded: true } });
    await fixture.service.setApiKey(KEY);
    await openSettings(page, fixture);
    await expect(page.getByTestId('key-masked')).toHaveText('•••• wxyz');
    await expect(page.getByText('Encrypted by your system’s keychain.')).toBeVisible();
    expect(await pageText(page)).not.toContain(KEY);

    // The stored key, tested against the stored workspace: main's own outcome is shown.
    await page.getByRole('button', { name: 'Test connection' }).click();
    const expected = await fixture.service.testConnection({ workspace: 'acme-robotics' });
    await expect(page.getByRole('status').filter({ hasText: expected.message })).toBeVisible();

    await page.getByRole('button', { name: 'Replace key…' }).click();
    await page.getByLabel('New API key').fill(OTHER_KEY);
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect(page.getByTestId('key-masked')).toHaveText('•••• 5abc');
    await expect(page.getByRole('button', { name: 'Replace key…' })).toBeFocused();
    const text = await pageText(page);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(OTHER_KEY);
  });

  test('switching from the demo to a workspace and back keeps the workspace and key', async ({ page }) => {
    fixture = await startApp();
    await openSettings(page, fixture);
    await page.getByRole('button', { name: 'Connect a workspace…' }).click();
    await page.getByLabel('Workspace id').fill('acme-robotics');
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByTestId('key-masked')).toHaveText('•••• wxyz');
    expect(fixture.settings.current).toMatchObject({ workspace: 'acme-robotics', demo: false, onboarded: true });
    await expect(page.getByText('Demo', { exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: 'Switch to demo data' }).click();
    await expect(page.getByText('Demo', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Switch to acme-robotics' }).click();
    await expect(page.getByLabel('Workspace id')).toHaveValue('acme-robotics');
    expect(fixture.settings.current).toMatchObject({ workspace: 'acme-robotics', demo: false });
  });

  test('models, launch at login and retention are saved; reset brings the defaults back', async ({ page }) => {
    fixture = await startApp();
    await openSettings(page, fixture);
    const models = page.getByLabel('Models');
    await models.fill('hard-hat-sample-8j2w3');
    await models.press('Enter');
    await expect(page.getByRole('button', { name: 'Remove hard-hat-sample-8j2w3' })).toBeVisible();
    await expect(models).toHaveValue('');
    await page.getByLabel('Open Pulsebar at login').check();
    const hourly = page.getByLabel('Hourly figures');
    await hourly.fill('30');
    await hourly.press('Enter');
    await expect.poll(() => fixture?.settings.current.retention.hourlyDays).toBe(30);
    expect(fixture.settings.current).toMatchObject({ models: ['hard-hat-sample-8j2w3'], launchAtLogin: true });

    // Retention values are checked against each other: main's reason shows, the input stays.
    const daily = page.getByLabel('Daily figures');
    await daily.fill('10');
    await daily.press('Enter');
    await expect(daily).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toContainText('retention.dailyDays (10) must be at least retention.hourlyDays (30)');

    await page.getByRole('button', { name: 'Reset settings…' }).click();
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(page.getByLabel('Daily figures')).toHaveValue('730');
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(fixture.settings.current).toMatchObject({ models: [], launchAtLogin: false, intervalMinutes: 5, window: '24h', retention: { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 }, alerts: {}, demo: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: settings, ${scheme}`, async ({ page }) => {
      fixture = await startApp();
      await page.emulateMedia({ colorScheme: scheme });
      await openSettings(page, fixture);
      await page.screenshot({ path: `${SCREENSHOTS}/settings-${scheme}.png` });
    });

    test(`screenshot: settings of a workspace, whole page, ${scheme}`, async ({ page }) => {
      fixture = await startApp({ settings: { demo: false, workspace: 'acme-robotics', onboarded: true, alerts: { notifications: { quietHours: { start: '22:00', end: '07:00' } } } } });
      await fixture.service.setApiKey(KEY);
      await page.emulateMedia({ colorScheme: scheme });
      await openSettings(page, fixture);
      await page.getByText('Error rate up').click();
      await page.screenshot({ path: `${SCREENSHOTS}/settings-workspace-full-${scheme}.png`, fullPage: true });
    });
  }
});
