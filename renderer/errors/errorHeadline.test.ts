// Every code the core may send gets its own short headline a person understands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SKEIN_ERROR_CODES } from '../../app/skeinError.js';
import { errorHeadline } from './errorHeadline.js';

test('a changed or revoked host key and a refused login are named as such', () => {
  assert.equal(errorHeadline('HOST_KEY_CHANGED'), 'The host key has changed');
  assert.equal(errorHeadline('HOST_KEY_REVOKED'), 'The host key is revoked');
  assert.equal(errorHeadline('AUTH_FAILED'), 'Login refused');
  assert.equal(errorHeadline('CONNECTION_LOST'), 'Connection lost');
});

test('every code has a headline of its own: short words, not the code', () => {
  const seen = new Map<string, string>();
  for (const code of SKEIN_ERROR_CODES) {
    const headline = errorHeadline(code);
    assert.ok(headline.length > 0 && headline.length <= 40, `${code}: "${headline}"`);
    assert.doesNotMatch(headline, /[A-Z]{2,}_/, `${code} headline shows a code`);
    assert.ok(!seen.has(headline), `${code} and ${seen.get(headline)} share "${headline}"`);
    seen.set(headline, code);
  }
});
