// The app's log: one file in the logs folder, rotated at 5 MB, with the API key redacted from
// every message before any transport (file, console, the renderer's devtools through ipc)
// sees it. electron-log is injected, so the tests pass a fake and never load Electron.
import { join } from 'node:path';
import type { ConsoleTransport, FileTransport, Hook, LogMessage } from 'electron-log';
import { redactText, redactUrl } from '../core/stats/redact';

/** The part of electron-log's main logger this module configures. */
export interface LogTarget {
  hooks: Hook[];
  transports: {
    file: Pick<FileTransport, 'level' | 'maxSize' | 'resolvePathFn'>;
    console: Pick<ConsoleTransport, 'level'>;
  };
}

export interface LoggingOptions {
  log: LogTarget;
  /** `app.getPath('logs')` in the app. */
  logsDir: string;
  /** The secrets to redact, asked for every message (the key can change while the app runs). */
  secrets: () => readonly string[];
  level?: 'info' | 'debug';
  /** `app.isPackaged`: a packaged app has no terminal to print to. */
  isPackaged?: boolean;
}

export const LOG_FILE_NAME = 'main.log';
// electron-log's default rotation renames the full file to main.old.log, replacing the
// previous one: at most 5 MB + 5 MB of logs on disk.
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

const MAX_DEPTH = 6;
const WITHHELD = '[log message withheld: the secrets to redact from it could not be read]';

export function setupLogging(options: LoggingOptions): { logFile: string } {
  const { log, logsDir, secrets, level = 'info', isPackaged = false } = options;
  const logFile = join(logsDir, LOG_FILE_NAME);

  log.transports.file.resolvePathFn = () => logFile;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = level;
  log.transports.console.level = isPackaged ? false : level;

  // Hooks run for each transport just before it writes, so nothing reaches one unredacted.
  // Pushed last, so a hook added earlier cannot put a secret back.
  log.hooks.push(redactionHook(secrets));
  return { logFile };
}

/** The electron-log hook: a copy of the message with every part redacted. */
export function redactionHook(secrets: () => readonly string[]): Hook {
  return (message: LogMessage): LogMessage => {
    let known: readonly string[];
    try {
      known = secrets();
    } catch {
      // Without the secrets the message cannot be proven clean: losing one line beats leaking the key.
      return { ...message, data: [WITHHELD] };
    }
    const scope = message.scope === undefined ? {} : { scope: redactText(message.scope, known) };
    return { ...message, ...scope, data: redactForLog(message.data, known) };
  };
}

/**
 * Every part of a log call made safe to write: strings redacted, Errors turned into their
 * redacted stack (with causes and extra properties), other objects into redacted JSON-ish text.
 * Numbers, booleans, null, undefined and bigints cannot hold a key and pass through.
 */
export function redactForLog(parts: readonly unknown[], secrets: readonly string[]): unknown[] {
  return parts.map((part) => {
    if (part === null || part === undefined || typeof part === 'number' || typeof part === 'boolean' || typeof part === 'bigint') return part;
    if (typeof part === 'string') return redactText(part, secrets);
    if (part instanceof Error) return redactText(errorText(part, secrets, 0), secrets);
    if (part instanceof URL) return redactText(redactUrl(part), secrets);
    // The whole text is redacted again: a secret may also sit in an object key.
    return redactText(stringify(part, secrets), secrets);
  });
}

// An Error's own text: the stack (which starts with name and message in V8), the message when
// the stack lacks it, extra own properties (StatsError kinds, Node's `code`), then the cause.
function errorText(error: Error, secrets: readonly string[], depth: number): string {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const head = `${error.name}: ${error.message}`;
  let text = stack.includes(error.message) ? stack : stack ? `${head}\n${stack}` : head;
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error)) if (name !== 'cause') extra[name] = value;
  if (Object.keys(extra).length > 0) text += ` ${stringify(extra, secrets, depth + 1)}`;
  if (error.cause !== undefined) {
    const cause = error.cause instanceof Error && depth < MAX_DEPTH ? errorText(error.cause, secrets, depth + 1) : stringify(error.cause, secrets, depth + 1);
    text += `\nCaused by: ${cause}`;
  }
  return redactText(text, secrets);
}

function stringify(value: unknown, secrets: readonly string[], depth = 0): string {
  const plain = toPlain(value, secrets, depth, new Set());
  return typeof plain === 'string' ? plain : (JSON.stringify(plain) ?? String(plain));
}

// A JSON-safe copy with each string redacted before serialising: JSON escapes a quote or a
// backslash inside a secret, and the escaped form would no longer match it.
function toPlain(value: unknown, secrets: readonly string[], depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return redactText(value.toString(), secrets);
  if (typeof value !== 'object' || value === null) return value === undefined ? '[undefined]' : value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) return errorText(value, secrets, depth);
  if (value instanceof URL) return redactText(redactUrl(value), secrets);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  ancestors.add(value);
  try {
    const next = (item: unknown) => toPlain(item, secrets, depth + 1, ancestors);
    if (Array.isArray(value)) return value.map(next);
    if (value instanceof Map) return { Map: [...value.entries()].map(([k, v]) => [next(k), next(v)]) };
    if (value instanceof Set) return { Set: [...value].map(next) };
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[redactText(name, secrets)] = next(item);
    return out;
  } finally {
    ancestors.delete(value);
  }
}
