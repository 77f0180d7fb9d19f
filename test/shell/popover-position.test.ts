import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayFor, popoverPosition, taskbarEdge } from '../../electron/shell/popover-position';
import type { DisplayArea, Point, PopoverPlatform, PopoverPositionInput, Rect, Size } from '../../electron/shell/popover-position';

const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });
const popover: Size = { width: 360, height: 480 };

// A 1920×1080 screen at the origin with the work area it leaves.
const fullHd = (workArea: Rect): DisplayArea => ({ bounds: rect(0, 0, 1920, 1080), workArea });
const FULL_HD = rect(0, 0, 1920, 1080);

// macOS, 13" Retina at its default scaled size (DIPs): 25 px menu bar.
const macBook: DisplayArea = { bounds: rect(0, 0, 1440, 900), workArea: rect(0, 25, 1440, 875) };
// macOS, 14" notched MacBook Pro: 38 px menu bar, tray icons as tall as it.
const macBookNotch: DisplayArea = { bounds: rect(0, 0, 1512, 982), workArea: rect(0, 38, 1512, 944) };

interface Case {
  name: string;
  platform: PopoverPlatform;
  display: DisplayArea;
  trayBounds: Rect | null;
  cursor?: Point;
  window?: Size;
  expected: Point;
}

function place(c: Case): Point {
  const input: PopoverPositionInput = { platform: c.platform, display: c.display, trayBounds: c.trayBounds, window: c.window ?? popover };
  if (c.cursor) input.cursor = c.cursor;
  return popoverPosition(input);
}

describe('popoverPosition on macOS', () => {
  it.each<Case>([
    // Centre 1112 − 180 = 932; y = work-area top 25 + 4.
    { name: 'below the menu-bar icon, centred on it', platform: 'darwin', display: macBook, trayBounds: rect(1100, 0, 24, 24), expected: { x: 932, y: 29 } },
    // The icon is as tall as the 37 px bar; the work area starts at 38.
    { name: 'below a notched menu bar', platform: 'darwin', display: macBookNotch, trayBounds: rect(1200, 0, 30, 37), expected: { x: 1035, y: 42 } },
    // Centre 1422 − 180 = 1242 would overflow; the right edge clamps to 1440 − 360.
    { name: 'an icon in the screen corner clamps to the right edge', platform: 'darwin', display: macBook, trayBounds: rect(1410, 0, 24, 24), expected: { x: 1080, y: 29 } },
    // A Dock on the right shrinks the work area; the menu bar stays the anchor, the Dock is not overlapped.
    { name: 'a Dock on the right narrows the clamp, not the edge', platform: 'darwin', display: { bounds: rect(0, 0, 1440, 900), workArea: rect(0, 25, 1360, 875) }, trayBounds: rect(1300, 0, 24, 24), expected: { x: 1000, y: 29 } },
    // A Dock on the left leaves macOS's edge at the top even though the work area is shifted.
    { name: 'a Dock on the left keeps the popover under the menu bar', platform: 'darwin', display: { bounds: rect(0, 0, 1440, 900), workArea: rect(80, 25, 1360, 875) }, trayBounds: rect(1100, 0, 24, 24), expected: { x: 932, y: 29 } },
    // Second monitor left of and above the primary, with its own menu bar.
    { name: 'a monitor at negative x and y', platform: 'darwin', display: { bounds: rect(-2560, -300, 2560, 1440), workArea: rect(-2560, -275, 2560, 1415) }, trayBounds: rect(-300, -300, 24, 24), expected: { x: -468, y: -271 } },
    // Taller than the work area: the top stays reachable.
    { name: 'a window taller than the work area keeps its top inside', platform: 'darwin', display: macBook, trayBounds: rect(1100, 0, 24, 24), window: { width: 360, height: 1000 }, expected: { x: 932, y: 25 } },
  ])('$name', (c) => {
    expect(place(c)).toEqual(c.expected);
  });
});

