// Where the frameless popover window opens, given the tray icon and the display it sits on.
// Pure, so every taskbar layout is tested in plain Node; the shell feeds it Electron's
// `tray.getBounds()`, `screen.getAllDisplays()` and `screen.getCursorScreenPoint()`.
// All coordinates are Electron's screen coordinates (DIPs), which can be negative on a monitor
// left of or above the primary one.

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The parts of an Electron `Display` the placement needs. */
export interface DisplayArea {
  bounds: Rect;
  /** The bounds minus the menu bar, taskbar, docks and panels. */
  workArea: Rect;
}

export type PopoverPlatform = 'darwin' | 'win32' | 'linux';

/** The screen edge the taskbar (Windows) or the tray's panel (Linux, macOS menu bar) is on. */
export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PopoverPositionInput {
  platform: PopoverPlatform;
  /** `tray.getBounds()`; null or 0×0 where the host does not say (Wayland, some AppIndicator hosts). */
  trayBounds: Rect | null;
  window: Size;
  display: DisplayArea;
  /** `screen.getCursorScreenPoint()`: the best guess of where the icon is when the tray does not say. */
  cursor?: Point;
}

/** Space between the icon (or the taskbar) and the popover, so the two read as separate things. */
export const POPOVER_GAP_PX = 4;

export function popoverPosition(input: PopoverPositionInput): Point {
  const { platform, display, window } = input;
  const tray = hasArea(input.trayBounds) ? input.trayBounds : null;
  // Without icon coordinates, the cursor is where the user just clicked: treat it as a 0×0 icon.
  const anchor = tray ?? (input.cursor ? { ...input.cursor, width: 0, height: 0 } : null);

  if (anchor === null) return cornerPosition(platform, display, window);

  // The macOS menu bar is always at the top, whatever the Dock does to the work area.
  const edge = platform === 'darwin' ? 'top' : taskbarEdge(display, anchor, platform);
  return clampToWorkArea(besideAnchor(edge, anchor, window, display.workArea), window, display.workArea);
}

/**
 * The edge the taskbar or panel holding the anchor is on. The edges the work area leaves out are
 * the candidates (the nearest to the anchor wins, so a GNOME top bar beats an Ubuntu dock on the
 * left); with nothing left out (an auto-hiding taskbar) it is the display edge nearest the anchor.
 * Without an anchor, the platform's usual place breaks the tie.
 */
export function taskbarEdge(display: DisplayArea, anchor: Rect | null, platform: PopoverPlatform): TaskbarEdge {
  const reserved = reservedEdges(display);
  const preferred: TaskbarEdge = platform === 'win32' ? 'bottom' : 'top';
  if (anchor === null) return reserved.includes(preferred) ? preferred : (reserved[0] ?? preferred);

  const candidates: readonly TaskbarEdge[] = reserved.length > 0 ? reserved : EDGES;
  const centre = centreOf(anchor);
  let best: TaskbarEdge = candidates[0] ?? preferred;
  for (const edge of candidates) {
    if (distanceToEdge(centre, display.bounds, edge) < distanceToEdge(centre, display.bounds, best)) best = edge;
  }
  return best;
}

/**
 * The display a tray icon (or the cursor) is on: the one containing the point (a rect's centre),
 * else the nearest one, as when the tray reports coordinates just off a display's edge.
 * Undefined only for an empty list.
 */
export function displayFor<D extends { bounds: Rect }>(anchor: Rect | Point, displays: readonly D[]): D | undefined {
  const point = 'width' in anchor ? centreOf(anchor) : anchor;
  let nearest: D | undefined;
  let nearestDistance = Infinity;
  for (const display of displays) {
    if (contains(display.bounds, point)) return display;
    const distance = distanceToRect(point, display.bounds);
    if (distance < nearestDistance) {
      nearest = display;
      nearestDistance = distance;
    }
  }
  return nearest;
}

// Bottom first: with ties in a corner, it is where Windows and KDE put the taskbar by default.
const EDGES: readonly TaskbarEdge[] = ['bottom', 'top', 'left', 'right'];

