import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { trayMenuItems } from '../../electron/shell/tray-menu';

// Electron's runtime is not installed here: the shell sees these fakes instead.
const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeTray extends Emitter {
    static instances: FakeTray[] = [];
    readonly calls: [string, ...unknown[]][] = [];
    rect = { x: 100, y: 0, width: 22, height: 22 };
    constructor(readonly image: unknown) {
      super();
      FakeTray.instances.push(this);
    }
    setImage(image: unknown) { this.calls.push(['setImage', image]); }
    setToolTip(text: string) { this.calls.push(['setToolTip', text]); }
    setContextMenu(menu: unknown) { this.calls.push(['setContextMenu', menu]); }
    popUpContextMenu(menu: unknown) { this.calls.push(['popUpContextMenu', menu]); }
    setIgnoreDoubleClickEvents(ignore: boolean) { this.calls.push(['setIgnoreDoubleClickEvents', ignore]); }
    getBounds() { return this.rect; }
    destroy() { this.calls.push(['destroy']); }
    named(name: string) { return this.calls.filter(([call]) => call === name).map(([, ...args]) => args); }
  }
  const nativeTheme = Object.assign(new Emitter(), { shouldUseDarkColors: false });
  return { FakeTray, nativeTheme };
});

vi.mock('electron', () => ({
  Tray: fake.FakeTray,
  Menu: { buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })) },
  nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
  nativeTheme: fake.nativeTheme,
}));

const { createTray } = await import('../../electron/shell/tray');
const { Menu } = await import('electron');

const ICONS = '/app/icons';
const menu = trayMenuItems({ state: 'ok', paused: false, demo: false, hasAlerts: true, snoozedAll: null });
const view = { state: 'critical' as const, tooltip: 'Pulsebar · ws · 1 alert (critical) · updated just now', menu };

function setup(platform: NodeJS.Platform, extra: { darkTaskbar?: () => boolean } = {}) {
  const handlers = { onOpen: vi.fn(), onToggle: vi.fn(), onMenu: vi.fn() };
  const tray = createTray({ iconsDir: ICONS, platform, ...handlers, ...extra });
  const native = fake.FakeTray.instances.at(-1);
  if (!native) throw new Error('no Tray was created');
  return { tray, native, ...handlers };
}

/** The template handed to Menu.buildFromTemplate by the last update. */
function lastTemplate(): MenuItemConstructorOptions[] {
  const call = vi.mocked(Menu.buildFromTemplate).mock.calls.at(-1);
  if (!call) throw new Error('no menu was built');
  return call[0] as MenuItemConstructorOptions[];
}

function clickItem(id: string) {
  const item = lastTemplate().find((entry) => entry.id === id);
  if (!item?.click) throw new Error(`no clickable item ${id}`);
  (item.click as () => void)();
}

beforeEach(() => {
  fake.FakeTray.instances.length = 0;
  fake.nativeTheme.removeAllListeners();
  fake.nativeTheme.shouldUseDarkColors = false;
  vi.mocked(Menu.buildFromTemplate).mockClear();
});

