// The popover with the keyboard alone: Tab and Shift+Tab through every view, the arrow keys on
// the tab list, Enter to open and go back, and a visible focus ring wherever focus lands. Also
// the theme's text colours against WCAG AA, in light and dark.
import { test, expect, type Page } from '@playwright/test';
import { startApp, type AppFixture } from './app-fixture';
import { assertBuilt, serveRenderer } from './harness';

let server: Awaited<ReturnType<typeof serveRenderer>>;

test.beforeAll(async () => {
  assertBuilt();
  server = await serveRenderer();
});
test.afterAll(async () => {
  await server.close();
});

/** The browser globals the page functions below use: the Node-side tsconfig has no DOM types. */
interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  style: { color: string };
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
  remove(): void;
}
interface PageGlobals {
  document: { activeElement: PageElement | null; body: PageElement & { append(child: PageElement): void }; createElement(tag: string): PageElement };
  getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string; boxShadow: string; color: string; borderTopColor: string; backgroundColor: string };
}

interface Focused {
  /** "button#tab-now "Now"": enough to say which element failed. */
  name: string;
  id: string;
  visible: boolean;
  /** The focus ring's width in px: an outline, or else a box-shadow ring. */
  ring: number;
  inPanel: boolean;
  inModelRow: boolean;
  onBody: boolean;
}

/** The focused element, and whether it shows that it has focus. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    const getComputedStyle = (element: PageElement) => (globalThis as unknown as PageGlobals).getComputedStyle(element);
    const element = document.activeElement;
    if (element === null || element === document.body) return { name: 'body', id: '', visible: false, ring: 0, inPanel: false, inModelRow: false, onBody: true };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const shadow = style.boxShadow === 'none' ? 0 : 1;
    const label = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40);
    return {
      name: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''} "${label}"`,
      id: element.id,
      visible: element.matches(':focus-visible'),
      ring: Math.max(outline, shadow),
      inPanel: element.closest('[role="tabpanel"]') !== null,
      inModelRow: element.closest('[data-testid="model-row"]') !== null,
      onBody: false,
    };
  });
}

async function expectVisibleFocus(page: Page): Promise<Focused> {
  const now = await focused(page);
  expect(now.onBody, 'focus fell to the page').toBe(false);
  expect(now.visible, `${now.name} has focus without :focus-visible`).toBe(true);
  expect(now.ring, `${now.name} shows no focus ring`).toBeGreaterThanOrEqual(1);
  return now;
}

async function press(page: Page, key: string): Promise<Focused> {
  await page.keyboard.press(key);
  return expectVisibleFocus(page);
}

/** Tabs from the page's start to the tab list (past the header's buttons). */
async function tabToTabs(page: Page): Promise<Focused> {
  for (let i = 0; i < 10; i++) {
    const now = await press(page, 'Tab');
    if (now.id.startsWith('tab-')) return now;
  }
  throw new Error('Tab never reached the tab list');
}

/**
 * From the selected tab, Tab through the whole panel (every stop shows focus), then Shift+Tab
 * all the way back to the tab. Returns the stops, in order.
 */
async function walkPanel(page: Page, tab: string): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now.inPanel) break;
    await expectVisibleFocus(page);
    stops.push(now.name);
  }
  for (let i = 0; i < stops.length + 1; i++) {
    const now = await press(page, 'Shift+Tab');
    if (now.id === tab) return stops;
  }
  throw new Error(`Shift+Tab did not lead back to ${tab}`);
}

async function open(page: Page, app: AppFixture): Promise<void> {
  await page.setViewportSize({ width: 380, height: 560 });
  await app.install(page);
  await page.goto(server.url);
}

