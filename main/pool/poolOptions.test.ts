import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_POOL_OPTIONS, reconnectDelayMs, resolvePoolOptions } from './poolOptions.js';
import { ConnectionPool } from './connectionPool.js';

test('defaults are the documented ones', () => {
  const o = resolvePoolOptions();
  assert.equal(o.maxChannelsPerConnection, 10);
  assert.equal(o.maxConnectionsPerHost, 3);
  assert.equal(o.keepaliveIntervalMs, 15000);
  assert.equal(o.keepaliveCountMax, 3);
  assert.equal(o.readyTimeoutMs, 20000);
  assert.equal(o.idleTimeoutMs, 300000);
  assert.equal(o.acquireTimeoutMs, 30000);
  assert.equal(o.maxConnections, 64);
  assert.deepEqual(o.reconnect, { attempts: 8, baseDelayMs: 500, maxDelayMs: 30000, jitter: 0.3 });
  assert.equal(DEFAULT_POOL_OPTIONS.maxChannelsPerConnection, 10);
});

test('a bad option value throws an error naming the option and the allowed range', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ maxChannelsPerConnection: 0 }, /maxChannelsPerConnection must be an integer from 1 to 1000, got 0/],
    [{ maxConnectionsPerHost: 2.5 }, /maxConnectionsPerHost must be an integer from 1 to 100, got 2.5/],
    [{ keepaliveIntervalMs: -1 }, /keepaliveIntervalMs must be 0 \(off\) or an integer from 50 to 3600000, got -1/],
    [{ keepaliveIntervalMs: 20 }, /keepaliveIntervalMs must be 0 \(off\) or an integer from 50 to 3600000, got 20/],
    [{ keepaliveCountMax: 'three' }, /keepaliveCountMax must be an integer from 1 to 100, got three/],
    [{ readyTimeoutMs: 10 }, /readyTimeoutMs must be an integer from 100/],
    [{ idleTimeoutMs: -5 }, /idleTimeoutMs must be an integer from 0/],
    [{ acquireTimeoutMs: 1e9 }, /acquireTimeoutMs must be an integer from 0 to 600000/],
    [{ maxConnections: 0 }, /maxConnections must be an integer from 1 to 10000/],
    [{ reconnect: { attempts: -1 } }, /reconnect.attempts must be an integer from 0 to 1000/],
    [{ reconnect: { jitter: 2 } }, /reconnect.jitter must be a number from 0 to 1, got 2/],
    [{ reconnect: { baseDelayMs: 1000, maxDelayMs: 10 } }, /reconnect.maxDelayMs \(10\) must be at least reconnect.baseDelayMs \(1000\)/],
    [{ verifyHostKey: 'yes' }, /verifyHostKey must be a function/],
    [{ knownHostKeyTypes: ['ssh-ed25519'] }, /knownHostKeyTypes must be a function/],
    [{ maxChanels: 3 }, /unknown pool option maxChanels/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => new ConnectionPool(input), message, JSON.stringify(input));
  }
});

test('keepaliveIntervalMs 0 is accepted: keep-alives off, as ServerAliveInterval 0', () => {
  assert.equal(resolvePoolOptions({ keepaliveIntervalMs: 0 }).keepaliveIntervalMs, 0);
});

test('reconnect backoff doubles from the base, is capped, and jitter stays within its fraction', () => {
  const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
  const mid = () => 0.5; // jitter term cancels out
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => reconnectDelayMs(policy, n, mid)), [100, 200, 400, 800, 1000, 1000]);
  assert.equal(reconnectDelayMs(policy, 3, () => 0), 200);
  assert.equal(reconnectDelayMs(policy, 3, () => 0.999999), 600);
});
