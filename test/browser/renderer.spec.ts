// The built renderer and the built preload in Chromium, talking to the real IPC handlers (with
// main's payload checks) over the real core, on the bundled demo scenario.
import { test, expect, type Page } from '@playwright/test';
import type { MonitorService } from '../../electron/core/service';
import { systemClock } from '../../electron/core/poller';
import { createIpcHandlers, type HandlerDeps } from '../../electron/shell/handlers';
import { demoService } from '../core/service/ports';
import { assertBuilt, emitEvent, installPreload, serveRenderer } from './harness';

let server: Awaited<ReturnType<typeof serveRenderer>>;
let service: MonitorService;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
  service = demoService(systemClock).service;
  service.start();
  await service.pollNow();
});
test.afterAll(async () => {
  await service.stop();
  await server.close();
});

const deps = (overrides: Partial<HandlerDeps> = {}): HandlerDeps => ({
  appInfo: () => ({ name: 'Pulsebar', version: '9.8.7' }),
  service,
  saveFile: (content, name) => Promise.resolve({ saved: content.length > 0, path: `/tmp/${name}` }),
  ...overrides,
});

/** Calls window.pulsebar[method](...args) in the page; resolves with its result or its error message. */
async function call(page: Page, method: string, ...args: unknown[]): Promise<{ ok: boolean; value: unknown }> {
  return page.evaluate(
    async ([name, params]) => {
      const api = (globalThis as unknown as { pulsebar: Record<string, (...a: unknown[]) => Promise<unknown>> }).pulsebar;
      try {
        return { ok: true, value: await api[name]!(...params) };
      } catch (error) {
        return { ok: false, value: error instanceof Error ? error.message : String(error) };
      }
    },
    [method, args] as const,
  );
}

test('the renderer shows what main answers over the typed IPC contract', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await installPreload(page, createIpcHandlers(deps()));
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Pulsebar' })).toBeVisible();
  await expect(page.getByTestId('version')).toHaveText('Pulsebar 9.8.7');
  await page.screenshot({ path: 'test-results/screenshots/placeholder.png' });
  expect(errors).toEqual([]);
});

test('a failing main process is reported, not hidden', async ({ page }) => {
  // Every method fails, as when main is going away.
  const failing = Object.fromEntries(
    Object.keys(createIpcHandlers(deps())).map((method) => [
      method,
      () => {
        throw new Error('main is shutting down');
      },
    ]),
  ) as unknown as ReturnType<typeof createIpcHandlers>;
  await installPreload(page, failing);
  await page.goto(server.url);
  await expect(page.getByRole('alert')).toContainText('main is shutting down');
});

test('the renderer gets window.pulsebar and nothing of Node', async ({ page }) => {
  await installPreload(page, createIpcHandlers(deps()));
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
  expect(globals).toEqual({
    api: ['acknowledgeAlert', 'appInfo', 'exportHistory', 'getOverview', 'getSeries', 'getSettings', 'getSnapshotAt', 'listAlerts', 'on', 'pollNow', 'setApiKey', 'setPaused', 'snooze', 'testConnection', 'updateSettings'],
    frozen: true,
    process: 'undefined',
    require: 'undefined',
  });
});

test('the contract reaches the real core: overview, series, settings, export', async ({ page }) => {
  await installPreload(page, createIpcHandlers(deps()));
  await page.goto(server.url);
  const overview = await call(page, 'getOverview');
  expect(overview.ok).toBe(true);
  expect(overview.value).toMatchObject({ workspace: 'demo-workspace', demo: true, health: 'ok' });
  expect((overview.value as { models: unknown[] }).models).toHaveLength(4);
  const now = Date.now();
  const hours = { from: new Date(now - 6 * 3_600_000).toISOString(), to: new Date(now).toISOString() };
  const series = await call(page, 'getSeries', [
    { scope: { level: 'model', model: 'hard-hat-sample-8j2w3' }, metric: 'avgConfidence', ...hours },
    { scope: { level: 'workspace' }, metric: 'inferences', ...hours },
  ]);
  expect(series.ok).toBe(true);
  // One answer per request, in order: a confidence is within 0..1, the workspace's count is not.
  const [confidence, volume] = series.value as { value: number | null }[][];
  expect(confidence!.length).toBeGreaterThan(0);
  expect(confidence!.every((p) => p.value === null || (p.value >= 0 && p.value <= 1))).toBe(true);
  expect(volume!.some((p) => p.value !== null && p.value > 1)).toBe(true);
  expect(await call(page, 'setPaused', true)).toMatchObject({ ok: true, value: { status: 'paused' } });
  expect(await call(page, 'setPaused', false)).toMatchObject({ ok: true, value: { status: 'idle' } });
  const snapshot = await call(page, 'getSnapshotAt', new Date().toISOString());
  expect(snapshot).toMatchObject({ ok: true, value: { window: { start: expect.any(String) } } });
  expect(await call(page, 'getSettings')).toMatchObject({ ok: true, value: { demo: true, apiKey: { set: false, last4: null } } });
  expect(await call(page, 'exportHistory', { format: 'json' })).toMatchObject({ ok: true, value: { saved: true, path: expect.stringMatching(/^\/tmp\/pulsebar-demo-workspace-hourly-\d{4}-\d\d-\d\d\.json$/) } });
});

test('main refuses malformed requests with what was wrong, never echoing the values', async ({ page }) => {
  await installPreload(page, createIpcHandlers(deps()));
  await page.goto(server.url);
  const bad = await call(page, 'getSeries', [{ scope: { level: 'model' }, metric: 'avgConfidence', from: 'yesterday', to: 'now' }]);
  expect(bad.ok).toBe(false);
  expect(bad.value).toMatch(/Pulsebar refused a malformed getSeries request \(argument 0\.0\.[a-z.]+\)/);
  const many = await call(page, 'getSeries', Array.from({ length: 401 }, () => ({ scope: { level: 'workspace' }, metric: 'inferences', from: new Date(0).toISOString(), to: new Date(3_600_000).toISOString() })));
  expect(many).toMatchObject({ ok: false, value: expect.stringContaining('expected at most 400 series in one call') });
  const extra = await call(page, 'snooze', { rule: 'LatencyUp', model: null, for: '1h', sneaky: true });
  expect(extra).toMatchObject({ ok: false, value: expect.stringContaining('Pulsebar refused a malformed snooze request') });
  const key = await call(page, 'setApiKey', 42);
  expect(key.ok).toBe(false);
  expect(String(key.value)).not.toContain('42');
});

test('pushed events reach listeners until they unsubscribe', async ({ page }) => {
  await installPreload(page, createIpcHandlers(deps()));
  await page.goto(server.url);
  await page.evaluate(() => {
    const g = globalThis as unknown as { pulsebar: { on(e: string, l: (p: unknown) => void): () => void }; seen: unknown[]; off: () => void };
    g.seen = [];
    g.off = g.pulsebar.on('open-model', (model) => g.seen.push(model));
  });
  await emitEvent(page, 'open-model', 'hard-hat-sample-8j2w3');
  await page.evaluate(() => (globalThis as unknown as { off: () => void }).off());
  await emitEvent(page, 'open-model', 'forklift-detection-mz7qa');
  expect(await page.evaluate(() => (globalThis as unknown as { seen: unknown[] }).seen)).toEqual(['hard-hat-sample-8j2w3']);
  const unknown = await page.evaluate(() => {
    try {
      (globalThis as unknown as { pulsebar: { on(e: string, l: () => void): void } }).pulsebar.on('ipc-anything', () => undefined);
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(unknown).toBe('Unknown Pulsebar event "ipc-anything".');
});
