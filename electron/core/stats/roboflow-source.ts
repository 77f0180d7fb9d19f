// StatsSource for Roboflow's inference-stats endpoint. Plain Node: fetch and the clock are
// injected (global fetch in Node and tests, Electron's net.fetch in the app).
import { parseBaseUrl } from '../base-url';
import { untilAborted } from './abortable';
import { describeHtmlPage, isHtml, summariseErrorBody } from './error-body';
import { BadResponse, NetworkError, StatsError, Timeout } from './errors';
import { describeNetworkFailure } from './network-failure';
import { BodyInterrupted, BodyTooLarge, declaredLength, readBodyText } from './read-body';
import { errorForStatus } from './status-errors';
import { buildStatsUrl } from './stats-url';
import { assertValidWindow } from './time-window';
import { redactText } from './redact';
import { parseInferenceStats } from './wire-schema';
import type { FetchStatsOptions, StatsQuery, StatsSource } from './stats-source';
import type { StatsSnapshot } from './types';

export { buildStatsUrl } from './stats-url';
export type { StatsUrlParams } from './stats-url';

export interface RoboflowSourceOptions {
  /** `https://api.roboflow.com`, or the simulator on loopback (checked by parseBaseUrl). */
  readonly baseUrl: string;
  readonly workspace: string;
  readonly apiKey: string;
  readonly fetch: typeof globalThis.fetch;
  /** Limit for the whole exchange, body included. */
  readonly timeoutMs?: number;
  /** Larger answers are refused (Content-Length up front, then bytes as they stream). */
  readonly maxResponseBytes?: number;
  /** Clock for Retry-After dates. */
  readonly now?: () => Date;
}

/** The reason an exchange's own controller is aborted once it is over (one object, not one per request). */
const EXCHANGE_OVER = new Error('inference-stats exchange finished');

/** Error bodies are only read for their message; the rest is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;

export function createRoboflowSource(options: RoboflowSourceOptions): StatsSource {
  const baseUrl = parseBaseUrl(options.baseUrl);
  const workspace = options.workspace.trim();
  const apiKey = options.apiKey;
  if (apiKey.trim() === '') throw new TypeError('No Roboflow API key given. Set it in Settings or ROBOFLOW_API_KEY.');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxResponseBytes ?? 20 * 1024 * 1024;
  const fetchFn = options.fetch;
  const now = options.now ?? (() => new Date());
  const secrets = [apiKey];
  const context = { workspace, secrets } as const;
  // Validate the workspace now rather than on the first poll.
  buildStatsUrl({ baseUrl, workspace, apiKey, window: { start: new Date(0), end: new Date(1000) } });

  async function exchange(query: StatsQuery, signal: AbortSignal): Promise<StatsSnapshot> {
    const url = buildStatsUrl({ baseUrl, workspace, apiKey, window: query.window, models: query.models });
    let response: Response;
    try {
      response = await untilAborted(fetchFn(url, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual', signal }), signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const failure = describeNetworkFailure(error, secrets);
      throw new NetworkError({ ...context, host: url.host, code: failure.code, reason: failure.reason, cause: error });
    }

    const contentType = response.headers.get('content-type');
    if (!response.ok) {
      const text = await readBodyText(response, { maxBytes: ERROR_BODY_BYTES, signal, overflow: 'truncate' }).catch((error: unknown) => {
        if (signal.aborted) throw error;
        return ''; // the status alone still says what happened
      });
      // Redact before summarising: summaries clip, and a clipped key would escape redaction.
      throw errorForStatus(response.status, summariseErrorBody(redactText(text, secrets), contentType), response.headers.get('retry-after'), { ...context, now: now() });
    }

    const declared = declaredLength(response);
    if (declared !== undefined && declared > maxBytes) {
      void response.body?.cancel().catch(() => undefined);
      throw new BadResponse({ ...context, status: response.status, detail: `the answer is ${formatBytes(declared)} (Content-Length), over the ${formatBytes(maxBytes)} limit` });
    }
    const text = await readStatsBody(response, signal);
    const json = parseJson(text, contentType, response.status);
    try {
      return parseInferenceStats(json, query.window, { secrets });
    } catch (error) {
      // Re-issue with the workspace and the key's redaction (a server could echo the key).
      if (error instanceof BadResponse) throw new BadResponse({ ...context, status: response.status, detail: error.detail, path: error.path });
      throw error;
    }
  }

  async function readStatsBody(response: Response, signal: AbortSignal): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes, signal, overflow: 'fail' });
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new BadResponse({ ...context, status: response.status, detail: `the answer grew past the ${formatBytes(maxBytes)} limit while downloading` });
      }
      if (error instanceof BodyInterrupted) {
        throw new BadResponse({ ...context, status: response.status, detail: 'the connection closed before the whole answer arrived (truncated body)', cause: error.failure });
      }
      throw error;
    }
  }

  function parseJson(text: string, contentType: string | null, status: number): unknown {
    const bad = (detail: string) => new BadResponse({ ...context, status, detail });
    // Descriptions quote and clip the body: work from a redacted copy so no key fragment survives.
    const shown = redactText(text, secrets);
    if (text.trim() === '') throw bad('the answer was empty');
    if (isHtml(text, contentType)) throw bad(`${describeHtmlPage(shown)} came back instead of JSON (a proxy, captive portal or wrong server address may be answering)`);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // No `cause`: V8's message quotes the start of the body, clipped where no redaction can see.
      throw bad(jsonFailure(text, shown, error));
    }
  }

  return {
    async fetchStats(query: StatsQuery, fetchOptions?: FetchStatsOptions): Promise<StatsSnapshot> {
      assertValidWindow(query.window);
      const callerSignal = fetchOptions?.signal;
      if (callerSignal?.aborted) throw callerSignal.reason;

      // One controller for the whole exchange: the timeout and the caller both abort it, and
      // the reason it holds says which came first.
      const controller = new AbortController();
      let timedOut: DOMException | undefined; // made only when needed: polls make many requests
      const timer = setTimeout(() => controller.abort((timedOut = new DOMException(`inference-stats request exceeded ${timeoutMs} ms`, 'TimeoutError'))), timeoutMs);
      const onCallerAbort = () => controller.abort(callerSignal?.reason);
      callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
      try {
        return await exchange(query, controller.signal);
      } catch (error) {
        if (error instanceof StatsError) throw error;
        if (timedOut !== undefined && controller.signal.reason === timedOut) throw new Timeout({ ...context, timeoutMs });
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw error; // a bug, not an API failure: let it surface as is
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener('abort', onCallerAbort);
        controller.abort(EXCHANGE_OVER); // release the connection if anything is still open
      }
    },
  };
}

function jsonFailure(text: string, shown: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  const endsEarly = /end of (JSON|data)/i.test(message) || (position !== undefined && Number(position) >= text.trimEnd().length);
  if (endsEarly) return 'the JSON ends early (truncated body)';
  const start = shown.trim().slice(0, 40).replace(/\s+/g, ' ');
  return `the body is not JSON (it starts with ${JSON.stringify(start)})`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
