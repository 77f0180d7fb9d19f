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
  options: {
    env?: Record<string, string | undefined>;
    now?: Date;
    clock?: Clock;
    waitForStop?: () => Promise<void>;
    onStdout?: (text: string) => void;
    /** Programs the CLI runs (notify-send): recorded here instead of run. */
    programs?: { file: string; args: readonly string[] }[];
  } = {},
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
    runProgram: (file, args) => {
      if (options.programs === undefined) return Promise.reject(new Error(`test: the CLI tried to run ${file}`));
      options.programs.push({ file, args });
      return Promise.resolve();
    },
  });
  return { code, stdout, stderr };
}
