// The closed set of ways fetching stats can fail. Each error's `message` is for the user: what
// failed, why, and what to do next. Every text (message, server message, hint, cause) passes
// through redaction when the error is built, so the API key cannot leak through an error.
import { redactText } from './redact';

export type StatsErrorKind = 'auth' | 'not_found' | 'plan' | 'rate_limited' | 'server' | 'network' | 'timeout' | 'bad_response';

export interface StatsErrorDetails {
  /** The workspace the request was for, when known. */
  readonly workspace?: string | undefined;
  /** HTTP status, when there was a response. */
  readonly status?: number | undefined;
  /** The server's own message (Roboflow's `error` / `error.message`, or an HTML page's title). */
  readonly serverMessage?: string | undefined;
  /** Roboflow's `error.hint`, when the body had one. */
  readonly serverHint?: string | undefined;
  /** The underlying failure. Only a redacted copy is kept. */
  readonly cause?: unknown;
  /** Texts to scrub from everything above (the API key). Used while building, never stored. */
  readonly secrets?: readonly string[] | undefined;
}

export abstract class StatsError extends Error {
  abstract readonly kind: StatsErrorKind;
  readonly workspace?: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly serverHint?: string;

  protected constructor(message: (clean: CleanDetails) => string, details: StatsErrorDetails) {
    const secrets = details.secrets ?? [];
    const clean = cleanDetails(details, secrets);
    const cause = redactedCause(details.cause, secrets);
    // Redact the finished message before Error sees it: the stack header is built from it.
    super(redactText(message(clean), secrets), cause === undefined ? undefined : { cause });
    if (clean.workspace !== undefined) this.workspace = clean.workspace;
    if (details.status !== undefined) this.status = details.status;
    if (clean.serverMessage !== undefined) this.serverMessage = clean.serverMessage;
    if (clean.serverHint !== undefined) this.serverHint = clean.serverHint;
  }
}

/** Details after redaction, as the message builders see them. */
export interface CleanDetails {
  readonly workspace: string | undefined;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly serverHint: string | undefined;
}

function cleanDetails(details: StatsErrorDetails, secrets: readonly string[]): CleanDetails {
  const clean = (text: string | undefined) => (text === undefined ? undefined : redactText(text, secrets));
  return {
    workspace: clean(details.workspace),
    status: details.status,
    serverMessage: clean(details.serverMessage),
    serverHint: clean(details.serverHint),
  };
}

/** A fresh Error carrying only the redacted name, message and code of the original chain. */
function redactedCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (cause === undefined || depth > 3) return undefined;
  if (!(cause instanceof Error)) return redactText(safeString(cause), secrets);
  const copy: Error & { code?: string } = new Error(redactText(safeString(cause.message), secrets));
  copy.name = redactText(safeString(cause.name), secrets);
  const code: unknown = (cause as { code?: unknown }).code;
  if (typeof code === 'string') copy.code = redactText(code, secrets);
  const inner = redactedCause(cause.cause, secrets, depth + 1);
  if (inner !== undefined) copy.cause = inner;
  return copy;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// --- message pieces -------------------------------------------------------------------------

const forWorkspace = (d: CleanDetails) => (d.workspace === undefined ? '' : ` for workspace "${d.workspace}"`);
/** `(401: Invalid API key)` or `(401)`; the server's closing full stop is dropped, ours follows. */
const statusAndMessage = (d: CleanDetails) => {
  const message = d.serverMessage?.replace(/[.\s]+$/, '') || undefined;
  if (d.status === undefined) return message === undefined ? '' : ` (${message})`;
  return ` (${d.status}${message === undefined ? '' : `: ${message}`})`;
};
const withHint = (d: CleanDetails, text: string) => (d.serverHint === undefined ? text : `${text} Roboflow's hint: ${d.serverHint}`);

// --- the set -------------------------------------------------------------------------------

/** 401 (key missing or invalid) or 403 (key has no access to the workspace). */
export class AuthError extends StatsError {
  readonly kind = 'auth' as const;
  static {
    this.prototype.name = 'AuthError';
  }
  constructor(details: StatsErrorDetails & { status: 401 | 403 }) {
    super(
      (d) =>
        d.status === 403
          ? withHint(d, `Roboflow refused this API key access to workspace "${d.workspace ?? '?'}"${statusAndMessage(d)}. Check that the key belongs to this workspace, in Settings or ROBOFLOW_API_KEY.`)
          : withHint(d, `Roboflow rejected the API key${forWorkspace(d)}${statusAndMessage(d)}. Check the key in Settings or ROBOFLOW_API_KEY.`),
      details,
    );
  }
}

/** 404: the workspace does not exist or the key cannot see it. */
export class NotFound extends StatsError {
  readonly kind = 'not_found' as const;
  static {
    this.prototype.name = 'NotFound';
  }
  constructor(details: StatsErrorDetails) {
    super(
      (d) =>
        withHint(
          d,
          `Roboflow found no inference stats${forWorkspace(d)}${statusAndMessage(d)}: the workspace does not exist or this API key cannot see it. Check the workspace id in Settings (the name in your Roboflow URL).`,
        ),
      details,
    );
  }
}

