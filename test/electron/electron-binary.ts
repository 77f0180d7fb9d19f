// Finds the Electron binary without triggering the electron package's on-demand download
// (requiring `electron` from Node downloads it, which fails offline).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function findElectronBinary(): string | null {
  const pkg = resolve('node_modules/electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_REASON =
  'Electron binary not installed (node_modules/electron/dist is missing; this machine cannot download it). ' +
  'Run "npx install-electron" where the network allows, then "npm run test:browser".';
