// Everything the CLI touches outside itself, passed in so tests can run it in-process.
import type { Clock } from '../core/poller/clock';

export interface CliIo {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homeDir: string;
  stdout(text: string): void;
  stderr(text: string): void;
  fetch: typeof globalThis.fetch;
  /** Time and timers (the poller schedules on it); tests pass a fixed or simulated clock. */
  clock: Clock;
  /** Resolves when the user asks a long-running command (sim, watch) to stop. */
  waitForStop(): Promise<void>;
  /** Runs a program (notify-send) to completion; rejects when it cannot start or fails. */
  runProgram(file: string, args: readonly string[]): Promise<void>;
}
