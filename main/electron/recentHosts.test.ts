// Recent use, newest first, kept in the desktop store and cleaned of deleted hosts; a damaged entry costs only the list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentHosts, type RecentHostsDocument } from './recentHosts.js';

function documentWith(value: unknown): RecentHostsDocument & { writes: unknown[] } {
  const writes: unknown[] = [];
  return { writes, get: () => value, set: (_key, next) => void writes.push(next) };
}

test('the host used last comes first, once; the list is saved and bounded', () => {
  const doc = documentWith(['a', 'b']);
  const recent = new RecentHosts(doc, 3);
  assert.equal(recent.touch('c'), true);
  assert.equal(recent.touch('c'), false, 'already first: no rebuild, no write');
  recent.touch('a');
  recent.touch('d');
  assert.deepEqual(recent.list(), ['d', 'a', 'c']);
  assert.deepEqual(doc.writes.at(-1), ['d', 'a', 'c']);
  recent.keepOnly(new Set(['c', 'd']));
  assert.deepEqual(recent.list(), ['d', 'c']);
});

test('a stored value that is not a list of ids is ignored', () => {
  assert.deepEqual(new RecentHosts(documentWith('oops')).list(), []);
  assert.deepEqual(new RecentHosts(documentWith(['a', 3, null, 'b'])).list(), ['a', 'b']);
});
