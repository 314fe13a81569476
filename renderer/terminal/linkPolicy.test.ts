// Only http and https links open; every other scheme a remote program prints is inert.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openableLink } from './linkPolicy.js';

test('http and https links open, normalized so the dialog shows where they really go', () => {
  assert.equal(openableLink('https://example.com/a?b=c#d'), 'https://example.com/a?b=c#d');
  assert.equal(openableLink('HTTP://Example.COM'), 'http://example.com/');
  // An IDN host is shown in punycode: a look-alike name cannot hide behind its glyphs.
  assert.equal(openableLink('https://exаmple.com/'), 'https://xn--exmple-4nf.com/');
});

test('file, javascript, data, custom app schemes and garbage are refused', () => {
  for (const link of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vscode://file/etc/passwd',
    'ssh://root@host',
    'smb://server/share',
    'mailto:a@b.c',
    '//example.com/',
    'example.com',
    '',
    ' javascript:alert(1)',
    'https://bank.example@evil.example/',
    'https://user:secret@example.com/',
  ]) {
    assert.equal(openableLink(link), undefined, link);
  }
});
