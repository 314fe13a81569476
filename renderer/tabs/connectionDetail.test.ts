// A waiting tab reads its stage, attempt and next attempt time from the pool's health for its connection key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, PoolSnapshot } from '../../app/health.js';
import type { ConnectionKey } from '../../app/hosts.js';
import { connectionHealth, hostHealth } from '../../test/fixtures/connectionHealth.js';
import { connectionDetail } from './connectionDetail.js';

const connection = connectionHealth;

function snapshot(key: string, connections: ConnectionHealth[]): PoolSnapshot {
  return {
    hosts: [hostHealth('other@x:22' as ConnectionKey, [connection({ state: 'connecting', stage: 'tcp' })]), hostHealth(key as ConnectionKey, connections)],
  };
}

const KEY = 'alice@db:22';

test('each connect stage is said in words, the login method included', () => {
  const said = (stage: ConnectionHealth['stage'], authMethod: string | null = null) =>
    connectionDetail(snapshot(KEY, [connection({ state: 'connecting', stage, authMethod })]), KEY, 'connecting').stage;
  assert.equal(said('tcp'), 'reaching the host');
  assert.equal(said('key-exchange'), 'key exchange');
  assert.equal(said('host-key'), 'checking the host key');
  assert.equal(said('authenticating', 'publickey'), 'authenticating with publickey');
  assert.equal(said('authenticating'), 'authenticating');
});

test('a tab whose connection is up is opening its shell', () => {
  assert.deepEqual(connectionDetail(snapshot(KEY, [connection({})]), KEY, 'connecting'), { stage: 'opening the shell' });
});

test("another host's connections never speak for this tab", () => {
  assert.deepEqual(connectionDetail(snapshot('bob@web:22', [connection({ state: 'connecting', stage: 'key-exchange' })]), KEY, 'connecting'), {});
});

test('a reconnecting tab gets attempt k of n and the next attempt time from the reconnecting connection', () => {
  const s = snapshot(KEY, [
    connection({ id: 'own', state: 'ready' }),
    connection({ id: 'shared', state: 'reconnecting', stage: null, reconnectAttempt: 2, reconnectAttempts: 6, nextAttemptAt: 12_345 }),
  ]);
  assert.deepEqual(connectionDetail(s, KEY, 'reconnecting'), { attempt: 2, attempts: 6, nextAttemptAt: 12_345 });
});

test('an attempt under way says its stage', () => {
  const s = snapshot(KEY, [connection({ state: 'reconnecting', stage: 'authenticating', authMethod: 'agent', reconnectAttempt: 3, nextAttemptAt: null })]);
  assert.deepEqual(connectionDetail(s, KEY, 'reconnecting'), { attempt: 3, attempts: 5, stage: 'authenticating with agent' });
});

test('before the first attempt there is no attempt number; with no reconnecting connection, no detail', () => {
  const first = snapshot(KEY, [connection({ state: 'reconnecting', stage: null, reconnectAttempt: 0, nextAttemptAt: 500 })]);
  assert.deepEqual(connectionDetail(first, KEY, 'reconnecting'), { nextAttemptAt: 500 });
  assert.deepEqual(connectionDetail(snapshot(KEY, [connection({})]), KEY, 'reconnecting'), {});
});
