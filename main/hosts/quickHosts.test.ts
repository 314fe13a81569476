// Quick-connect hosts: the saved host one becomes is named as the person typed it, an IPv6 address in brackets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuickHosts } from './quickHosts.js';

test('a quick host saved without a label is named user@host, or user@host:port with an IPv6 address bracketed', () => {
  const quick = new QuickHosts({ homeDir: '/nonexistent', readKeyFile: () => Promise.reject(new Error('not used')) });
  const login = { auth: { method: 'password' as const }, label: 'the password', credentials: { password: 'pw' } };
  const names = [
    { username: 'ops', host: 'fd00::7' },
    { username: 'ops', host: 'fd00::7', port: 2222 },
    { username: 'ops', host: 'db.example.com', port: 2222 },
  ].map((endpoint) => quick.draftOf(quick.add(endpoint, login))?.draft.label);
  assert.deepEqual(names, ['ops@fd00::7', 'ops@[fd00::7]:2222', 'ops@db.example.com:2222']);
});
