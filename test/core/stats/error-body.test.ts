import { describe, expect, it } from 'vitest';
import { describeHtmlPage, isHtml, summariseErrorBody } from '../../../electron/core/stats/error-body';

const GATEWAY_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>502 Bad Gateway &amp; friends</title>
<style>body { font-family: sans-serif }</style></head>
<body><h1>Bad Gateway</h1><p>${'lorem ipsum '.repeat(500)}</p></body></html>`;

describe('summariseErrorBody', () => {
  it('reads the flat shape {"error": "..."}', () => {
    expect(summariseErrorBody('{"error":"Invalid request"}', 'application/json')).toEqual({ message: 'Invalid request' });
  });

  it('reads the nested shape {"error": {message, type, hint}}', () => {
    const body = JSON.stringify({ error: { message: 'This API key does not exist.', type: 'OAuthException', hint: 'Get your key at https://app.roboflow.com/settings/api' } });
    expect(summariseErrorBody(body, 'application/json')).toEqual({
      message: 'This API key does not exist.',
      type: 'OAuthException',
      hint: 'Get your key at https://app.roboflow.com/settings/api',
    });
  });

  it('summarises an HTML page by its title, never dumping it', () => {
    const summary = summariseErrorBody(GATEWAY_PAGE, 'text/html; charset=utf-8');
    expect(summary).toEqual({ message: 'an HTML page titled "502 Bad Gateway & friends"' });
    expect(describeHtmlPage('<html><body><h1>Oops <b>down</b></h1></body></html>')).toBe('an HTML page titled "Oops down"');
    expect(describeHtmlPage('<html><body>no title</body></html>')).toBe('an HTML page');
  });

  it('recognises HTML by content type or by its first tag', () => {
    expect(isHtml('<!doctype html><p>x', null)).toBe(true);
    expect(isHtml('  <HTML>', 'application/octet-stream')).toBe(true);
    expect(isHtml('{"a":1}', 'text/html')).toBe(true);
    expect(isHtml('{"a":"<html>"}', 'application/json')).toBe(false);
  });

  it('takes the first line of plain text, clipped', () => {
    expect(summariseErrorBody('\n  upstream   connect error\nreset reason: overflow', 'text/plain')).toEqual({ message: 'upstream connect error' });
    expect(summariseErrorBody('x'.repeat(1000), null).message).toHaveLength(300);
  });

  it('returns nothing for an empty body, and skips unhelpful JSON', () => {
    expect(summariseErrorBody('   ', null)).toEqual({});
    expect(summariseErrorBody('{"error":{"code":7}}', 'application/json')).toEqual({});
    expect(summariseErrorBody('{"message":"Too many requests"}', 'application/json')).toEqual({ message: 'Too many requests' });
    expect(summariseErrorBody('[1,2]', 'application/json')).toEqual({});
  });
});
