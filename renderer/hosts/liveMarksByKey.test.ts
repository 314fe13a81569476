// A host's live mark follows its pool connections: connected beats reconnecting beats connecting beats failed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, HostHealth } from '../../app/health.js';
import { connectionKeyOf, type Endpoint } from '../../app/hosts.js';
import { liveMarksByKey } from './liveMarksByKey.js';

function connection(fields: Partial<ConnectionHealth>): ConnectionHealth {
  return {
    id: 'c', state: 'ready', channels: 0, channelCap: 10, tunnels: 0, rttMs: null, keepaliveMisses: 0, keepalive: null, bytesIn: 0, bytesOut: 0,
    createdAt: 0, lastUsedAt: 0, stage: 'ready', authMethod: null, reconnectAttempt: 0, reconnectAttempts: 5, nextAttemptAt: null,
    lastError: null, ...fields,
  };
}

function host(target: Endpoint & { jump?: Endpoint[] }, connections: ConnectionHealth[]): HostHealth {
  const counters = { handshakes: 0, reuses: 0, channelOpens: 0, channelOpenFailures: 0, reconnects: 0, errors: 0 };
  return { key: connectionKeyOf(target), connections, counters, waiting: 0, lastError: null, forwards: [] };
}

test('no snapshot yet, or only closed connections: no marks', () => {
  assert.equal(liveMarksByKey(null).size, 0);
  const marks = liveMarksByKey({ hosts: [host({ username: 'a', host: 'x' }, [connection({ state: 'closed' }), connection({ state: 'closing' })])] });
  assert.equal(marks.size, 0);
});

test('ready connections count their channels', () => {
  const marks = liveMarksByKey({
    hosts: [host({ username: 'a', host: 'x' }, [connection({ channels: 2 }), connection({ channels: 1 }), connection({ state: 'reconnecting' })])],
  });
  assert.deepEqual(marks.get('a@x:22'), { state: 'ready', words: 'connected (2 connections, 3 channels)' });
});

test('reconnecting names the attempt; connecting and failed say so', () => {
  const marks = liveMarksByKey({
    hosts: [
      host({ username: 'r', host: 'x' }, [connection({ state: 'reconnecting', reconnectAttempt: 2, reconnectAttempts: 6 }), connection({ state: 'connecting' })]),
      host({ username: 'c', host: 'x' }, [connection({ state: 'connecting' }), connection({ state: 'failed' })]),
      host({ username: 'f', host: 'x', jump: [{ username: 'j', host: 'y' }] }, [connection({ state: 'failed', lastError: 'connection refused' })]),
    ],
  });
  assert.deepEqual(marks.get('r@x:22'), { state: 'reconnecting', words: 'reconnecting (attempt 2 of 6)' });
  assert.deepEqual(marks.get('c@x:22'), { state: 'connecting', words: 'connecting' });
  assert.deepEqual(marks.get('f@x:22 via j@y:22'), { state: 'failed', words: 'failed: connection refused' });
});
