// electron-builder.yml, checked without building: installers need downloads (the Electron
// binary, AppImage and NSIS tools) that cannot happen here, so the config is read by
// electron-builder's own loader, validated against its own schema and matched with its own
// file matcher, which is what a real build would do with it.
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME } from '../../electron/core/data-dir';
import { TRAY_STATES } from '../../electron/shell/tray-state';
import { bundledScenarioNames } from '../../electron/sim/scenario';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TRAY_DIR = 'resources/icons/tray';
const APP_ICON = 'build/icon.png';
const LINUX_ICONS = 'build/icons';
const ICONS_NOT_GENERATED = 'not generated yet: `npx tsx scripts/make-icons.ts` writes them';

// electron-builder's internals are reached through its own dependency tree (app-builder-lib is
// its dependency, not ours), and typed here only as far as this test uses them.
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: object): Promise<void>;
}
type FileFilter = (file: string, stat: Stats) => boolean;
interface FileMatcher {
  readonly from: string;
  readonly to: string;
  readonly patterns: readonly string[];
  createFilter(): FileFilter;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, macroExpander: (pattern: string) => string, patterns: readonly string[]) => FileMatcher;
  getFileMatchers(
    config: Configuration,
    name: 'files' | 'extraResources' | 'asarUnpack',
    defaultDestination: string,
    options: { macroExpander: (pattern: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string },
  ): FileMatcher[] | null;
}
interface BuilderUtil {
  DebugLogger: new (isEnabled: boolean) => object;
}

const requireHere = createRequire(import.meta.url);
const requireFromBuilder = createRequire(requireHere.resolve('electron-builder/package.json'));
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
const fileMatcherModule = requireFromBuilder('app-builder-lib/out/fileMatcher') as FileMatcherModule;
const { DebugLogger } = requireFromBuilder('builder-util') as BuilderUtil;

const config = await configModule.getConfig(ROOT, null, null);
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

// A stand-in for the app's Resources folder: extraResources land under it.
const RESOURCES = resolve(ROOT, '__resources__');
const identity = (pattern: string): string => pattern;
const matcherOptions = { macroExpander: identity, customBuildOptions: {}, globalOutDir: join(ROOT, 'dist'), defaultSrc: ROOT };

function matchers(name: 'files' | 'extraResources' | 'asarUnpack', destination: string): FileMatcher[] {
  return fileMatcherModule.getFileMatchers(config, name, destination, matcherOptions) ?? [];
}

