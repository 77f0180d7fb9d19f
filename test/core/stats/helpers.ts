// Shared test helpers for the stats client: the seed fixture, a window, and a fake fetch.
import { readFileSync } from 'node:fs';
import type { TimeWindow } from '../../../electron/core/stats/types';

const SEED_PATH = new URL('../../fixtures/seed-example-response.json', import.meta.url);

/** A fresh parse of the seed example each call, so tests may mutate it. */
export function loadSeed(): SeedResponse {
  return JSON.parse(readFileSync(SEED_PATH, 'utf8')) as SeedResponse;
}

export type SeedRow = Record<string, unknown>;
export type SeedResponse = Record<string, unknown> & { inference_stats: SeedRow[] };

export const WINDOW: TimeWindow = { start: new Date('2024-06-01T00:00:00Z'), end: new Date('2024-06-02T00:00:00Z') };

export interface FetchCall {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

/** A fetch that records its calls and answers with `respond`. */
export function fakeFetch(respond: (url: string, init: RequestInit | undefined) => Response | Promise<Response>): {
  fetch: typeof globalThis.fetch;
  calls: FetchCall[];
} {
  const calls: FetchCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const text = (body: string, status: number, contentType = 'text/plain') => new Response(body, { status, headers: { 'content-type': contentType } });

/** A body stream: the given chunks, then `end` ('close', 'error', or 'hang' forever). */
export function streamBody(chunks: readonly string[], end: 'close' | 'error' | 'hang' = 'close'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (end === 'close') controller.close();
      if (end === 'error') controller.error(new TypeError('terminated'));
    },
  });
}

/** An endless body of `chunkBytes`-sized chunks, counting what was pulled. */
export function endlessBody(chunkBytes: number): { body: ReadableStream<Uint8Array>; pulled: () => number; cancelled: () => boolean } {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}
