// Turns a rejected fetch into a short reason a user understands. Node's fetch reports
// "fetch failed" with the system error (ENOTFOUND, ECONNREFUSED, ...) in its `cause` chain.
import { redactText } from './redact';

export interface NetworkFailure {
  readonly code: string | undefined;
  readonly reason: string;
}

const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)$/, 'DNS lookup failed'],
  [/^ECONNREFUSED$/, 'connection refused'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'connection reset'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/, 'connection timed out'],
  [/^(ENETUNREACH|EHOSTUNREACH|ENETDOWN|EHOSTDOWN)$/, 'network unreachable'],
  [/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/, 'TLS certificate problem'],
];

/** `secrets` are scrubbed before the reason is clipped, so no fragment of the key survives. */
export function describeNetworkFailure(error: unknown, secrets: readonly string[] = []): NetworkFailure {
  const chain = causeChain(error);
  const code = chain.map((e) => (e as { code?: unknown }).code).find((c): c is string => typeof c === 'string');
  const known = code === undefined ? undefined : REASONS.find(([pattern]) => pattern.test(code))?.[1];
  if (known !== undefined && code !== undefined) return { code, reason: `${known}, ${code}` };
  // The innermost message is the most specific ("getaddrinfo ENOTFOUND host", ...).
  const innermost = chain.at(-1);
  const message = innermost instanceof Error ? innermost.message : typeof innermost === 'string' ? innermost : '';
  const reason = message.trim() === '' ? 'network failure' : clip(redactText(message, secrets).replace(/\s+/g, ' ').trim());
  return { code, reason: code === undefined || reason.includes(code) ? reason : `${reason}, ${code}` };
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);
