import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/electron/**', 'test/renderer/**', 'node_modules/**'],
        },
      },
      {
        // The renderer's lib/ helpers. They format with Intl in the default locale, which Node
        // fixes when it starts (from LC_ALL or LANG; not on Windows, which asks the system):
        // these tests run in processes started in en-US, the UI's language, whatever the
        // developer's locale. The local zone is UTC unless a test sets TZ (useZone in
        // test/renderer/helpers.ts).
        extends: true,
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          env: { LC_ALL: 'en_US.UTF-8', TZ: 'UTC' },
        },
      },
    ],
  },
});
