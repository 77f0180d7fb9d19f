import { describe, expect, it } from 'vitest';
import { buildStatsUrl } from '../../../electron/core/stats/stats-url';
import { WINDOW } from './helpers';

const base = { baseUrl: 'https://api.roboflow.com', workspace: 'acme', apiKey: 'KEY', window: WINDOW };

describe('buildStatsUrl', () => {
  it('builds the documented request, times in UTC, no modelNames without a filter', () => {
    expect(buildStatsUrl(base).href).toBe(
      'https://api.roboflow.com/acme/inference-stats?api_key=KEY&startTime=2024-06-01+00%3A00%3A00&endTime=2024-06-02+00%3A00%3A00',
    );
    expect(buildStatsUrl({ ...base, models: [] }).searchParams.has('modelNames')).toBe(false);
    expect(buildStatsUrl({ ...base, models: [' ', ''] }).searchParams.has('modelNames')).toBe(false);
  });

  it('decodes back to exactly the values sent', () => {
    const url = buildStatsUrl({ ...base, models: ['license-plate-detector', 'truck-detector'] });
    expect(Object.fromEntries(url.searchParams)).toEqual({
      api_key: 'KEY',
      startTime: '2024-06-01 00:00:00',
      endTime: '2024-06-02 00:00:00',
      modelNames: 'license-plate-detector,truck-detector',
    });
    expect(url.search).toContain('modelNames=license-plate-detector%2Ctruck-detector');
  });

  it('tolerates a trailing slash and keeps a base path', () => {
    expect(buildStatsUrl({ ...base, baseUrl: 'https://api.roboflow.com/' }).pathname).toBe('/acme/inference-stats');
    expect(buildStatsUrl({ ...base, baseUrl: 'http://127.0.0.1:4010/proxy//' }).href).toMatch(/^http:\/\/127\.0\.0\.1:4010\/proxy\/acme\/inference-stats\?/);
    expect(buildStatsUrl({ ...base, baseUrl: new URL('https://api.roboflow.com') }).pathname).toBe('/acme/inference-stats');
  });

  it('path-encodes odd workspace names so they stay one segment', () => {
    const url = buildStatsUrl({ ...base, workspace: 'my team/ws?x=1#frag%20é' });
    expect(url.pathname).toBe('/my%20team%2Fws%3Fx%3D1%23frag%2520%C3%A9/inference-stats');
    expect(url.hash).toBe('');
    expect(decodeURIComponent(url.pathname.split('/')[1]!)).toBe('my team/ws?x=1#frag%20é');
  });

  it('refuses workspace ids that cannot be a path segment', () => {
    for (const workspace of ['', '  ', '.', '..']) expect(() => buildStatsUrl({ ...base, workspace })).toThrow(TypeError);
  });

  it('URL-encodes every query value (key, model names) and decodes them intact', () => {
    const apiKey = 'k&y=1+2 %/#?';
    const models = ['a&b=c', 'ü ñ', 'x+y', 'a&b=c'];
    const url = buildStatsUrl({ ...base, apiKey, models });
    expect(url.searchParams.get('api_key')).toBe(apiKey);
    expect(url.searchParams.get('modelNames')).toBe('a&b=c,ü ñ,x+y');
    expect([...url.searchParams.keys()]).toEqual(['api_key', 'startTime', 'endTime', 'modelNames']);
    expect(url.search).not.toContain('k&y');
  });

  it('refuses a model id with a comma, which the filter cannot express', () => {
    expect(() => buildStatsUrl({ ...base, models: ['a,b'] })).toThrow(/contains a comma/);
  });

  it('writes times in UTC around midnight and DST changes', () => {
    const at = (start: string, end: string) => Object.fromEntries(buildStatsUrl({ ...base, window: { start: new Date(start), end: new Date(end) } }).searchParams);
    expect(at('2024-03-09T23:30:00-05:00', '2024-03-10T03:30:00-04:00')).toMatchObject({ startTime: '2024-03-10 04:30:00', endTime: '2024-03-10 07:30:00' });
    expect(at('2024-10-27T00:30:00+02:00', '2024-10-27T02:30:00+01:00')).toMatchObject({ startTime: '2024-10-26 22:30:00', endTime: '2024-10-27 01:30:00' });
    expect(at('2023-12-31T23:59:59.900Z', '2024-01-01T00:00:00.000Z')).toMatchObject({ startTime: '2023-12-31 23:59:59', endTime: '2024-01-01 00:00:00' });
  });
});
