import { describe, expect, it } from 'vitest';
import { BaseUrlError, isLoopbackHost, parseBaseUrl } from '../../electron/core/base-url';

describe('parseBaseUrl', () => {
  it.each(['https://api.roboflow.com', 'https://proxy.example.com/roboflow/', 'http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'http://127.8.9.10'])(
    'accepts %s',
    (input) => {
      expect(parseBaseUrl(input).href.startsWith(input.replace(/\/$/, ''))).toBe(true);
    },
  );

  it.each([
    ['http://api.roboflow.com', /Refusing plain http to api\.roboflow\.com/],
    ['http://192.168.1.10:4010', /Refusing plain http/],
    ['http://127.0.0.1.evil.com', /Refusing plain http/],
    ['ftp://127.0.0.1', /must be https/],
    ['not a url', /is not a URL/],
    ['https://user:pw@api.roboflow.com', /user name or password/],
    ['https://api.roboflow.com/?api_key=x', /must not carry a query/],
  ])('refuses %s with a reason', (input, reason) => {
    expect(() => parseBaseUrl(input)).toThrow(BaseUrlError);
    expect(() => parseBaseUrl(input)).toThrow(reason);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.255.0.1', '::1', '[::1]', 'LOCALHOST'].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(['128.0.0.1', '10.0.0.1', 'localhost.example.com', '::2'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});
