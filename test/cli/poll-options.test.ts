import { describe, expect, it } from 'vitest';
import { parsePollOptions } from '../../electron/cli/poll-options';
import { UsageError } from '../../electron/cli/usage';

const env = { ROBOFLOW_WORKSPACE: 'acme', ROBOFLOW_API_KEY: 'key-from-env' };

describe('parsePollOptions', () => {
  it('takes the environment, with Roboflow and 24 h as defaults', () => {
    expect(parsePollOptions(['--once'], env)).toEqual({
      workspace: 'acme',
      apiKey: 'key-from-env',
      baseUrl: 'https://api.roboflow.com/',
      models: [],
      window: '24h',
      timeoutMs: 30_000,
      json: false,
    });
  });

  it('lets flags win over the environment', () => {
    const options = parsePollOptions(
      ['--workspace', 'other', '--api-key', 'k2', '--base-url', 'http://127.0.0.1:4010', '--models', 'a, b,,a', '--window', '1h', '--timeout', '2.5', '--json'],
      { ...env, PULSEBAR_BASE_URL: 'https://elsewhere.example' },
    );
    expect(options).toMatchObject({ workspace: 'other', apiKey: 'k2', baseUrl: 'http://127.0.0.1:4010/', models: ['a', 'b'], window: '1h', timeoutMs: 2500, json: true });
  });

  it('reads PULSEBAR_BASE_URL', () => {
    expect(parsePollOptions([], { ...env, PULSEBAR_BASE_URL: 'http://localhost:9000' }).baseUrl).toBe('http://localhost:9000/');
  });

  it.each([
    [[], {}, /no workspace given.*ROBOFLOW_WORKSPACE/],
    [['--workspace', 'acme'], {}, /no API key given.*ROBOFLOW_API_KEY/],
    [['--workspace', 'a/b'], env, /not a workspace id/],
    [['--base-url', 'http://api.roboflow.com'], env, /--base-url: Refusing plain http/],
    [['--window', '2h'], env, /--window "2h" is not offered. Use one of 1h, 24h, 7d/],
    [['--timeout', '0'], env, /--timeout "0"/],
    [['--timeout', 'soon'], env, /--timeout "soon"/],
    [['--models', ' , '], env, /--models is empty/],
    [['--bogus'], env, /Unknown option '--bogus'.*pulsebar help/],
    [['extra'], env, /pulsebar help/],
  ])('refuses %j with a reason', (args, environment, reason) => {
    expect(() => parsePollOptions(args as string[], environment)).toThrow(UsageError);
    expect(() => parsePollOptions(args as string[], environment)).toThrow(reason);
  });
});
