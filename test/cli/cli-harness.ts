// Runs the CLI in-process with captured output, the way bin/pulsebar.js does for real.
import { runCli } from '../../electron/cli';
import { systemClock, type Clock } from '../../electron/core/poller/clock';

/** The real timers, with time fixed at `at` when given. */
export function clockAt(at?: Date): Clock {
  return at === undefined ? systemClock : { ...systemClock, now: () => at };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runPulsebar(
  argv: string[],
  options: { env?: Record<string, string | undefined>; now?: Date; clock?: Clock; waitForStop?: () => Promise<void>; onStdout?: (text: string) => void } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: options.env ?? {},
    platform: process.platform,
    homeDir: '/nonexistent-home',
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => (stderr += text),
    fetch: globalThis.fetch,
    clock: options.clock ?? clockAt(options.now),
    waitForStop: options.waitForStop ?? (() => Promise.resolve()),
  });
  return { code, stdout, stderr };
}