/** 402 (plan limit) or 423 (workspace usage paused, usually billing). */
export class PlanError extends StatsError {
  readonly kind = 'plan' as const;
  static {
    this.prototype.name = 'PlanError';
  }
  constructor(details: StatsErrorDetails & { status: 402 | 423 }) {
    super(
      (d) =>
        d.status === 423
          ? withHint(d, `Roboflow has paused usage${forWorkspace(d)}${statusAndMessage(d)}, usually over billing. Check billing in the Roboflow dashboard; stats resume once usage is unpaused.`)
          : withHint(d, `Roboflow refused the request${forWorkspace(d)} because of a plan limit${statusAndMessage(d)}. Model Monitoring needs a plan that includes it; check the workspace's plan and usage in Roboflow.`),
      details,
    );
  }
}

/** 429. `retryAfterSeconds` comes from Retry-After when the server sent one. */
export class RateLimited extends StatsError {
  readonly kind = 'rate_limited' as const;
  readonly retryAfterSeconds: number | undefined;
  static {
    this.prototype.name = 'RateLimited';
  }
  constructor(details: StatsErrorDetails & { retryAfterSeconds?: number | undefined }) {
    const wait = details.retryAfterSeconds;
    super(
      (d) =>
        withHint(
          d,
          `Roboflow is rate-limiting requests${forWorkspace(d)}${statusAndMessage(d)}. ${
            wait === undefined ? 'Wait a few minutes before trying again' : `Wait ${wait} s before trying again`
          }; if this keeps happening, poll less often in Settings.`,
        ),
      details,
    );
    this.retryAfterSeconds = wait;
  }
}

/** 5xx, and any status Pulsebar does not expect (400, 3xx, ...). */
export class ServerError extends StatsError {
  readonly kind = 'server' as const;
  static {
    this.prototype.name = 'ServerError';
  }
  constructor(details: StatsErrorDetails) {
    super((d) => withHint(d, serverErrorText(d)), details);
  }
}

function serverErrorText(d: CleanDetails): string {
  const status = d.status ?? 0;
  if (status >= 500) {
    return `Roboflow's server failed to answer${forWorkspace(d)}${statusAndMessage(d)}. This is usually temporary; try again in a few minutes.`;
  }
  if (status === 400) {
    return `Roboflow rejected the stats request as invalid${forWorkspace(d)}${statusAndMessage(d)}. Check the model names in Settings; if they are right, this is a Pulsebar bug worth reporting.`;
  }
  if (status >= 300 && status < 400) {
    return `Roboflow answered with a redirect${forWorkspace(d)}${statusAndMessage(d)}, which Pulsebar does not follow so the API key is never sent elsewhere. Check the server address in Settings.`;
  }
  return `Roboflow answered with an unexpected status${forWorkspace(d)}${statusAndMessage(d)}. Try again later; if it persists, check the server address in Settings.`;
}

/** The request never got an HTTP answer: DNS failure, connection refused or reset, TLS failure. */
export class NetworkError extends StatsError {
  readonly kind = 'network' as const;
  /** The host Pulsebar tried to reach (never the URL: that carries the key). */
  readonly host: string;
  /** The system error code when known (`ENOTFOUND`, `ECONNREFUSED`, ...). */
  readonly code: string | undefined;
  static {
    this.prototype.name = 'NetworkError';
  }
  constructor(details: StatsErrorDetails & { host: string; code?: string | undefined; reason: string }) {
    super(
      (d) =>
        `Could not reach ${details.host}${forWorkspace(d)} (${details.reason}). Check your internet connection and proxy, or the server address in Settings.`,
      details,
    );
    this.host = redactText(details.host, details.secrets);
    this.code = details.code;
  }
}

/** No complete answer within the time limit (connecting, waiting or reading the body). */
export class Timeout extends StatsError {
  readonly kind = 'timeout' as const;
  readonly timeoutMs: number;
  static {
    this.prototype.name = 'Timeout';
  }
  constructor(details: StatsErrorDetails & { timeoutMs: number }) {
    super(
      (d) =>
        `Roboflow did not answer${forWorkspace(d)} within ${formatSeconds(details.timeoutMs)}. The service or your network may be slow; try again later.`,
      details,
    );
    this.timeoutMs = details.timeoutMs;
  }
}

const formatSeconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`);

/** A 2xx answer Pulsebar cannot use: not JSON, an HTML page, truncated, too large, or the wrong shape. */
export class BadResponse extends StatsError {
  readonly kind = 'bad_response' as const;
  /** What exactly was wrong, e.g. `inference_stats[3].num_inferences: expected number or null, got "12"`. */
  readonly detail: string;
  /** The JSON path of the first bad field, for shape errors. */
  readonly path: string | undefined;
  static {
    this.prototype.name = 'BadResponse';
  }
  constructor(details: StatsErrorDetails & { detail: string; path?: string | undefined }) {
    super(
      (d) =>
        `Roboflow's inference-stats answer${forWorkspace(d)} could not be read: ${details.detail}. If this persists the API may have changed or a proxy is interfering; check for a Pulsebar update.`,
      details,
    );
    this.detail = redactText(details.detail, details.secrets);
    this.path = details.path === undefined ? undefined : redactText(details.path, details.secrets);
  }
}

export type AnyStatsError = AuthError | NotFound | PlanError | RateLimited | ServerError | NetworkError | Timeout | BadResponse;

export function isStatsError(value: unknown): value is AnyStatsError {
  return value instanceof StatsError;
}