function reservedEdges({ bounds, workArea }: DisplayArea): TaskbarEdge[] {
  const edges: TaskbarEdge[] = [];
  if (bottom(workArea) < bottom(bounds)) edges.push('bottom');
  if (workArea.y > bounds.y) edges.push('top');
  if (workArea.x > bounds.x) edges.push('left');
  if (right(workArea) < right(bounds)) edges.push('right');
  return edges;
}

/** Opens away from the taskbar, centred on the anchor along it. */
function besideAnchor(edge: TaskbarEdge, anchor: Rect, window: Size, workArea: Rect): Point {
  const centre = centreOf(anchor);
  const alongX = centre.x - window.width / 2;
  const alongY = centre.y - window.height / 2;
  // Measured from the taskbar's inner edge when the icon is inside the taskbar, so the popover
  // clears the whole taskbar and not just the icon; an auto-hidden taskbar has no inner edge.
  switch (edge) {
    case 'top':
      return { x: alongX, y: Math.max(bottom(anchor), workArea.y) + POPOVER_GAP_PX };
    case 'bottom':
      return { x: alongX, y: Math.min(anchor.y, bottom(workArea)) - POPOVER_GAP_PX - window.height };
    case 'left':
      return { x: Math.max(right(anchor), workArea.x) + POPOVER_GAP_PX, y: alongY };
    case 'right':
      return { x: Math.min(anchor.x, right(workArea)) - POPOVER_GAP_PX - window.width, y: alongY };
  }
}

/** No icon, no cursor: the corner of the work area where the platform's tray usually is. */
function cornerPosition(platform: PopoverPlatform, display: DisplayArea, window: Size): Point {
  const { workArea } = display;
  const edge = platform === 'darwin' ? 'top' : taskbarEdge(display, null, platform);
  // Windows keeps its tray at the bottom unless the taskbar is at the top; Linux panels the other way round.
  const atBottom = platform === 'win32' ? edge !== 'top' : edge === 'bottom';
  const position = {
    x: right(workArea) - POPOVER_GAP_PX - window.width,
    y: atBottom ? bottom(workArea) - POPOVER_GAP_PX - window.height : workArea.y + POPOVER_GAP_PX,
  };
  return clampToWorkArea(position, window, workArea);
}

/**
 * Whole pixels inside the work area. A window larger than the work area keeps its top-left
 * corner inside it, so the popover's header and controls stay reachable.
 */
function clampToWorkArea(position: Point, window: Size, workArea: Rect): Point {
  return {
    x: clamp(Math.round(position.x), Math.ceil(workArea.x), Math.floor(right(workArea) - window.width)),
    y: clamp(Math.round(position.y), Math.ceil(workArea.y), Math.floor(bottom(workArea) - window.height)),
  };
}

function clamp(value: number, min: number, max: number): number {
  return max < min ? min : Math.min(Math.max(value, min), max);
}

function hasArea(rect: Rect | null): rect is Rect {
  return rect !== null && rect.width > 0 && rect.height > 0;
}

function centreOf(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

function right(rect: Rect): number {
  return rect.x + rect.width;
}

function bottom(rect: Rect): number {
  return rect.y + rect.height;
}

function distanceToEdge(point: Point, bounds: Rect, edge: TaskbarEdge): number {
  switch (edge) {
    case 'top':
      return Math.abs(point.y - bounds.y);
    case 'bottom':
      return Math.abs(bottom(bounds) - point.y);
    case 'left':
      return Math.abs(point.x - bounds.x);
    case 'right':
      return Math.abs(right(bounds) - point.x);
  }
}

/** Right and bottom edges excluded, so a point on an edge two displays share belongs to one of them. */
function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x < right(rect) && point.y >= rect.y && point.y < bottom(rect);
}

function distanceToRect(point: Point, rect: Rect): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - right(rect));
  const dy = Math.max(rect.y - point.y, 0, point.y - bottom(rect));
  return Math.hypot(dx, dy);
}
