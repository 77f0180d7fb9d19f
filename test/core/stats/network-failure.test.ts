import { describe, expect, it } from 'vitest';
import { describeNetworkFailure } from '../../../electron/core/stats/network-failure';

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeNetworkFailure', () => {
  it.each([
    ['ENOTFOUND', 'DNS lookup failed, ENOTFOUND'],
    ['ECONNREFUSED', 'connection refused, ECONNREFUSED'],
    ['ECONNRESET', 'connection reset, ECONNRESET'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connection timed out, UND_ERR_CONNECT_TIMEOUT'],
    ['CERT_HAS_EXPIRED', 'TLS certificate problem, CERT_HAS_EXPIRED'],
  ])("finds %s in Node fetch's cause chain", (code, reason) => {
    const error = new TypeError('fetch failed', { cause: systemError(code, `${code} api.roboflow.com`) });
    expect(describeNetworkFailure(error)).toEqual({ code, reason });
  });

  it('falls back to the innermost message, then to a generic reason', () => {
    expect(describeNetworkFailure(new TypeError('fetch failed', { cause: new Error('other side hung up') }))).toEqual({ code: undefined, reason: 'other side hung up' });
    expect(describeNetworkFailure(systemError('EWEIRD', 'weird thing'))).toEqual({ code: 'EWEIRD', reason: 'weird thing, EWEIRD' });
    expect(describeNetworkFailure('offline')).toEqual({ code: undefined, reason: 'offline' });
    expect(describeNetworkFailure(undefined)).toEqual({ code: undefined, reason: 'network failure' });
  });

  it('survives a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(describeNetworkFailure(a).reason).toBe('b');
  });
});