describe('popoverPosition on Windows', () => {
  const bottomBar = fullHd(rect(0, 0, 1920, 1040));
  it.each<Case>([
    // 40 px bottom taskbar: above the taskbar's top edge (1040 − 4 − 480), centred on the icon (1712 − 180).
    { name: 'bottom taskbar: above the icon', platform: 'win32', display: bottomBar, trayBounds: rect(1700, 1048, 24, 24), expected: { x: 1532, y: 556 } },
    { name: 'top taskbar: below the icon', platform: 'win32', display: fullHd(rect(0, 40, 1920, 1040)), trayBounds: rect(1700, 8, 24, 24), expected: { x: 1532, y: 44 } },
    // Side taskbars: beside the taskbar, vertically centred on the icon (512 − 240).
    { name: 'left taskbar: to the right of the icon', platform: 'win32', display: fullHd(rect(48, 0, 1872, 1080)), trayBounds: rect(12, 500, 24, 24), expected: { x: 52, y: 272 } },
    { name: 'right taskbar: to the left of the icon', platform: 'win32', display: fullHd(rect(0, 0, 1872, 1080)), trayBounds: rect(1884, 500, 24, 24), expected: { x: 1508, y: 272 } },
    // Auto-hide: work area = bounds, so the nearest display edge to the icon decides; no taskbar edge to clear.
    { name: 'auto-hide, icon at the bottom', platform: 'win32', display: fullHd(FULL_HD), trayBounds: rect(1700, 1048, 24, 24), expected: { x: 1532, y: 564 } },
    { name: 'auto-hide, icon at the top', platform: 'win32', display: fullHd(FULL_HD), trayBounds: rect(1700, 8, 24, 24), expected: { x: 1532, y: 36 } },
    { name: 'auto-hide, icon at the left', platform: 'win32', display: fullHd(FULL_HD), trayBounds: rect(12, 500, 24, 24), expected: { x: 40, y: 272 } },
    { name: 'auto-hide, icon at the right', platform: 'win32', display: fullHd(FULL_HD), trayBounds: rect(1884, 500, 24, 24), expected: { x: 1520, y: 272 } },
    // The icon next to "show desktop": centred would end at 2082, so the right edge clamps.
    { name: 'bottom taskbar, icon in the corner: clamped to the right', platform: 'win32', display: bottomBar, trayBounds: rect(1890, 1048, 24, 24), expected: { x: 1560, y: 556 } },
    // Right taskbar, icon at the bottom: centring would put the bottom at 1292; clamped to 1080 − 480.
    { name: 'right taskbar, icon in the corner: clamped to the bottom', platform: 'win32', display: fullHd(rect(0, 0, 1872, 1080)), trayBounds: rect(1884, 1040, 24, 24), expected: { x: 1508, y: 600 } },
    // Larger than the whole work area both ways: top-left corner of the work area.
    { name: 'a window larger than the work area', platform: 'win32', display: bottomBar, trayBounds: rect(1700, 1048, 24, 24), window: { width: 2000, height: 1200 }, expected: { x: 0, y: 0 } },
    // 150 % scaling: 1280×720 DIPs with a 32 DIP taskbar and fractional icon bounds, still whole pixels.
    { name: 'fractional DIPs round to whole pixels', platform: 'win32', display: { bounds: rect(0, 0, 1280, 720), workArea: rect(0, 0, 1280, 688) }, trayBounds: rect(800.5, 694.5, 16, 16), expected: { x: 629, y: 204 } },
  ])('$name', (c) => {
    expect(place(c)).toEqual(c.expected);
  });
});

describe('popoverPosition on Linux', () => {
  it.each<Case>([
    // GNOME top bar, 32 px: below it.
    { name: 'GNOME top bar: below the icon', platform: 'linux', display: fullHd(rect(0, 32, 1920, 1048)), trayBounds: rect(1500, 4, 24, 24), expected: { x: 1332, y: 36 } },
    // Ubuntu: top bar plus a dock on the left; the icon is in the top bar, so the dock is not the edge.
    { name: 'Ubuntu top bar with a left dock: below the icon', platform: 'linux', display: fullHd(rect(70, 32, 1850, 1048)), trayBounds: rect(1500, 4, 24, 24), expected: { x: 1332, y: 36 } },
    // KDE Plasma, 44 px bottom panel: above it.
    { name: 'KDE bottom panel: above the icon', platform: 'linux', display: fullHd(rect(0, 0, 1920, 1036)), trayBounds: rect(1400, 1054, 22, 22), expected: { x: 1231, y: 552 } },
    // KDE with a top and a bottom panel; the tray is in the bottom one.
    { name: 'KDE top and bottom panels, tray at the bottom', platform: 'linux', display: fullHd(rect(0, 28, 1920, 1008)), trayBounds: rect(1400, 1054, 22, 22), expected: { x: 1231, y: 552 } },
    // XFCE left panel with the tray at its top: beside it, clamped to the top of the work area.
    { name: 'left panel: to the right, clamped to the top', platform: 'linux', display: fullHd(rect(48, 0, 1872, 1080)), trayBounds: rect(12, 20, 24, 24), expected: { x: 52, y: 0 } },
    { name: 'right panel: to the left of the icon', platform: 'linux', display: fullHd(rect(0, 0, 1872, 1080)), trayBounds: rect(1884, 500, 24, 24), expected: { x: 1508, y: 272 } },
    // KDE bottom panel on a monitor left of the primary.
    { name: 'bottom panel on a monitor at negative x', platform: 'linux', display: { bounds: rect(-1920, 0, 1920, 1080), workArea: rect(-1920, 0, 1920, 1036) }, trayBounds: rect(-200, 1046, 24, 24), expected: { x: -368, y: 552 } },
  ])('$name', (c) => {
    expect(place(c)).toEqual(c.expected);
  });
});

