import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ICON_SIZES, makeIcons, withAttrs } from '../../scripts/make-icons';
import { TRAY_STATES } from '../../electron/shell/tray-state';

interface Png {
  readonly width: number;
  readonly height: number;
  /** Straight (not premultiplied) RGBA, row by row. */
  readonly rgba: Buffer;
}

/** Just enough of a PNG reader for what resvg writes: 8-bit RGBA, not interlaced. */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect({ bitDepth: data[8], colourType: data[9], interlace: data[12] }).toEqual({ bitDepth: 8, colourType: 6, interlace: 0 });
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? 0];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      rgba[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Every file the generator must write, relative to the output root, with its pixel size. */
function expectedFiles(): Map<string, number> {
  const files = new Map<string, number>();
  for (const state of TRAY_STATES) {
    files.set(`tray/${state}Template.png`, 16);
    files.set(`tray/${state}Template@2x.png`, 32);
    for (const look of ['light', 'dark']) {
      files.set(`tray/${state}-${look}.png`, 16);
      files.set(`tray/${state}-${look}@2x.png`, 32);
    }
  }
  files.set('build/icon.png', 512);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) files.set(`build/icons/${size}x${size}.png`, size);
  return files;
}

let first = '';
let second = '';
let written: string[] = [];

beforeAll(() => {
  first = mkdtempSync(join(tmpdir(), 'pulsebar-icons-'));
  second = mkdtempSync(join(tmpdir(), 'pulsebar-icons-'));
  written = makeIcons({ trayDir: join(first, 'tray'), buildDir: join(first, 'build') });
  makeIcons({ trayDir: join(second, 'tray'), buildDir: join(second, 'build') });
});

afterAll(() => {
  for (const dir of [first, second]) rmSync(dir, { recursive: true, force: true });
});

describe('make-icons', () => {
  it('writes exactly the expected files, each at its pixel size', () => {
    const expected = expectedFiles();
    expect(written.map((path) => relative(first, path).split('\\').join('/')).sort()).toEqual([...expected.keys()].sort());
    for (const [file, size] of expected) {
      const png = readPng(readFileSync(join(first, file)));
      expect({ file, width: png.width, height: png.height }).toEqual({ file, width: size, height: size });
    }
    expect(APP_ICON_SIZES).toEqual([16, 32, 48, 64, 128, 256, 512]);
  });

  it('makes macOS templates of black pixels only (any alpha), and never empty', () => {
    for (const [file] of expectedFiles()) {
      if (!file.includes('Template')) continue;
      const { rgba } = readPng(readFileSync(join(first, file)));
      let opaque = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3] === 0) continue;
        opaque++;
        expect([file, rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([file, 0, 0, 0]);
      }
      expect(opaque, file).toBeGreaterThan(20);
    }
  });

  it('gives every state its own picture in every look', () => {
    for (const suffix of ['Template.png', 'Template@2x.png', '-light.png', '-dark.png', '-light@2x.png', '-dark@2x.png']) {
      const pictures = TRAY_STATES.map((state) => readPng(readFileSync(join(first, 'tray', `${state}${suffix}`))).rgba.toString('base64'));
      expect(new Set(pictures).size, suffix).toBe(TRAY_STATES.length);
    }
  });

  it('colours the badges on taskbar variants: amber warning, red critical, blue demo', () => {
    const dominantHue = (file: string) => {
      const { rgba } = readPng(readFileSync(join(first, 'tray', file)));
      const totals = [0, 0, 0];
      for (let i = 0; i < rgba.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = rgba.subarray(i, i + 4);
        // Only saturated pixels: the grey mark says nothing about the badge.
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 80) {
          totals[0]! += r;
          totals[1]! += g;
          totals[2]! += b;
        }
      }
      return totals.indexOf(Math.max(...totals));
    };
    for (const look of ['light', 'dark']) {
      expect(dominantHue(`critical-${look}@2x.png`)).toBe(0);
      expect(dominantHue(`demo-${look}@2x.png`)).toBe(2);
      const { rgba } = readPng(readFileSync(join(first, 'tray', `warning-${look}@2x.png`)));
      const amber = [...Array(rgba.length / 4).keys()].some((p) => rgba[p * 4]! > 200 && rgba[p * 4 + 1]! > 100 && rgba[p * 4 + 2]! < 60);
      expect(amber, look).toBe(true);
    }
  });

  it('is deterministic: the same bytes twice', () => {
    for (const [file] of expectedFiles()) {
      expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file))), file).toBe(true);
    }
  });

  it('matches the committed PNGs (run `npm run icons` after changing the SVG or the script)', () => {
    const root = join(import.meta.dirname, '../..');
    for (const [file] of expectedFiles()) {
      const committed = file.startsWith('tray/') ? join(root, 'resources/icons', file) : join(root, file);
      expect(readFileSync(committed).equals(readFileSync(join(first, file))), file).toBe(true);
    }
  });

  it('says which element is missing when the SVG no longer has an id the script edits', () => {
    expect(() => withAttrs('<svg><g id="mark"/></svg>', 'pulse', { d: 'M0 0' })).toThrow(/no element with id="pulse"/);
    expect(withAttrs('<svg><path id="pulse" d="M1 1"/></svg>', 'pulse', { d: 'M0 0', mask: 'url(#m)' })).toBe(
      '<svg><path id="pulse" d="M0 0" mask="url(#m)"/></svg>',
    );
  });
});
