// With the key "sk-SECRET-123", no error of any kind may carry it anywhere: message, String(),
// JSON, stack, own properties, or its cause chain, even when the server or the fetch
// implementation puts the key (or the URL holding it) into what they say.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { StatsError } from '../../../electron/core/stats/errors';
import type { StatsErrorKind } from '../../../electron/core/stats/errors';
import { createRoboflowSource } from '../../../electron/core/stats/roboflow-source';
import { fakeFetch, json, loadSeed, streamBody, text, WINDOW } from './helpers';

const KEY = 'sk-SECRET-123';

/** Every answer below echoes the key or the URL that carries it. */
const scenarios: ReadonlyArray<[StatsErrorKind, string, (url: string) => Response | Promise<Response>]> = [
  ['auth', '401 echoing the key', () => json({ error: { message: `Invalid key ${KEY}`, hint: `key ${KEY} revoked` } }, 401)],
  ['auth', '403 echoing the URL', (url) => json({ error: `no access for ${url}` }, 403)],
  ['not_found', '404', (url) => text(`Cannot GET ${new URL(url).pathname}${new URL(url).search}`, 404)],
  ['plan', '402', () => json({ error: { message: `plan of ${KEY}`, type: KEY, hint: KEY } }, 402)],
  ['plan', '423', () => json({ error: `paused ${encodeURIComponent(KEY)}` }, 423)],
  ['rate_limited', '429', (url) => json({ error: `slow down ${url}` }, 429, { 'retry-after': '5' })],
  ['server', '500', () => json({ error: KEY }, 500)],
  ['server', 'HTML 502', () => text(`<html><head><title>502 for ${KEY}</title></head></html>`, 502, 'text/html')],
  ['server', '400', (url) => json({ error: { message: `bad query ${new URL(url).search}` } }, 400)],
  [
    'network',
    'fetch rejecting with the URL in its message and cause',
    (url) => Promise.reject(new TypeError(`fetch failed: ${url}`, { cause: Object.assign(new Error(`connect ECONNREFUSED ${url} ${KEY}`), { code: 'ECONNREFUSED' }) })),
  ],
  ['timeout', 'hanging fetch', () => new Promise<Response>(() => undefined)],
  ['bad_response', 'non-JSON echoing the key', () => text(`${KEY} is not valid here`, 200)],
  ['bad_response', 'a bad field holding the key', () => json({ ...loadSeed(), num_inferences: KEY })],
  ['bad_response', 'a bad field holding the URL', (url) => json({ inference_stats: [{ model_name: 'm', predicted_class: '', avg_confidence: url }] })],
  ['bad_response', 'a stream that fails with the key', () => new Response(streamBody(['{"a":'], 'error'), { status: 200 })],
  ['bad_response', 'HTML 200', () => text(`<title>${KEY}</title>`, 200, 'text/html')],
  // Keys straddling the points where long texts are clipped: redaction must come first.
  ['bad_response', 'a bad value clipped through the key', () => json({ ...loadSeed(), num_inferences: `${'x'.repeat(35)}${KEY}` })],
  ['bad_response', 'non-JSON clipped through the key', () => text(`${'y'.repeat(35)}${KEY}`, 200)],
  ['bad_response', 'HTML title clipped through the key', () => text(`<title>${'t'.repeat(115)}${KEY}</title>`, 200, 'text/html')],
  ['server', 'error text clipped through the key', () => text(`${'z'.repeat(295)}${KEY}`, 500)],
  ['network', 'a long network message clipped through the key', () => Promise.reject(new TypeError('fetch failed', { cause: new Error(`${'w'.repeat(155)}${KEY}`) }))],
];

/** Everything an error could show, in every way it could be shown. */
function everyTextOf(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === undefined || error === null) return [];
  if (typeof error !== 'object') return [String(error)];
  const texts = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
  if (error instanceof Error) texts.push(error.message, error.stack ?? '', error.name);
  for (const key of Reflect.ownKeys(error)) {
    const value: unknown = (error as Record<PropertyKey, unknown>)[key];
    texts.push(...(key === 'cause' ? everyTextOf(value, depth + 1) : [String(value)]));
  }
  if (error instanceof Error && error.cause !== undefined) texts.push(...everyTextOf(error.cause, depth + 1));
  return texts;
}

describe('no error text ever contains the API key', () => {
  it.each(scenarios)('%s (%s)', async (kind, _name, respond) => {
    const fake = fakeFetch((url) => respond(url));
    const source = createRoboflowSource({ baseUrl: 'https://api.roboflow.com', workspace: 'acme', apiKey: KEY, fetch: fake.fetch, timeoutMs: 30 });
    const error: unknown = await source.fetchStats({ window: WINDOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatsError);
    expect((error as StatsError).kind).toBe(kind);
    expect(fake.calls[0]?.url).toContain(`api_key=${KEY}`); // the key did travel, so the test means something
    const texts = everyTextOf(error);
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) {
      expect(t).not.toContain(KEY);
      expect(t).not.toContain('SECRET'); // no fragment either (a clip through the key)
      expect(t).not.toMatch(/sk-S/);
    }
  });

  it('covers every kind', () => {
    const kinds: StatsErrorKind[] = ['auth', 'not_found', 'plan', 'rate_limited', 'server', 'network', 'timeout', 'bad_response'];
    expect(new Set(scenarios.map(([kind]) => kind))).toEqual(new Set(kinds));
  });
});
