// Everything the CLI touches outside itself, passed in so tests can run it in-process.
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  fetch: typeof globalThis.fetch;
  now(): Date;
  /** Resolves when the user asks a long-running command (sim) to stop. */
  waitForStop(): Promise<void>;
}