describe('popoverPosition without tray coordinates', () => {
  const gnome = fullHd(rect(0, 32, 1920, 1048));
  const kde = fullHd(rect(0, 0, 1920, 1036));
  it.each<Case>([
    // Corners: 1920 − 4 − 360 = 1556 across; 4 px in from the top or bottom of the work area.
    { name: 'macOS, no bounds: top-right of the work area', platform: 'darwin', display: macBook, trayBounds: null, expected: { x: 1076, y: 29 } },
    { name: 'Wayland 0×0 bounds, GNOME top bar: top-right', platform: 'linux', display: gnome, trayBounds: rect(0, 0, 0, 0), expected: { x: 1556, y: 36 } },
    { name: 'Linux, no bounds, bottom panel: bottom-right', platform: 'linux', display: kde, trayBounds: null, expected: { x: 1556, y: 552 } },
    { name: 'Linux, no bounds, no panel: top-right', platform: 'linux', display: fullHd(FULL_HD), trayBounds: null, expected: { x: 1556, y: 4 } },
    { name: 'Windows, no bounds: bottom-right above the taskbar', platform: 'win32', display: fullHd(rect(0, 0, 1920, 1040)), trayBounds: null, expected: { x: 1556, y: 556 } },
    { name: 'Windows, no bounds, auto-hide taskbar: bottom-right', platform: 'win32', display: fullHd(FULL_HD), trayBounds: null, expected: { x: 1556, y: 596 } },
    { name: 'Windows, no bounds, top taskbar: top-right', platform: 'win32', display: fullHd(rect(0, 40, 1920, 1040)), trayBounds: null, expected: { x: 1556, y: 44 } },
    // A rect with width but no height is as unknown as 0×0.
    { name: 'zero-height bounds count as none', platform: 'linux', display: gnome, trayBounds: rect(1780, 4, 24, 0), expected: { x: 1556, y: 36 } },
    // With the cursor: placed as if the icon were a point under it, and clamped.
    { name: 'Wayland with cursor in the top bar: under the cursor, clamped', platform: 'linux', display: gnome, trayBounds: rect(0, 0, 0, 0), cursor: { x: 1800, y: 14 }, expected: { x: 1560, y: 36 } },
    { name: 'AppIndicator with cursor in a bottom panel: above the cursor', platform: 'linux', display: kde, trayBounds: null, cursor: { x: 900, y: 1060 }, expected: { x: 720, y: 552 } },
    { name: 'Windows, no bounds, cursor on the taskbar', platform: 'win32', display: fullHd(rect(0, 0, 1920, 1040)), trayBounds: null, cursor: { x: 1700, y: 1060 }, expected: { x: 1520, y: 556 } },
    { name: 'macOS, no bounds, cursor in the menu bar', platform: 'darwin', display: macBook, trayBounds: null, cursor: { x: 1300, y: 10 }, expected: { x: 1080, y: 29 } },
  ])('$name', (c) => {
    expect(place(c)).toEqual(c.expected);
  });
});

describe('taskbarEdge', () => {
  it.each<[string, Rect, Rect | null, PopoverPlatform, string]>([
    ['bottom', rect(0, 0, 1920, 1040), rect(1700, 1048, 24, 24), 'win32', 'bottom'],
    ['top', rect(0, 40, 1920, 1040), rect(1700, 8, 24, 24), 'win32', 'top'],
    ['left', rect(48, 0, 1872, 1080), rect(12, 900, 24, 24), 'win32', 'left'],
    ['right', rect(0, 0, 1872, 1080), rect(1884, 900, 24, 24), 'win32', 'right'],
    ['auto-hide: the nearest display edge', FULL_HD, rect(1884, 500, 24, 24), 'win32', 'right'],
    ['no anchor, top and left reserved, Linux: top', rect(70, 32, 1850, 1048), null, 'linux', 'top'],
    ['no anchor, nothing reserved, Windows: bottom', FULL_HD, null, 'win32', 'bottom'],
    ['no anchor, only a right panel: right', rect(0, 0, 1872, 1080), null, 'linux', 'right'],
  ])('%s', (_name, workArea, anchor, platform, expected) => {
    expect(taskbarEdge(fullHd(workArea), anchor, platform)).toBe(expected);
  });
});

