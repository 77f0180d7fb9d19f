/**
 * What the simulated API does with one request, API faults included, as data: the HTTP server
 * and the in-memory fetch both act this out, so a fault looks the same over either transport.
 */
import { STATUS_CODES } from 'node:http';
import { answer, json, type Reply, type RequestClock } from './api';
import { faultAt, type TimedFault } from './faults';
import type { Simulation } from './generate';
import type { Fault } from './scenario-schema';

/** `log` says what was done, for the request log line ("200", "503 (fault)", ...). */
export type FaultOutcome =
  | { kind: 'reply'; reply: Reply; log: string }
  /** Never answer: the connection stays open until the client gives up. */
  | { kind: 'timeout'; log: string }
  /** Close the connection before any response. */
  | { kind: 'reset'; log: string };

const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The request at `clock.nowMs`, answered as the scenario's API would at that scenario time. */
export function respond(sim: Simulation, faults: readonly TimedFault[], method: string, rawUrl: string, clock: RequestClock): FaultOutcome {
  // Lazy: only the plain answer and malformed_json need the (possibly costly) real body.
  const reply = (): Reply => {
    try {
      return answer(sim, method, rawUrl, clock);
    } catch (error) {
      return json(500, { error: `Simulator error: ${(error as Error).message}` });
    }
  };
  return faultReply(faultAt(faults, clock.nowMs - clock.offsetMs), reply);
}

/** How the API answers under `fault` (none: the real reply); `reply` is called only if needed. */
export function faultReply(fault: Fault | undefined, reply: () => Reply): FaultOutcome {
  if (fault === undefined) {
    const real = reply();
    return { kind: 'reply', reply: real, log: String(real.status) };
  }
  if (fault.status !== undefined) {
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    const body = JSON.stringify({ error: STATUS_CODES[fault.status] ?? `HTTP ${fault.status}` });
    return { kind: 'reply', reply: { status: fault.status, headers, body }, log: `${fault.status} (fault)` };
  }
  switch (fault.kind) {
    case 'timeout':
      return { kind: 'timeout', log: 'no answer (timeout fault)' };
    case 'reset':
      return { kind: 'reset', log: 'connection reset (fault)' };
    case 'html_error':
      return { kind: 'reply', reply: { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE }, log: '502 html (fault)' };
    case 'malformed_json': {
      // A JSON object cut short can never parse: its closing brace is missing.
      const full = reply().body;
      const body = full.slice(0, Math.max(1, Math.floor(full.length / 2)));
      return { kind: 'reply', reply: { status: 200, headers: { 'content-type': JSON_TYPE }, body }, log: '200 truncated (fault)' };
    }
    case undefined:
      return { kind: 'reply', reply: json(500, { error: 'Simulator error: a fault with neither status nor kind' }), log: '500' };
  }
}
