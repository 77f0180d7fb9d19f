#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx pulsebar` works right after install.
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli.ts');
const { systemClock } = await import('../electron/core/poller/clock.ts');

const stop = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  platform: process.platform,
  homeDir: homedir(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: globalThis.fetch,
  clock: systemClock,
  waitForStop: () => stop,
  runProgram: (file, args) =>
    new Promise((resolve, reject) => {
      execFile(file, [...args], { timeout: 10_000 }, (error) => (error ? reject(error) : resolve()));
    }),
});
