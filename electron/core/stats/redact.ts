// Keeps the API key out of every text Pulsebar shows, logs or stores. The key travels in the
// query string, so it can surface in URLs that fetch implementations put in their messages,
// and a misbehaving server could even echo it back in a body.

export const REDACTED = '[redacted]';

// `api_key=<value>` up to the next query separator, fragment, quote, bracket or whitespace.
const API_KEY_PARAM = /(api_key=)[^&#\s"'<>()[\]{}]+/gi;

/** Replaces `api_key=<anything>` query values, whether or not the key itself is known. */
export function redactApiKeyParams(text: string): string {
  return text.replace(API_KEY_PARAM, `$1${REDACTED}`);
}

/** Replaces every occurrence of each secret, raw and in its URL-encoded forms. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ k: secret }).toString().slice(2)); // form encoding: space -> '+'
  }
  // Longest first, so a secret that contains another is replaced whole.
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    result = result.split(form).join(REDACTED);
  }
  return result;
}

/** Both of the above: what every error message, property and cause goes through. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  return redactApiKeyParams(redactSecrets(text, secrets));
}

/** A URL safe to show: the `api_key` query value replaced. */
export function redactUrl(url: string | URL): string {
  return redactApiKeyParams(String(url));
}
