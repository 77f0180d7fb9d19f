// Where the stats come from. The API key travels in the query string, so anything that is
// not HTTPS is refused unless it stays on this machine (the simulator on loopback).

export const DEFAULT_BASE_URL = 'https://api.roboflow.com';

export class BaseUrlError extends Error {
  override readonly name = 'BaseUrlError';
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function parseBaseUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BaseUrlError(`"${input}" is not a URL. Give a base URL such as ${DEFAULT_BASE_URL} or http://127.0.0.1:4010 for the simulator.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BaseUrlError(`"${input}" uses ${url.protocol} — the base URL must be https:// (or http:// on a loopback address).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new BaseUrlError(
      `Refusing plain http to ${url.hostname}: the API key would travel unencrypted. Use https://, or http:// only for 127.0.0.1, ::1 or localhost.`,
    );
  }
  if (url.username || url.password) {
    throw new BaseUrlError('The base URL must not contain a user name or password; the API key is passed separately.');
  }
  if (url.search || url.hash) {
    throw new BaseUrlError(`The base URL must not carry a query or fragment ("${url.search}${url.hash}"); give just the origin and path.`);
  }
  return url;
}
