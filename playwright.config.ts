import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright's own browser download is not available everywhere (it is not in CI here), so
// the browser tests drive a system Chromium: PULSEBAR_CHROMIUM, else Debian's /usr/bin/chromium,
// else whatever Playwright has installed itself.
const systemChromium = process.env['PULSEBAR_CHROMIUM'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test',
  outputDir: 'test-results',
  forbidOnly: !!process.env['CI'],
  reporter: process.env['CI'] ? 'list' : [['list']],
  workers: 2,
  projects: [
    {
      name: 'chromium',
      testDir: 'test/browser',
      use: {
        launchOptions: {
          ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    {
      // Runs the packaged app in real Electron; skips (and says why) where no binary exists.
      name: 'electron',
      testDir: 'test/electron',
    },
  ],
});