/** Files under `dir` (repository-relative or absolute), skipping dependencies, VCS and build output of other tools. */
function walk(dir: string): string[] {
  const absolute = resolve(ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((entry) => !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(entry))
    .map((entry) => join(absolute, entry))
    .filter((file) => statSync(file).isFile());
}

/** Whether `filter` lets the file at `path` (relative to ROOT) through, as electron-builder would when copying. */
function passes(filter: FileFilter, path: string): boolean {
  const file = join(ROOT, path);
  const stat = existsSync(file) ? statSync(file) : ({ isDirectory: () => false } as Stats);
  return filter(file, stat);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is not a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The literal directory a pattern starts with ("out" for "out/**\/*"), or null for a plain path. */
function literalBase(pattern: string): string | null {
  const magic = pattern.search(/[*?[{]/);
  if (magic === -1) return null;
  return pattern.slice(0, magic).replace(/\/$/, '');
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(configModule.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app as the data folder expects', () => {
    expect(config.appId).toBe('com.pulsebar.app');
    // userData is named after productName, and the CLI reads the app's history from there.
    expect(config.productName).toBe(APP_DIR_NAME);
    expect(packageJson['productName']).toBe(APP_DIR_NAME);
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
  });

  it('does not rebuild native modules: libsql ships N-API prebuilds', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('keeps the copy lists global, so every platform gets the same files', () => {
    for (const platform of [config.mac, config.win, config.linux]) {
      expect(platform?.files).toBeUndefined();
      expect(platform?.extraResources).toBeUndefined();
      expect(platform?.asarUnpack).toBeUndefined();
    }
  });

  describe('files (the app.asar)', () => {
    const [appFiles, ...others] = matchers('files', '/app');
    const filter = appFiles!.createFilter();

    it('is one list of patterns, with no from/to mappings', () => {
      expect(appFiles).toBeDefined();
      expect(others).toEqual([]);
    });

    it('holds the build output and package.json, whose main is in it', () => {
      expect(appFiles!.patterns).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
      expect(passes(filter, 'package.json')).toBe(true);
      expect(typeof packageJson['main']).toBe('string');
      expect(passes(filter, packageJson['main'] as string)).toBe(true);
    });

    it('holds every folder electron-vite builds into', () => {
      const viteConfig = readFileSync(join(ROOT, 'electron.vite.config.ts'), 'utf8');
      const outDirs = [...viteConfig.matchAll(/outDir:\s*'([^']+)'/g)].map((match) => match[1]!);
      expect(outDirs).toHaveLength(3);
      for (const dir of outDirs) expect(passes(filter, `${dir}/index.js`), dir).toBe(true);
    });

    it.each([
      'electron/main.ts',
      'electron/core/data-dir.ts',
      'renderer/index.html',
      'test/packaging/electron-builder-config.test.ts',
      'bench/run.ts',
      'docs/architecture.md',
      'bin/pulsebar.js',
      'scenarios/demo.json',
      'README.md',
      'electron-builder.yml',
      'out/main/index.js.map',
      'node_modules/tsx/package.json',
      'node_modules/esbuild/package.json',
    ])('leaves out %s', (path) => {
      expect(passes(filter, path)).toBe(false);
    });

    // A typo in a pattern copies nothing and fails nowhere: each pattern must name real files.
    it.for(appFiles!.patterns.filter((pattern) => !pattern.startsWith('!')))('pattern %s matches files in the repository', (pattern, context) => {
      const base = literalBase(pattern);
      if (base === 'out') context.skip(!existsSync(join(ROOT, 'out')), 'out/ is build output: `npm run build` creates it');
      const single = new fileMatcherModule.FileMatcher(ROOT, '/app', identity, [pattern]).createFilter();
      const candidates = base === null ? [join(ROOT, pattern)].filter((file) => existsSync(file)) : walk(base);
      expect(candidates.filter((file) => single(file, statSync(file))).length).toBeGreaterThan(0);
    });

    it.each(appFiles!.patterns.filter((pattern) => pattern.startsWith('!node_modules/')))('exclusion %s names an installed package', (pattern) => {
      expect(existsSync(join(ROOT, literalBase(pattern.slice(1)) ?? pattern.slice(1)))).toBe(true);
    });

    it('leaves out only what the app never loads (tsx and esbuild are for the CLI)', (context) => {
      const main = join(ROOT, packageJson['main'] as string);
      context.skip(!existsSync(main), 'out/ is build output: `npm run build` creates it');
      expect(readFileSync(main, 'utf8')).not.toMatch(/["'](tsx|esbuild)(\/[^"']*)?["']/);
    });
  });

  describe('extraResources (read from disk at run time)', () => {
    const resources = matchers('extraResources', RESOURCES).map((matcher) => ({
      from: relative(ROOT, matcher.from).replaceAll('\\', '/'),
      to: relative(RESOURCES, matcher.to).replaceAll('\\', '/'),
      matcher,
    }));
    const resource = (from: string) => resources.find((entry) => entry.from === from);

    it('copies the scenarios to process.resourcesPath/scenarios and the tray icons to process.resourcesPath/icons/tray', () => {
      expect(resources.map(({ from, to }) => ({ from, to }))).toEqual([
        { from: 'scenarios', to: 'scenarios' },
        { from: TRAY_DIR, to: 'icons/tray' },
      ]);
    });

    it('says so in docs/desktop.md, where the shell code looks it up', () => {
      const doc = readFileSync(join(ROOT, 'docs/desktop.md'), 'utf8');
      for (const { to } of resources) expect(doc).toContain(`process.resourcesPath/${to}`);
    });

    it('includes every bundled scenario, demo first of all', () => {
      const entry = resource('scenarios')!;
      const filter = entry.matcher.createFilter();
      const names = bundledScenarioNames();
      expect(names).toContain('demo');
      for (const name of names) expect(passes(filter, `scenarios/${name}.json`), name).toBe(true);
      expect(passes(filter, 'scenarios/README.md')).toBe(false);
    });

    it('includes a tray icon for every tray state', (context) => {
      context.skip(!existsSync(join(ROOT, TRAY_DIR)), `${TRAY_DIR} is ${ICONS_NOT_GENERATED}`);
      const filter = resource(TRAY_DIR)!.matcher.createFilter();
      const copied = walk(TRAY_DIR)
        .filter((file) => filter(file, statSync(file)))
        .map((file) => relative(join(ROOT, TRAY_DIR), file));
      for (const state of TRAY_STATES) expect(copied.some((name) => name.startsWith(state)), `an icon for ${state}`).toBe(true);
    });

    it.for(resources.map(({ from }) => from))('%s exists and its filter matches files', (from, context) => {
      if (from === TRAY_DIR) context.skip(!existsSync(join(ROOT, TRAY_DIR)), `${TRAY_DIR} is ${ICONS_NOT_GENERATED}`);
      const filter = resource(from)!.matcher.createFilter();
      expect(walk(from).filter((file) => filter(file, statSync(file))).length).toBeGreaterThan(0);
    });
  });

  describe('asarUnpack', () => {
    const filter = new fileMatcherModule.FileMatcher(ROOT, '', identity, config.asarUnpack as string[]).createFilter();

    it('unpacks native .node files and libsql’s platform packages', () => {
      expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/@libsql/**']));
      for (const path of ['node_modules/@libsql/darwin-arm64/index.node', 'node_modules/@libsql/win32-x64-msvc/package.json', 'node_modules/x/build/Release/y.node']) {
        expect(passes(filter, path), path).toBe(true);
      }
      expect(passes(filter, 'node_modules/libsql/index.js')).toBe(false);
    });

    it('covers the SQLite binding installed here', () => {
      // npm installs only the platform packages that fit this machine.
      const bindings = readdirSync(join(ROOT, 'node_modules/@libsql'))
        .map((pkg) => `node_modules/@libsql/${pkg}/index.node`)
        .filter((path) => existsSync(join(ROOT, path)));
      expect(bindings.length).toBeGreaterThan(0);
      for (const path of bindings) expect(passes(filter, path), path).toBe(true);
    });
  });

  describe('macOS', () => {
    it('is a tray-only developer tool shipped as dmg and zip', () => {
      expect(config.mac?.category).toBe('public.app-category.developer-tools');
      expect(config.mac?.target).toEqual(['dmg', 'zip']);
      // A boolean, not the string "true": Info.plist needs <true/> for LSUIElement to hide the Dock icon.
      expect(config.mac?.extendInfo).toEqual({ LSUIElement: true });
    });
  });

  describe('Windows', () => {
    it('installs per user with NSIS, no administrator rights', () => {
      expect(config.win?.target).toBe('nsis');
      expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
      expect(config.win?.icon).toBe(APP_ICON);
      expect(config.mac?.icon).toBe(APP_ICON);
    });
  });

  describe('Linux', () => {
    const linux = config.linux!;
    const desktopName = (config.extraMetadata?.['desktopName'] ?? packageJson['desktopName']) as string | undefined;

    it('builds an AppImage and a deb in a desktop menu category', () => {
      expect(linux.target).toEqual(['AppImage', 'deb']);
      expect(['Development', 'Utility']).toContain(linux.category);
      expect(linux.synopsis).toBeTruthy();
      // electron-builder writes description into the .desktop Comment, a single line.
      expect(linux.description).toMatch(/^[^\n]{10,100}$/);
    });

    it('has a deb maintainer in "Name <email>" form', () => {
      expect(linux.maintainer).toMatch(/^[^<>]+ <[^<>@\s]+@[^<>@\s]+>$/);
    });

    it('ties the window, the .desktop file and StartupWMClass to one name', () => {
      // Electron derives the Wayland app_id and the X11 WM_CLASS from desktopName; a mismatch
      // leaves the window with a generic icon in docks and task switchers.
      expect(desktopName).toMatch(/\.desktop$/);
      const appId = desktopName!.replace(/\.desktop$/, '');
      expect(linux.desktop?.entry?.['StartupWMClass']).toBe(appId);
      expect(linux.desktop?.entry?.['Name']).toBe(config.productName);
      expect(linux.executableName).toBe(appId);
      expect(linux.syncDesktopName).toBe(true);
    });

    it('depends on libnotify and an AppIndicator library, keeping electron-builder’s defaults', () => {
      const depends = config.deb?.depends ?? [];
      // Setting depends replaces electron-builder's defaults (FpmTarget.getDefaultDepends), so they must be listed too.
      for (const pkg of ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']) {
        expect(depends).toContain(pkg);
      }
      const indicator = depends.find((dep) => dep.includes('appindicator'));
      expect(indicator?.split('|').map((alt) => alt.trim())).toEqual(
        expect.arrayContaining(['libayatana-appindicator3-1', 'libappindicator3-1']),
      );
    });

    it('gives the deb the project homepage it requires', (context) => {
      const homepage = (config.extraMetadata?.['homepage'] ?? packageJson['homepage']) as string | undefined;
      const repository = packageJson['repository'];
      context.skip(
        homepage === undefined && repository === undefined,
        'package.json has no homepage (or GitHub repository): the deb target stops with "Please specify project homepage" until one is added',
      );
      expect(homepage ?? repository).toBeTruthy();
    });
  });

  describe('icons', () => {
    it(`${APP_ICON} is a square PNG of at least 512 px (macOS needs 512 for the icns, Windows 256 for the ico)`, (context) => {
      const file = join(ROOT, APP_ICON);
      context.skip(!existsSync(file), `${APP_ICON} is ${ICONS_NOT_GENERATED}`);
      const { width, height } = pngSize(file);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    });

    it(`${LINUX_ICONS}/ holds NxN.png files of the size their names say, up to at least 256 px`, (context) => {
      context.skip(!existsSync(join(ROOT, LINUX_ICONS)), `${LINUX_ICONS}/ is ${ICONS_NOT_GENERATED}`);
      expect(config.linux?.icon).toBe(LINUX_ICONS);
      const files = readdirSync(join(ROOT, LINUX_ICONS)).filter((name) => name.endsWith('.png'));
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        // electron-builder reads the size from the name (collectIconsFromDir), not from the file.
        const match = /^(\d+)x(\d+)\.png$/.exec(name);
        expect(match, `${name} is not named NxN.png`).not.toBeNull();
        expect(pngSize(join(ROOT, LINUX_ICONS, name)), name).toEqual({ width: Number(match![1]), height: Number(match![2]) });
      }
      expect(Math.max(...files.map((name) => Number.parseInt(name, 10)))).toBeGreaterThanOrEqual(256);
    });
  });
});
