// Only http(s) links go to the system browser; ssh:, file:, smb:, custom schemes and credential tricks stay inside.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { externalLink } from './externalLink.js';

test('http and https links are opened, normalized', () => {
  assert.equal(externalLink('https://example.com/docs?q=1#top'), 'https://example.com/docs?q=1#top');
  assert.equal(externalLink('HTTP://Example.COM'), 'http://example.com/');
});

test('every other scheme, and links with credentials, are refused', () => {
  for (const url of [
    'file:///etc/passwd',
    'ssh://root@host',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'vscode://file/etc/passwd',
    'tabby://run?command=calc',
    'javascript:alert(1)',
    'skein://app/index.html',
    'https://bank.example@evil.example/',
    'https://user:pass@example.com/',
    '//example.com',
    '',
  ]) {
    assert.equal(externalLink(url), undefined, url);
  }
});