describe('displayFor', () => {
  const primary = { id: 1, bounds: rect(0, 0, 1920, 1080) };
  const leftOfPrimary = { id: 2, bounds: rect(-1920, 0, 1920, 1080) };
  const abovePrimary = { id: 3, bounds: rect(0, -1440, 2560, 1440) };
  const displays = [primary, leftOfPrimary, abovePrimary];

  it.each<[string, Rect | Point, number]>([
    ['a tray icon on the primary', rect(1700, 1048, 24, 24), 1],
    ['a tray icon on the monitor at negative x', rect(-200, 1046, 24, 24), 2],
    ['a cursor on the monitor above (negative y)', { x: 100, y: -10 }, 3],
    ['a point on the shared edge belongs to the display right of it', { x: 0, y: 500 }, 1],
    ['the left edge of the left monitor', { x: -1920, y: 500 }, 2],
    ['a 0×0 Wayland rect: the primary', rect(0, 0, 0, 0), 1],
    ['a point right of every display: the nearest', { x: 2000, y: 500 }, 1],
    ['a point below-left of everything: the nearest', { x: -2000, y: 1100 }, 2],
    ['a rect straddling two displays goes by its centre', rect(-20, 500, 30, 24), 2],
  ])('%s', (_name, anchor, id) => {
    expect(displayFor(anchor, displays)?.id).toBe(id);
  });

  it('finds nothing among no displays', () => {
    expect(displayFor({ x: 0, y: 0 }, [])).toBeUndefined();
  });
});

describe('popoverPosition properties', () => {
  // A display anywhere (negative coordinates included), a work area inside it, a tray rect inside
  // the display (or none), an optional cursor, any window size.
  const scenario = fc
    .record({
      platform: fc.constantFrom<PopoverPlatform>('darwin', 'win32', 'linux'),
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -3000, max: 3000 }),
      width: fc.integer({ min: 320, max: 5120 }),
      height: fc.integer({ min: 240, max: 2880 }),
      insets: fc.tuple(fc.nat(100), fc.nat(100), fc.nat(100), fc.nat(100)),
      tray: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(64), fc.nat(64)), { nil: null }),
      cursor: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
      window: fc.record({ width: fc.integer({ min: 1, max: 3000 }), height: fc.integer({ min: 1, max: 2000 }) }),
    })
    .map((s): PopoverPositionInput => {
      const [top, rightInset, bottomInset, left] = s.insets;
      const bounds = rect(s.x, s.y, s.width, s.height);
      const workArea = rect(s.x + left, s.y + top, s.width - left - rightInset, s.height - top - bottomInset);
      const trayBounds = s.tray && rect(Math.floor(s.x + s.tray[0] * (s.width - s.tray[2])), Math.floor(s.y + s.tray[1] * (s.height - s.tray[3])), s.tray[2], s.tray[3]);
      const input: PopoverPositionInput = { platform: s.platform, trayBounds, window: s.window, display: { bounds, workArea } };
      if (s.cursor) input.cursor = { x: Math.floor(s.x + s.cursor[0] * (s.width - 1)), y: Math.floor(s.y + s.cursor[1] * (s.height - 1)) };
      return input;
    });

  it('keeps a window that fits wholly inside the work area, in whole pixels', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { x, y } = popoverPosition(input);
        const { workArea } = input.display;
        expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
        if (input.window.width <= workArea.width) {
          expect(x).toBeGreaterThanOrEqual(workArea.x);
          expect(x + input.window.width).toBeLessThanOrEqual(workArea.x + workArea.width);
        }
        if (input.window.height <= workArea.height) {
          expect(y).toBeGreaterThanOrEqual(workArea.y);
          expect(y + input.window.height).toBeLessThanOrEqual(workArea.y + workArea.height);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the top-left corner in the work area when the window does not fit', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { x, y } = popoverPosition(input);
        const { workArea } = input.display;
        expect(x).toBeGreaterThanOrEqual(workArea.x);
        expect(y).toBeGreaterThanOrEqual(workArea.y);
      }),
    );
  });
});
