// Renders every tray icon and the app icon from the one mark in resources/icons/pulsebar.svg.
// Run: tsx scripts/make-icons.ts. The PNGs are committed, so the app build never needs resvg.
// State variants are the same SVG with a few attributes changed and a badge added, so the
// states cannot drift apart from the mark.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { TRAY_STATES, type TrayState } from '../electron/shell/tray-state';

/** template: macOS menu bar (black + alpha, macOS tints it); light/dark: the taskbar it sits on. */
export type IconLook = 'template' | 'light' | 'dark';

export interface IconJob {
  readonly dir: 'tray' | 'build';
  readonly file: string;
  readonly size: number;
  readonly svg: string;
}

interface Palette {
  readonly ink: string;
  readonly muted: string;
  readonly warning: string;
  readonly critical: string;
  readonly demo: string;
}

// Darker shades on light taskbars, lighter ones on dark taskbars, for contrast either way.
const PALETTES: Readonly<Record<IconLook, Palette>> = {
  template: { ink: '#000000', muted: '#000000', warning: '#000000', critical: '#000000', demo: '#000000' },
  light: { ink: '#1f2937', muted: '#6b7280', warning: '#d97706', critical: '#dc2626', demo: '#2563eb' },
  dark: { ink: '#f3f4f6', muted: '#9ca3af', warning: '#fbbf24', critical: '#f87171', demo: '#60a5fa' },
};

// Badges fill the bottom-right quarter (16..32 on the 32-unit grid) and are told apart by
// silhouette, not colour, so the monochrome macOS templates carry the state too. The mark is
// cut back around the badge (by GAP units) so the two never merge into one blob at 16 px.
// Paths, not text: no font needed, and the same pixels on every machine.
const BADGES: Readonly<Partial<Record<TrayState, string>>> = {
  warning: '<rect x="22" y="16" width="6" height="10" rx="1.5"/><rect x="22" y="28" width="6" height="4" rx="1.5"/>',
  critical: '<circle cx="24" cy="24" r="7.5"/>',
  paused: '<rect x="18" y="16" width="4" height="14"/><rect x="26" y="16" width="4" height="14"/>',
  demo: '<path fill-rule="evenodd" d="M18 16h5a7 7 0 0 1 0 14h-5z M22 20v6h1a3 3 0 0 0 0-6z"/>',
};
const GAP = 2;

/** The flat, broken line that replaces the pulse while Pulsebar cannot reach Roboflow. */
const OFFLINE_PULSE = 'M8 17h5M19 17h5';

export const SOURCE_SVG = fileURLToPath(new URL('../resources/icons/pulsebar.svg', import.meta.url));

/** Sets attributes on the element with this id; throws if the source no longer has it. */
export function withAttrs(svg: string, id: string, attrs: Readonly<Record<string, string>>): string {
  const tag = new RegExp(`<[a-zA-Z]+\\s[^>]*\\bid="${id}"[^>]*>`).exec(svg);
  if (!tag) throw new Error(`make-icons: ${SOURCE_SVG} has no element with id="${id}"; restore it or update the script.`);
  let element = tag[0];
  for (const [name, value] of Object.entries(attrs)) {
    const existing = new RegExp(`\\s${name}="[^"]*"`);
    const attr = ` ${name}="${value}"`;
    element = existing.test(element) ? element.replace(existing, attr) : element.replace(/\s*(\/?)>$/, `${attr}$1>`);
  }
  return svg.slice(0, tag.index) + element + svg.slice(tag.index + tag[0].length);
}

function append(svg: string, fragment: string): string {
  const end = svg.lastIndexOf('</svg>');
  if (end < 0) throw new Error(`make-icons: ${SOURCE_SVG} is not an SVG document (no </svg>).`);
  return `${svg.slice(0, end)}${fragment}\n${svg.slice(end)}`;
}

function badgeColour(state: TrayState, palette: Palette): string {
  if (state === 'warning') return palette.warning;
  if (state === 'critical') return palette.critical;
  if (state === 'demo') return palette.demo;
  return palette.ink;
}

/** The source SVG for one tray state on one kind of menu bar or taskbar. */
export function trayStateSvg(source: string, state: TrayState, look: IconLook): string {
  const palette = PALETTES[look];
  let svg = withAttrs(source, 'mark', { stroke: state === 'offline' ? palette.muted : palette.ink });
  if (state === 'offline') svg = withAttrs(svg, 'pulse', { d: OFFLINE_PULSE });
  const badge = BADGES[state];
  if (badge === undefined) return svg;

  svg = withAttrs(svg, 'mark', { mask: 'url(#badge-room)' });
  return append(
    svg,
    `  <mask id="badge-room" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32">` +
      `<rect width="32" height="32" fill="#fff"/>` +
      `<g fill="#000" stroke="#000" stroke-width="${2 * GAP}" stroke-linejoin="miter">${badge}</g></mask>\n` +
      `  <g id="badge" fill="${badgeColour(state, palette)}">${badge}</g>`,
  );
}

/** The app icon: the same mark as a filled tile with a white pulse, a little bolder at large sizes. */
export function appIconSvg(source: string): string {
  let svg = withAttrs(source, 'frame', { fill: 'url(#tile)', stroke: 'none' });
  svg = withAttrs(svg, 'pulse', { stroke: '#ffffff', 'stroke-width': '2.5' });
  return append(
    svg,
    '  <defs><linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">' +
      '<stop offset="0" stop-color="#7c3aed"/><stop offset="1" stop-color="#4f46e5"/></linearGradient></defs>',
  );
}

/** File names the shell loads (electron/shell/tray-icons.ts); nativeImage finds @2x itself. */
export function trayFileName(state: TrayState, look: IconLook, scale: 1 | 2): string {
  const suffix = scale === 2 ? '@2x' : '';
  return look === 'template' ? `${state}Template${suffix}.png` : `${state}-${look}${suffix}.png`;
}

/** electron-builder: build/icon.png for macOS and Windows, build/icons/NxN.png for Linux. */
export const APP_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;

export function iconJobs(source: string): IconJob[] {
  const jobs: IconJob[] = [];
  for (const state of TRAY_STATES) {
    for (const look of ['template', 'light', 'dark'] as const) {
      const svg = trayStateSvg(source, state, look);
      for (const scale of [1, 2] as const) jobs.push({ dir: 'tray', file: trayFileName(state, look, scale), size: 16 * scale, svg });
    }
  }
  const app = appIconSvg(source);
  jobs.push({ dir: 'build', file: 'icon.png', size: 512, svg: app });
  for (const size of APP_ICON_SIZES) jobs.push({ dir: 'build', file: `icons/${size}x${size}.png`, size, svg: app });
  return jobs;
}

export function renderPng(svg: string, size: number): Buffer {
  // No system fonts: the mark has no text, and fonts would make the output machine-dependent.
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  return resvg.render().asPng();
}

export interface MakeIconsOptions {
  readonly sourcePath?: string;
  readonly trayDir: string;
  readonly buildDir: string;
}

/** Writes every icon; returns the paths written. */
export function makeIcons(options: MakeIconsOptions): string[] {
  const source = readFileSync(options.sourcePath ?? SOURCE_SVG, 'utf8');
  const written: string[] = [];
  for (const job of iconJobs(source)) {
    const path = join(job.dir === 'tray' ? options.trayDir : options.buildDir, job.file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderPng(job.svg, job.size));
    written.push(path);
  }
  return written;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const written = makeIcons({ trayDir: join(root, 'resources/icons/tray'), buildDir: join(root, 'build') });
  console.log(`make-icons: wrote ${written.length} PNGs to resources/icons/tray and build/`);
}
