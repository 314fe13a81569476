// Host search: what a person types narrows the list the way the core's searchHosts does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedHostView } from '../../test/fixtures/savedHostView.js';
import { filterHosts, indexHostsForSearch } from './filterHosts.js';

const hosts = [
  savedHostView({ id: 'web1', label: 'Web front 1', host: 'web1.prod.example.com', username: 'deploy', group: 'Production', tags: ['nginx', 'eu'] }),
  savedHostView({ id: 'db', label: 'Primary DB', host: '10.0.0.5', port: 5022, username: 'postgres', group: 'Production', tags: ['db'] }),
  savedHostView({ id: 'pi', label: 'Raspberry', host: 'pi.local', username: 'pi', notes: 'nginx in the closet' }),
];
const index = indexHostsForSearch(hosts);
const ids = (query: string) => filterHosts(index, query).map((h) => h.id);

test('an empty or blank query keeps every host in order', () => {
  assert.deepEqual(ids(''), ['web1', 'db', 'pi']);
  assert.deepEqual(ids('   '), ['web1', 'db', 'pi']);
});

test('label, host, user, group and tags are searched, case-insensitively', () => {
  assert.deepEqual(ids('primary'), ['db']);
  assert.deepEqual(ids('PROD.EXAMPLE'), ['web1']);
  assert.deepEqual(ids('postgres'), ['db']);
  assert.deepEqual(ids('production'), ['web1', 'db']);
  assert.deepEqual(ids('nginx'), ['web1'], 'notes are not searched');
});

test('every word must match, each in some field', () => {
  assert.deepEqual(ids('production db'), ['db']);
  assert.deepEqual(ids('eu deploy'), ['web1']);
  assert.deepEqual(ids('production pi'), []);
});

test('a word never matches across two fields', () => {
  // "5\npostgres" joins host and user; "5postgres" must not be found there.
  assert.deepEqual(ids('5postgres'), []);
});

test('user@host:port as shown in the list finds the host', () => {
  assert.deepEqual(ids('postgres@10.0.0.5:5022'), ['db']);
  assert.deepEqual(ids('pi@pi'), ['pi']);
});
