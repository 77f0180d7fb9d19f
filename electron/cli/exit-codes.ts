// Exit codes are part of the CLI's interface: scripts branch on them.
import type { StatsError } from '../core/stats/errors';

export const EXIT = {
  ok: 0,
  usage: 2,
  auth: 3,
  notFound: 4,
  network: 5,
  badResponse: 6,
  unavailable: 7,
  /** The local history could not be opened or written. */
  storage: 8,
  /** A bug in Pulsebar itself. */
  internal: 1,
} as const;

export function exitCodeForStatsError(error: StatsError): number {
  switch (error.kind) {
    case 'auth':
      return EXIT.auth;
    case 'not_found':
      return EXIT.notFound;
    case 'network':
    case 'timeout':
      return EXIT.network;
    case 'bad_response':
      return EXIT.badResponse;
    case 'rate_limited':
    case 'plan':
    case 'server':
      return EXIT.unavailable;
  }
}
