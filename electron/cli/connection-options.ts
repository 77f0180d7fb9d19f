// The options every command that talks to Roboflow shares: where, which workspace, which key.
import { DEFAULT_BASE_URL, parseBaseUrl } from '../core/base-url';
import { DEFAULT_WINDOW, WINDOW_LENGTHS, isWindowLength, type WindowLength } from '../core/headline-window';
import { UsageError } from './usage';

export interface ConnectionOptions {
  workspace: string;
  apiKey: string;
  baseUrl: string;
  models: string[];
  window: WindowLength;
  timeoutMs: number;
}

/** parseArgs option specs for ConnectionOptions. */
export const CONNECTION_ARGS = {
  workspace: { type: 'string' },
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  models: { type: 'string' },
  window: { type: 'string' },
  timeout: { type: 'string' },
} as const;

type ConnectionValues = { [K in keyof typeof CONNECTION_ARGS]?: string | undefined };

const MAX_TIMEOUT_SECONDS = 600;

export function connectionFrom(values: ConnectionValues, env: Record<string, string | undefined>): ConnectionOptions {
  const workspace = (values.workspace ?? env['ROBOFLOW_WORKSPACE'] ?? '').trim();
  if (!workspace) throw new UsageError('no workspace given. Pass --workspace NAME or set ROBOFLOW_WORKSPACE.');
  if (/[/?#\s]/.test(workspace)) {
    throw new UsageError(`workspace "${workspace}" is not a workspace id (no spaces, "/", "?" or "#"). Copy the id from your Roboflow workspace URL.`);
  }

  const apiKey = (values['api-key'] ?? env['ROBOFLOW_API_KEY'] ?? '').trim();
  if (!apiKey) throw new UsageError('no API key given. Set ROBOFLOW_API_KEY (or pass --api-key KEY).');

  const baseUrlInput = values['base-url'] ?? env['PULSEBAR_BASE_URL'] ?? DEFAULT_BASE_URL;
  let baseUrl: string;
  try {
    baseUrl = parseBaseUrl(baseUrlInput).href;
  } catch (error) {
    throw new UsageError(`--base-url: ${(error as Error).message}`);
  }

  const window = values.window ?? DEFAULT_WINDOW;
  if (!isWindowLength(window)) {
    throw new UsageError(`--window "${window}" is not offered. Use one of ${Object.keys(WINDOW_LENGTHS).join(', ')}.`);
  }

  return { workspace, apiKey, baseUrl, models: parseModels(values.models), window, timeoutMs: parseTimeoutSeconds(values.timeout) * 1000 };
}

function parseModels(input: string | undefined): string[] {
  if (input === undefined) return [];
  const models = input.split(',').map((m) => m.trim()).filter(Boolean);
  if (models.length === 0) throw new UsageError('--models is empty. Give model ids separated by commas, e.g. --models hard-hat-sample-8j2w3,coco.');
  return [...new Set(models)];
}

function parseTimeoutSeconds(input: string | undefined): number {
  if (input === undefined) return 30;
  const seconds = Number(input);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout "${input}" is not a number of seconds between 0 and ${MAX_TIMEOUT_SECONDS}.`);
  }
  return seconds;
}
