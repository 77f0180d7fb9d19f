import { describe, expect, it } from 'vitest';
import { AuthError, NotFound, PlanError, RateLimited, ServerError } from '../../../electron/core/stats/errors';
import { errorForStatus, parseRetryAfter } from '../../../electron/core/stats/status-errors';

const NOW = new Date('2024-06-01T12:00:00Z');
const context = { workspace: 'acme', secrets: ['KEY'], now: NOW };

describe('errorForStatus', () => {
  it.each([
    [401, AuthError],
    [403, AuthError],
    [402, PlanError],
    [423, PlanError],
    [404, NotFound],
    [429, RateLimited],
    [500, ServerError],
    [503, ServerError],
    [400, ServerError],
    [418, ServerError],
    [304, ServerError],
  ])('%i -> %o', (status, type) => {
    const error = errorForStatus(status, { message: 'm', hint: 'h' }, null, context);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, serverMessage: 'm', serverHint: 'h', workspace: 'acme' });
  });

  it('reads Retry-After for 429', () => {
    expect((errorForStatus(429, {}, '7', context) as RateLimited).retryAfterSeconds).toBe(7);
    expect((errorForStatus(429, {}, null, context) as RateLimited).retryAfterSeconds).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | null, number | undefined]>([
    ['120', 120],
    [' 0 ', 0],
    ['Sat, 01 Jun 2024 12:01:30 GMT', 90],
    ['Sat, 01 Jun 2024 12:00:00 GMT', 0],
    ['Sat, 01 Jun 2024 11:00:00 GMT', 0], // in the past: no wait
    ['Sat, 01 Jun 2024 12:00:00.5 GMT', 1],
    ['1.5', undefined],
    ['-3', undefined],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %j', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });
});
