import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodeLog from 'electron-log/node';
import type mainLog from 'electron-log/main';
import type { LogMessage } from 'electron-log';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { REDACTED } from '../../electron/core/stats/redact';
import { LOG_MAX_BYTES, redactForLog, redactionHook, setupLogging, type LogTarget } from '../../electron/shell/logging';

const KEY = 'AbCdEfGh1234IjKlMnOp';

function fakeLog(): LogTarget {
  return {
    hooks: [],
    transports: {
      file: { level: 'silly', maxSize: 1024 ** 2, resolvePathFn: () => '/default/main.log' },
      console: { level: 'silly' },
    },
  };
}

function message(data: unknown[], extra: Partial<LogMessage> = {}): LogMessage {
  return { data, date: new Date(0), level: 'info', ...extra };
}

describe('redactForLog', () => {
  it('redacts the key and api_key values from strings', () => {
    expect(redactForLog([`key ${KEY} loaded`, 'GET https://api.roboflow.com/ws/inference-stats?api_key=unknown123&x=1'], [KEY])).toEqual([
      `key ${REDACTED} loaded`,
      `GET https://api.roboflow.com/ws/inference-stats?api_key=${REDACTED}&x=1`,
    ]);
    expect(redactForLog([`encoded ${encodeURIComponent('a/b c')}`], ['a/b c'])).toEqual([`encoded ${REDACTED}`]);
  });

  it('turns an Error into its redacted stack, with its message, extra properties and cause', () => {
    const cause = new TypeError(`fetch failed for https://x/?api_key=${KEY}`);
    const error = Object.assign(new Error(`request with ${KEY} failed`, { cause }), { url: `https://x/ws?api_key=${KEY}`, status: 401 });
    const [text] = redactForLog([error], [KEY]);
    expect(typeof text).toBe('string');
    expect(text).not.toContain(KEY);
    expect(text).toContain(`Error: request with ${REDACTED} failed`);
    expect(text).toContain('logging.test.ts'); // the stack is kept
    expect(text).toContain(`"url":"https://x/ws?api_key=${REDACTED}"`);
    expect(text).toContain('"status":401');
    expect(text).toContain(`Caused by: TypeError: fetch failed for https://x/?api_key=${REDACTED}`);
  });

  it('redacts a key that only appears in the stack', () => {
    const error = new Error('boom');
    error.stack = `Error: boom\n    at poll (https://host/?api_key=${KEY})\n    at ${KEY}.js:1:1`;
    const [text] = redactForLog([error], [KEY]);
    expect(text).not.toContain(KEY);
    expect(text).toContain('Error: boom');
  });

  it('turns objects into redacted JSON-ish text, however deep the key hides', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular['self'] = circular;
    const parts = redactForLog(
      [
        { config: { workspace: 'acme', apiKey: KEY, urls: [new URL(`https://x/?api_key=${KEY}`)] } },
        { [KEY]: 'as a property name', quoted: `"${KEY}"` },
        new Map([['key', KEY]]),
        new Set([KEY]),
        [1, [2, [KEY]]],
        circular,
        new URL(`https://x/?startTime=1&api_key=${KEY}`),
      ],
      [KEY],
    );
    for (const part of parts) {
      expect(typeof part).toBe('string');
      expect(part).not.toContain(KEY);
    }
    expect(parts[0]).toBe(`{"config":{"workspace":"acme","apiKey":"${REDACTED}","urls":["https://x/?api_key=${REDACTED}"]}}`);
    expect(parts[1]).toContain(`"${REDACTED}":"as a property name"`);
    expect(parts[5]).toBe('{"name":"loop","self":"[Circular]"}');
    expect(parts[6]).toBe(`https://x/?startTime=1&api_key=${REDACTED}`);
  });

  it('redacts a key that JSON would escape', () => {
    const odd = 'se"cr\\et-value';
    const [text] = redactForLog([{ value: odd }], [odd]);
    expect(text).toBe(`{"value":"${REDACTED}"}`);
  });

  it('passes values that cannot hold a key through unchanged', () => {
    expect(redactForLog([1, true, null, undefined, 5n], [KEY])).toEqual([1, true, null, undefined, 5n]);
  });
});

describe('redactionHook', () => {
  it('redacts the data and the scope of a copy of the message', () => {
    const original = message([`key=${KEY}`], { scope: `poller ${KEY}` });
    const hooked = redactionHook(() => [KEY])(original);
    expect(hooked).toMatchObject({ data: [`key=${REDACTED}`], scope: `poller ${REDACTED}`, level: 'info' });
    expect(original.data).toEqual([`key=${KEY}`]);
  });

  it('withholds the message when the secrets cannot be read', () => {
    const hooked = redactionHook(() => {
      throw new Error('keyring gone');
    })(message([`key ${KEY}`]));
    expect(hooked).not.toBe(false);
    if (hooked !== false) expect(hooked.data.join(' ')).not.toContain(KEY);
  });
});

describe('setupLogging', () => {
  it('writes to main.log in the logs folder, rotates at 5 MB and registers the redaction hook', () => {
    const log = fakeLog();
    const { logFile } = setupLogging({ log, logsDir: '/home/u/.config/Pulsebar/logs', secrets: () => [KEY] });
    expect(logFile).toBe('/home/u/.config/Pulsebar/logs/main.log');
    expect(log.transports.file.resolvePathFn({} as never)).toBe(logFile);
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(log.transports.file.level).toBe('info');
    expect(log.transports.console.level).toBe('info');
    expect(log.hooks).toHaveLength(1);
    const hooked = log.hooks[0]?.(message([new Error(`bad key ${KEY}`)]));
    expect(hooked && JSON.stringify(hooked.data)).not.toContain(KEY);
  });

  it('turns the console off when packaged and honours the debug level', () => {
    const log = fakeLog();
    setupLogging({ log, logsDir: '/logs', secrets: () => [], level: 'debug', isPackaged: true });
    expect(log.transports.console.level).toBe(false);
    expect(log.transports.file.level).toBe('debug');
  });

  it('asks for the secrets on every message, so a key entered later is redacted too', () => {
    const log = fakeLog();
    let secrets: string[] = [];
    setupLogging({ log, logsDir: '/logs', secrets: () => secrets });
    secrets = [KEY];
    expect(log.hooks[0]?.(message([KEY]))).toMatchObject({ data: [REDACTED] });
  });

  it('fits the real electron-log main logger', () => {
    expectTypeOf<typeof mainLog>().toExtend<LogTarget>();
  });
});

describe('setupLogging with the real electron-log (node flavour)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('never writes the key to the file', () => {
    dir = mkdtempSync(join(tmpdir(), 'pulsebar-log-'));
    const log = nodeLog.create({ logId: 'pulsebar-logging-test' });
    const { logFile } = setupLogging({ log, logsDir: dir, secrets: () => [KEY], isPackaged: true });
    log.info('polling with', KEY, { apiKey: KEY });
    log.error(new Error(`GET https://api.roboflow.com/acme/inference-stats?api_key=${KEY} failed`));
    const text = readFileSync(logFile, 'utf8');
    expect(text).toContain('polling with');
    expect(text).toContain(`api_key=${REDACTED}`);
    expect(text).not.toContain(KEY);
  });
});
