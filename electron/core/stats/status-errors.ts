// Maps a non-2xx HTTP answer to the error a user can act on.
import { AuthError, NotFound, PlanError, RateLimited, ServerError } from './errors';
import type { AnyStatsError, StatsErrorDetails } from './errors';
import type { ErrorBodySummary } from './error-body';

export interface StatusContext {
  readonly workspace: string;
  readonly secrets: readonly string[];
  readonly now: Date;
}

export function errorForStatus(status: number, body: ErrorBodySummary, retryAfter: string | null, context: StatusContext): AnyStatsError {
  const details: StatsErrorDetails = {
    workspace: context.workspace,
    secrets: context.secrets,
    serverMessage: body.message,
    serverHint: body.hint,
  };
  switch (status) {
    case 401:
    case 403:
      return new AuthError({ ...details, status });
    case 402:
    case 423:
      return new PlanError({ ...details, status });
    case 404:
      return new NotFound({ ...details, status });
    case 429:
      return new RateLimited({ ...details, status, retryAfterSeconds: parseRetryAfter(retryAfter, context.now) });
    default:
      return new ServerError({ ...details, status });
  }
}

/**
 * Seconds to wait from a Retry-After header: delay-seconds (`120`) or an HTTP-date, counted
 * from `now`. Undefined when absent or unreadable (Roboflow often sends none).
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-3": neither form
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}
