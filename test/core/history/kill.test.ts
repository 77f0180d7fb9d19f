// A writing process is SIGKILLed at random moments, 20 times. After each kill the database must
// pass SQLite's integrity check and hold every poll whose writes had returned (WAL with
// synchronous = NORMAL: a committed transaction survives the death of the process).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../../electron/core/history/open-history';
import { tempDir } from './helpers';

const WRITER = fileURLToPath(new URL('./kill-writer.ts', import.meta.url));
const RUNS = 20;

interface Printed {
  readonly id: number;
  readonly startedAt: number;
}

/** Starts the writer, kills it `delayMs` after it is ready (and has written a poll); returns what it printed. */
function writeThenKill(path: string, run: number, delayMs: number): Promise<{ printed: Printed[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const fallback = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (timer === undefined && stdout.includes('poll ')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(fallback);
      if (timer !== undefined) clearTimeout(timer);
      const printed = [...stdout.matchAll(/^poll (\d+) (\d+)$/gm)].map((match) => ({ id: Number(match[1]), startedAt: Number(match[2]) }));
      resolve({ printed, signal, stderr });
    });
  });
}

describe('a writer killed at random moments', () => {
  it(`keeps the file sound and every returned write, over ${RUNS} kills`, async () => {
    const path = join(tempDir(), 'history.db');
    const all: Printed[] = [];
    const delays: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const delay = Math.floor(Math.random() * 250);
      delays.push(delay);
      const { printed, signal, stderr } = await writeThenKill(path, run, delay);
      expect(stderr, `run ${run} (kill after ${delay} ms) wrote to stderr`).toBe('');
      expect(signal, `run ${run}`).toBe('SIGKILL');
      expect(printed.length, `run ${run}`).toBeGreaterThan(0);
      all.push(...printed);

      const db = new Database(path);
      expect(db.prepare('PRAGMA integrity_check').raw().all().flat(), `run ${run}, delays ${delays.join(',')}`).toEqual(['ok']);
      db.close();
      const store = openHistory(path);
      try {
        const snapshotIds = new Set(store.snapshots({ start: new Date(0), end: new Date(8.64e15) }).map((s) => s.id));
        const polls = store.availability({ start: new Date(0), end: new Date(8.64e15) }).polls;
        expect(all.filter((poll) => !snapshotIds.has(poll.id)), `run ${run}: printed polls missing`).toEqual([]);
        expect(polls).toBeGreaterThanOrEqual(all.length);
        for (const poll of printed.slice(-3)) expect(store.snapshotAt(new Date(poll.startedAt + 500))?.id).toBe(poll.id);
      } finally {
        store.close();
      }
    }
    // Retention ran between the kills too: hours rolled up, days archived.
    const db = new Database(path);
    expect((db.prepare('SELECT count(*) FROM snapshots WHERE payload IS NULL').raw().get() as number[])[0]).toBeGreaterThan(0);
    expect((db.prepare('SELECT count(*) FROM daily').raw().get() as number[])[0]).toBeGreaterThan(0);
    db.close();
  }, 120_000);
});
