// A Skein window only ever shows its own page: every other navigation, and any frame's, is blocked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowNavigation } from './allowNavigation.js';

test("the window may stay on Skein's page and move within it", () => {
  assert.ok(allowNavigation('skein://app/index.html'));
  assert.ok(allowNavigation('skein://app/index.html#/settings'));
});

test('any other page, scheme or frame is refused', () => {
  for (const url of [
    'https://example.com/',
    'http://127.0.0.1:8080/index.html',
    'file:///etc/passwd',
    'skein://app/other.html',
    'skein://app/index.html?x=1',
    'skein://evil/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
  ]) {
    assert.equal(allowNavigation(url), false, url);
  }
  assert.equal(allowNavigation('skein://app/index.html', false), false, 'frames never navigate');
});
