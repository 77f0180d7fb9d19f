// The real bin/pulsebar.js in child processes, for the end-to-end tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

export const BIN = 'bin/pulsebar.js';
const execFileAsync = promisify(execFile);

export interface RunningBin {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout and stderr; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

export function startBin(args: string[], env: NodeJS.ProcessEnv = process.env): RunningBin {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    child,
    output: () => out,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out);
          if (match) resolve(match);
        };
        listeners.push(check);
        child.once('exit', (code) => reject(new Error(`pulsebar ${args[0]} exited ${code} before ${pattern}: ${out}`)));
        check();
      }),
  };
}

/** Runs the bin to completion; a non-zero exit is a result, not a rejection. */
export async function runBin(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await execFileAsync(process.execPath, [BIN, ...args], { env })) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
