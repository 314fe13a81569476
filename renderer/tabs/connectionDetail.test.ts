// A waiting tab reads its stage, attempt and next attempt time from the pool's health for its connection key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, PoolSnapshot } from '../../app/health.js';
import type { ConnectionKey } from '../../app/hosts.js';
import { connectionDetail } from './connectionDetail.js';

function connection(over: Partial<ConnectionHealth>): ConnectionHealth {
  return {
    id: 'c1',
    state: 'ready',
    channels: 1,
    channelCap: 10,
    tunnels: 0,
    rttMs: null,
    keepaliveMisses: 0,
    keepalive: null,
    bytesIn: 0,
    bytesOut: 0,
    createdAt: 0,
    lastUsedAt: 0,
    stage: 'ready',
    authMethod: null,
    reconnectAttempt: 0,
    reconnectAttempts: 5,
    nextAttemptAt: null,
    lastError: null,
    ...over,
  };
}

function snapshot(key: string, connections: ConnectionHealth[]): PoolSnapshot {
  const counters = { handshakes: 0, reuses: 0, channelOpens: 0, channelOpenFailures: 0, reconnects: 0, errors: 0 };
  return {
    hosts: [
      { key: 'other@x:22' as ConnectionKey, connections: [connection({ state: 'connecting', stage: 'tcp' })], counters, waiting: 0, lastError: null, forwards: [] },
      { key: key as ConnectionKey, connections, counters, waiting: 0, lastError: null, forwards: [] },
    ],
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