test.describe('keyboard only', () => {
  let app: AppFixture;
  test.beforeAll(async () => {
    app = await startApp();
    await app.poll(4);
  });
  test.afterAll(async () => {
    await app.stop();
  });

  test('arrow keys move along the tabs; Tab and Shift+Tab go through every view with visible focus', async ({ page }) => {
    await open(page, app);
    await expect(page.getByTestId('model-row').first()).toBeVisible();
    const first = await tabToTabs(page);
    expect(first.id).toBe('tab-now');

    const order = ['now', 'alerts', 'history', 'settings'];
    const stops: Record<string, number> = {};
    for (const [index, view] of order.entries()) {
      if (index > 0) {
        const now = await press(page, 'ArrowRight');
        expect(now.id).toBe(`tab-${view}`);
      }
      await expect(page.getByRole('tab', { name: new RegExp(`^${view}`, 'i') })).toHaveAttribute('aria-selected', 'true');
      stops[view] = (await walkPanel(page, `tab-${view}`)).length;
    }
    test.info().annotations.push({ type: 'tab stops per view', description: JSON.stringify(stops) });
    // The views have something to reach (Settings a lot).
    expect(stops['now']).toBeGreaterThan(0);
    expect(stops['settings']).toBeGreaterThan(15);

    // The tab list wraps both ways.
    expect((await press(page, 'ArrowRight')).id).toBe('tab-now');
    expect((await press(page, 'ArrowLeft')).id).toBe('tab-settings');
    // Only the selected tab is a Tab stop: Shift+Tab leaves the list for the header.
    const before = await press(page, 'Shift+Tab');
    expect(before.id.startsWith('tab-')).toBe(false);
  });

  test('Enter opens a model from the Now list, and its Back button returns', async ({ page }) => {
    await open(page, app);
    await expect(page.getByTestId('model-row').first()).toBeVisible();
    await tabToTabs(page);
    let now = await focused(page);
    for (let i = 0; i < 30 && !now.inModelRow; i++) now = await press(page, 'Tab');
    expect(now.inModelRow, 'Tab never reached a model').toBe(true);
    await page.keyboard.press('Enter');
    const view = page.getByTestId('model-view');
    await expect(view).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');

    // Wherever the opened view leaves focus, Tab comes round to its Back button.
    for (let i = 0; i < 60 && !now.name.includes('Back'); i++) {
      await page.keyboard.press('Tab');
      now = await focused(page);
    }
    await expectVisibleFocus(page);
    expect(now.name).toContain('Back');
    await page.keyboard.press('Enter');
    await expect(view).toHaveCount(0);
    await expect(page.getByTestId('model-row').first()).toBeVisible();
  });

  test('settings are changed with the keyboard: Enter saves a field, arrows pick a window, Space flips a toggle', async ({ page }) => {
    const settingsApp = await startApp();
    try {
      await open(page, settingsApp);
      await tabToTabs(page);
      await press(page, 'ArrowLeft');
      await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');

      let now = await focused(page);
      for (let i = 0; i < 30 && now.id !== 'interval'; i++) now = await press(page, 'Tab');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('10');
      await page.keyboard.press('Enter');
      await expect.poll(() => settingsApp.settings.current.intervalMinutes).toBe(10);

      // The window radios: one Tab stop, arrows choose (and save).
      now = await press(page, 'Tab');
      expect(now.name).toContain('input');
      await press(page, 'ArrowRight');
      await expect.poll(() => settingsApp.settings.current.window).toBe('7d');

      for (let i = 0; i < 10 && now.id !== 'notify'; i++) now = await press(page, 'Tab');
      await page.keyboard.press('Space');
      await expect.poll(() => (settingsApp.settings.current.alerts as { notifications?: { enabled?: boolean } }).notifications?.enabled).toBe(false);

      // A rule's thresholds open with Enter on their summary.
      for (let i = 0; i < 10 && !now.name.includes('No traffic'); i++) now = await press(page, 'Tab');
      await page.keyboard.press('Enter');
      await expect(page.getByLabel('silentMinutes')).toBeVisible();
    } finally {
      await settingsApp.stop();
    }
  });

  test('the first run works from the keyboard alone', async ({ page }) => {
    const fresh = await startApp({ settings: { demo: false } });
    try {
      await open(page, fresh);
      await expect(page.getByRole('heading', { name: 'Welcome to Pulsebar' })).toBeVisible();
      let now = await press(page, 'Tab');
      for (let i = 0; i < 10 && now.id !== 'connect-workspace'; i++) now = await press(page, 'Tab');
      expect(now.id).toBe('connect-workspace');
      for (let i = 0; i < 10 && !now.name.includes('Explore with demo data'); i++) now = await press(page, 'Tab');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('tab', { name: 'Now' })).toHaveAttribute('aria-selected', 'true');
      expect(fresh.settings.current).toMatchObject({ demo: true, onboarded: true });
    } finally {
      await fresh.stop();
    }
  });
});

test.describe('contrast', () => {
  /** WCAG 2 relative luminance of "rgb(r, g, b)". */
  function luminance(rgb: string): number {
    const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  }
  const ratio = (a: string, b: string): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  // Text pairs need 4.5:1 (AA, normal text); the focus ring and form controls' edges 3:1 (1.4.11).
  const TEXT = ['text', 'muted', 'accent', 'ok', 'warning', 'critical'];
  const SURFACES = ['bg', 'surface'];

  for (const scheme of ['light', 'dark'] as const) {
    test(`the theme's text colours meet WCAG AA, ${scheme}`, async ({ page }) => {
      const app = await startApp();
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await open(page, app);
        await page.getByRole('tab', { name: 'Settings' }).click();
        // light-dark() resolved by the browser: each variable as a computed colour.
        const colours = await page.evaluate((names) => {
          const { document } = globalThis as unknown as PageGlobals;
          const getComputedStyle = (element: PageElement) => (globalThis as unknown as PageGlobals).getComputedStyle(element);
          const probe = document.createElement('span');
          document.body.append(probe);
          const out: Record<string, string> = {};
          for (const name of names) {
            probe.style.color = `var(--${name})`;
            out[name] = getComputedStyle(probe).color;
          }
          probe.remove();
          return out;
        }, [...TEXT, ...SURFACES, 'focus']);
        const failures: string[] = [];
        const check = (what: string, fg: string, bg: string, need: number): void => {
          const r = ratio(fg, bg);
          if (r < need) failures.push(`${what}: ${r.toFixed(2)} < ${need}`);
        };
        for (const fg of TEXT) for (const bg of SURFACES) check(`--${fg} on --${bg}`, colours[fg]!, colours[bg]!, 4.5);
        check('--bg on --accent (primary buttons, Demo badge)', colours['bg']!, colours['accent']!, 4.5);
        for (const bg of SURFACES) check(`--focus on --${bg}`, colours['focus']!, colours[bg]!, 3);
        // The settings' text boxes: their edge against the box and against the page.
        const box = await page.getByLabel('Check every').evaluate((input: unknown) => {
          const style = (globalThis as unknown as PageGlobals).getComputedStyle(input as PageElement);
          return { edge: style.borderTopColor, fill: style.backgroundColor };
        });
        check('text box edge on its fill', box.edge, box.fill, 3);
        check('text box edge on --bg', box.edge, colours['bg']!, 3);
        expect(failures).toEqual([]);
      } finally {
        await app.stop();
      }
    });
  }
});
