// Runs the CLI in-process with captured output, the way bin/pulsebar.js does for real.
import { runCli } from '../../electron/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runPulsebar(
  argv: string[],
  options: { env?: Record<string, string | undefined>; now?: Date; waitForStop?: () => Promise<void>; onStdout?: (text: string) => void } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env: options.env ?? {},
    stdout: (text) => {
      stdout += text;
      options.onStdout?.(text);
    },
    stderr: (text) => (stderr += text),
    fetch: globalThis.fetch,
    now: () => options.now ?? new Date(),
    waitForStop: options.waitForStop ?? (() => Promise.resolve()),
  });
  return { code, stdout, stderr };
}