describe('createTray on macOS', () => {
  it('starts with the plain mark and shows the state as a template image', () => {
    const { tray, native } = setup('darwin');
    expect(native.image).toEqual({ path: join(ICONS, 'okTemplate.png') });
    tray.update(view);
    expect(native.named('setImage')).toEqual([[{ path: join(ICONS, 'criticalTemplate.png') }]]);
    expect(native.named('setToolTip').at(-1)).toEqual([view.tooltip]);
    expect(native.named('setIgnoreDoubleClickEvents')).toEqual([[true]]);
  });

  it('toggles the popover on left click and pops the menu up on right click, never setting it', () => {
    const { tray, native, onToggle } = setup('darwin');
    tray.update(view);
    native.emit('click');
    expect(onToggle).toHaveBeenCalledTimes(1);
    native.emit('right-click');
    expect(native.named('popUpContextMenu')).toEqual([[{ template: lastTemplate() }]]);
    expect(native.named('setContextMenu')).toEqual([]);
  });

  it('sends Open to onOpen and every other item to onMenu', () => {
    const { tray, onOpen, onMenu } = setup('darwin');
    tray.update(view);
    clickItem('open');
    expect(onOpen).toHaveBeenCalledTimes(1);
    clickItem('snooze-all');
    clickItem('quit');
    expect(onMenu.mock.calls).toEqual([['snooze-all'], ['quit']]);
    expect(lastTemplate().filter((entry) => entry.type === 'separator')).toHaveLength(3);
  });

  it('reports the tray bounds, or null when the platform gives none', () => {
    const { tray, native } = setup('darwin');
    expect(tray.bounds()).toEqual({ x: 100, y: 0, width: 22, height: 22 });
    native.rect = { x: 0, y: 0, width: 0, height: 0 };
    expect(tray.bounds()).toBeNull();
  });
});

describe('createTray on Windows', () => {
  it('picks the dark or light variant, following the system theme', () => {
    const { tray, native } = setup('win32');
    tray.update(view);
    expect(native.named('setImage').at(-1)).toEqual([{ path: join(ICONS, 'critical-light.png') }]);
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect(native.named('setImage').at(-1)).toEqual([{ path: join(ICONS, 'critical-dark.png') }]);
  });

  it('takes the taskbar colour from the caller when given', () => {
    const { tray, native } = setup('win32', { darkTaskbar: () => true });
    tray.update(view);
    expect(native.named('setImage').at(-1)).toEqual([{ path: join(ICONS, 'critical-dark.png') }]);
  });

  it('touches the native tray only for what changed', () => {
    const { tray, native } = setup('win32');
    tray.update(view);
    tray.update(view);
    expect(native.named('setImage')).toHaveLength(1);
    expect(native.named('setToolTip')).toHaveLength(2); // the initial "Pulsebar", then the view's
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    tray.update({ ...view, tooltip: 'newer' });
    expect(native.named('setToolTip').at(-1)).toEqual(['newer']);
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    tray.update({ ...view, menu: trayMenuItems({ state: 'paused', paused: true, demo: false, hasAlerts: true, snoozedAll: null }) });
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    expect(lastTemplate().some((entry) => entry.id === 'resume')).toBe(true);
  });
});

describe('createTray on Linux', () => {
  it('sets the context menu on every menu change, since clicks are not delivered', () => {
    const { tray, native } = setup('linux');
    tray.update(view);
    expect(native.named('setContextMenu')).toEqual([[{ template: lastTemplate() }]]);
    tray.update({ ...view, menu: trayMenuItems({ state: 'paused', paused: true, demo: false, hasAlerts: false, snoozedAll: null }) });
    expect(native.named('setContextMenu')).toHaveLength(2);
  });

  it('opens the app from the Open item, or from an activation where the host sends one', () => {
    const { tray, native, onOpen, onToggle } = setup('linux');
    tray.update(view);
    clickItem('open');
    native.emit('click');
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onToggle).not.toHaveBeenCalled();
    native.emit('right-click');
    expect(native.named('popUpContextMenu')).toEqual([]);
  });

  it('has no bounds to report', () => {
    expect(setup('linux').tray.bounds()).toBeNull();
  });
});

describe('destroy', () => {
  it('destroys the tray once, stops following the theme and ignores later updates', () => {
    const { tray, native } = setup('win32');
    tray.destroy();
    tray.destroy();
    expect(native.named('destroy')).toHaveLength(1);
    expect(fake.nativeTheme.listenerCount('updated')).toBe(0);
    tray.update(view);
    expect(native.named('setImage')).toEqual([]);
    expect(tray.bounds()).toBeNull();
  });
});

it('keeps the fake honest: it is an EventEmitter like the real Tray', () => {
  expect(setup('darwin').native).toBeInstanceOf(EventEmitter);
});
