import { describe, expect, it } from 'vitest';
import { REDACTED, redactApiKeyParams, redactSecrets, redactText, redactUrl } from '../../../electron/core/stats/redact';

describe('redaction', () => {
  it('replaces every occurrence of a secret, raw and URL-encoded', () => {
    expect(redactSecrets('a sk-1 b sk-1', ['sk-1'])).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redactSecrets('key=a%2Fb%20c and a/b c and a%2Fb+c', ['a/b c'])).toBe(`key=${REDACTED} and ${REDACTED} and ${REDACTED}`);
    expect(redactSecrets('nothing here', ['', 'absent'])).toBe('nothing here');
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('abcdef', ['abc', 'abcdef'])).toBe(REDACTED);
  });

  it('replaces api_key query values even when the key is not known', () => {
    expect(redactApiKeyParams('GET https://x/ws/inference-stats?api_key=abc123&startTime=1 failed')).toBe(
      `GET https://x/ws/inference-stats?api_key=${REDACTED}&startTime=1 failed`,
    );
    expect(redactApiKeyParams('"https://x/?API_KEY=abc#frag"')).toBe(`"https://x/?API_KEY=${REDACTED}#frag"`);
    expect(redactUrl(new URL('https://x/w?startTime=1&api_key=s3cr3t'))).toBe(`https://x/w?startTime=1&api_key=${REDACTED}`);
  });

  it('redactText does both', () => {
    expect(redactText('sk-1 at https://x/?api_key=other', ['sk-1'])).toBe(`${REDACTED} at https://x/?api_key=${REDACTED}`);
  });
});
