// Each connection keeps its last round trips; a snapshot that repeats an answer does not add a point.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, PoolSnapshot } from '../../app/health.js';
import { connectionKeyOf } from '../../app/hosts.js';
import { recordRtt, type RttHistory } from './rttHistory.js';

function snapshot(conns: Partial<ConnectionHealth>[]): PoolSnapshot {
  return {
    hosts: [
      {
        key: connectionKeyOf({ username: 'al', host: 'db' }),
        connections: conns.map((c) => ({ id: 'c1', rttMs: null, ...c }) as ConnectionHealth),
        counters: { handshakes: 1, reuses: 0, channelOpens: 0, channelOpenFailures: 0, reconnects: 0, errors: 0 },
        waiting: 0,
        lastError: null,
        forwards: [],
      },
    ],
  };
}

const opts = { limit: 3, repeatAfterMs: 15_000 };

test('new answers are added per connection, the oldest dropped past the limit', () => {
  let h: RttHistory = new Map();
  let t = 0;
  for (const rtt of [1.1, 1.2, 1.3, 1.4]) h = recordRtt(h, snapshot([{ id: 'c1', rttMs: rtt }, { id: 'c2', rttMs: rtt * 10 }]), (t += 1000), opts);
  assert.deepEqual(h.get('c1')?.values, [1.2, 1.3, 1.4]);
  assert.deepEqual(h.get('c2')?.values, [12, 13, 14]);
});

test('a snapshot repeating the last answer adds nothing until a keep-alive interval has passed', () => {
  let h: RttHistory = recordRtt(new Map(), snapshot([{ rttMs: 2 }]), 0, opts);
  h = recordRtt(h, snapshot([{ rttMs: 2 }]), 250, opts);
  h = recordRtt(h, snapshot([{ rttMs: 2 }]), 500, opts);
  assert.deepEqual(h.get('c1')?.values, [2]);
  h = recordRtt(h, snapshot([{ rttMs: 2 }]), 15_000, opts);
  assert.deepEqual(h.get('c1')?.values, [2, 2]);
});

test("a connection's own keep-alive interval decides when an equal value is a new answer", () => {
  const own = { rttMs: 2, keepalive: { intervalMs: 5000, countMax: 3 } };
  let h: RttHistory = recordRtt(new Map(), snapshot([own]), 0, opts);
  h = recordRtt(h, snapshot([own]), 4000, opts);
  assert.deepEqual(h.get('c1')?.values, [2]);
  h = recordRtt(h, snapshot([own]), 5000, opts);
  assert.deepEqual(h.get('c1')?.values, [2, 2]);
});

test('a connection gone from the pool is forgotten; one without an answer yet keeps what it had', () => {
  let h: RttHistory = recordRtt(new Map(), snapshot([{ id: 'c1', rttMs: 3 }, { id: 'c2', rttMs: 4 }]), 0, opts);
  h = recordRtt(h, snapshot([{ id: 'c1', rttMs: null }]), 1000, opts);
  assert.deepEqual([...h.keys()], ['c1']);
  assert.deepEqual(h.get('c1')?.values, [3]);
});
