// Dead links, resets, reconnects and hostile servers: the faults a person on flaky Wi-Fi lives with.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FaultProxy } from '../../test/fixtures/faultProxy.js';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { shellRoundTrip } from '../../test/fixtures/shellRoundTrip.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from './connectionPool.js';
import type { PoolError } from './poolError.js';
import type { ChannelCloseReason, PoolShell } from './poolShell.js';

function closeOf(shell: PoolShell): Promise<{ reason: ChannelCloseReason; at: number }> {
  return new Promise((resolve) => shell.onClose((reason) => resolve({ reason, at: Date.now() })));
}

describe('link failures in front of a real sshd', () => {
  let server: OpenSshServer;
  let proxy: FaultProxy;
  before(async () => {
    server = await OpenSshServer.start();
  });
  after(async () => {
    await server.stop();
  });
  const target = () => ({ ...server.target(), port: proxy.port });

  test('a reset socket is noticed within 1 s: every channel closes with the reason and pending exec rejects', async () => {
    proxy = await FaultProxy.start(server.port);
    const pool = new ConnectionPool({ reconnect: { attempts: 0 } });
    try {
      const shells = await Promise.all([0, 1].map(() => pool.openShell(target(), { cols: 80, rows: 24 })));
      const closes = shells.map(closeOf);
      const exec = pool.exec(target(), 'sleep 20');
      await waitFor('exec running', () => pool.snapshot().hosts[0]?.connections[0]?.channels === 3);
      const resetAt = Date.now();
      proxy.reset();
      for (const { reason, at } of await Promise.all(closes)) {
        assert.equal(reason.type, 'connection-lost');
        if (reason.type === 'connection-lost') assert.match(reason.error.message, /was reset|closed the connection/);
        assert.ok(at - resetAt < 1000, `noticed after ${at - resetAt} ms`);
      }
      await assert.rejects(exec, (err: PoolError) => {
        assert.equal(err.code, 'CONNECTION_LOST');
        assert.match(err.message, new RegExp(`exec "sleep 20" on ${server.username}@127\\.0\\.0\\.1:\\d+ failed`));
        return true;
      });
      assert.ok(Date.now() - resetAt < 1000);
      await waitFor('connection and host gone from the pool', () => pool.snapshot().hosts.length === 0);
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });

  test('a silent peer (traffic blackholed, socket open) is declared dead within (countMax + 1) x interval + 1 s', async () => {
    proxy = await FaultProxy.start(server.port);
    const interval = 200;
    const countMax = 3;
    const pool = new ConnectionPool({ keepaliveIntervalMs: interval, keepaliveCountMax: countMax, reconnect: { attempts: 0 } });
    try {
      const shell = await pool.openShell(target(), { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      const exec = pool.exec(target(), 'sleep 20');
      await waitFor('a keep-alive answered', () => pool.snapshot().hosts[0]?.connections[0]?.rttMs !== null, 2000);
      const misses: number[] = [];
      const off = pool.onChange(() => {
        const m = pool.snapshot().hosts[0]?.connections[0]?.keepaliveMisses;
        if (m !== undefined && m !== misses[misses.length - 1]) misses.push(m);
      });
      const silentAt = Date.now();
      proxy.blackhole();
      const { reason, at } = await closed;
      off();
      const took = at - silentAt;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type === 'connection-lost') assert.match(reason.error.message, /did not answer 3 keep-alives/);
      assert.ok(took <= (countMax + 1) * interval + 1000, `declared dead after ${took} ms`);
      // Not merely a socket error: the misses counted up, visible in the snapshot, before the verdict.
      assert.ok(took >= (countMax - 1) * interval, `declared dead too early, after ${took} ms`);
      assert.deepEqual(misses.filter((m) => m > 0).slice(0, 2), [1, 2]);
      await assert.rejects(exec, (err: PoolError) => err.code === 'CONNECTION_LOST');
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });

  test('a dropped connection with tabs comes back with backoff; the tab learns when to reopen', async () => {
    proxy = await FaultProxy.start(server.port);
    const pool = new ConnectionPool({ reconnect: { attempts: 6, baseDelayMs: 100, maxDelayMs: 2000, jitter: 0 } });
    try {
      const shell = await pool.openShell(target(), { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      const attempts: Array<{ attempt: number; at: number }> = [];
      const states = new Set<string>();
      pool.onChange(() => {
        const c = pool.snapshot().hosts[0]?.connections[0];
        if (!c) return;
        states.add(c.state);
        if (c.reconnectAttempt > 0 && attempts[attempts.length - 1]?.attempt !== c.reconnectAttempt) {
          attempts.push({ attempt: c.reconnectAttempt, at: Date.now() });
        }
      });
      proxy.refuse(); // the host is unreachable for a while
      proxy.reset();
      const { reason } = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      await waitFor('three failed attempts', () => attempts.length >= 3, 5000);
      assert.equal(pool.snapshot().hosts[0]?.connections[0]?.state, 'reconnecting');
      proxy.refuse(false);
      assert.equal(await reason.restored, true);
      const gaps = attempts.slice(1).map((a, i) => a.at - (attempts[i] as { at: number }).at);
      // Exponential: 100, 200, 400 ms between attempts (jitter 0), each gap longer than the last.
      assert.ok(gaps.length >= 2 && (gaps[1] as number) > (gaps[0] as number) * 1.5, `gaps ${gaps.join(', ')}`);
      const host = pool.snapshot().hosts[0];
      assert.equal(host?.connections[0]?.state, 'ready');
      assert.equal(host?.counters.reconnects, 1);
      assert.ok(states.has('reconnecting'));
      // The upper layer reopens the shell in the same tab; it rides the restored connection.
      const reopened = await pool.openShell(target(), { cols: 80, rows: 24 });
      await shellRoundTrip(reopened, 'back');
      assert.equal(reopened.connectionId, shell.connectionId);
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });

  test('reconnecting gives up after the policy attempts and says so', async () => {
    proxy = await FaultProxy.start(server.port);
    const pool = new ConnectionPool({ reconnect: { attempts: 2, baseDelayMs: 50, maxDelayMs: 100, jitter: 0 } });
    try {
      const shell = await pool.openShell(target(), { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      proxy.refuse();
      proxy.reset();
      const { reason } = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      const ended = await reason.restored;
      assert.ok(ended !== true);
      assert.match(ended.message, new RegExp(`gave up reconnecting to ${server.username}@127\\.0\\.0\\.1:\\d+ after 2 attempts`));
      assert.deepEqual(pool.snapshot().hosts, []);
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });

  test('revalidate(): a healthy link answers and is kept; a silenced one is found dead within 1 s and its tab comes back at once', async () => {
    proxy = await FaultProxy.start(server.port);
    // Keep-alives alone would take (3 + 1) x 15 s to notice; a backoff would wait at least 3.5 s before the first attempt.
    const pool = new ConnectionPool({ keepaliveIntervalMs: 15_000, keepaliveCountMax: 3, reconnect: { baseDelayMs: 5000 } });
    try {
      const shell = await pool.openShell(target(), { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      const asked = Date.now();
      await pool.revalidate();
      assert.ok(Date.now() - asked < 500, `a live link answers in a round trip, took ${Date.now() - asked} ms`);
      assert.equal(shell.isOpen, true);
      assert.equal(typeof pool.snapshot().hosts[0]?.connections[0]?.rttMs, 'number');
      await shellRoundTrip(shell, 'healthy');

      proxy.silenceOpen();
      const silencedAt = Date.now();
      await pool.revalidate();
      const { reason, at } = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      assert.match(reason.error.message, /did not answer a keep-alive within 1000 ms after a wake from sleep or a network change; the link is dead/);
      assert.ok(at - silencedAt >= 1000 && at - silencedAt < 1800, `found dead after ${at - silencedAt} ms`);
      assert.equal(await reason.restored, true);
      // No backoff before the first attempt: the link was judged dead, not failing again and again.
      assert.ok(Date.now() - at < 1500, `back ${Date.now() - at} ms after the loss`);
      const reopened = await pool.openShell(target(), { cols: 80, rows: 24 });
      await shellRoundTrip(reopened, 'revalidated');
      assert.equal(pool.snapshot().hosts[0]?.counters.reconnects, 1);
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });

  test('a connection without channels that drops is not reconnected', async () => {
    proxy = await FaultProxy.start(server.port);
    const pool = new ConnectionPool({ reconnect: { attempts: 5, baseDelayMs: 50, maxDelayMs: 100, jitter: 0 } });
    try {
      await pool.warm(target());
      const accepted = proxy.accepted;
      proxy.reset();
      await waitFor('connection removed', () => pool.snapshot().hosts.length === 0);
      await sleep(300);
      assert.equal(proxy.accepted, accepted);
      assert.deepEqual(pool.snapshot().hosts, []);
    } finally {
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });
});

/** The fault server lets anyone in by default; the password only gives the pool a method to try. */
const open = (server: FaultSshServer) => ({ host: server.host, port: server.port, username: 'u', password: 'any' });

describe('hostile or broken servers (in-process ssh2 fixture)', () => {
  test('keep-alives that go unanswered on a healthy TCP link declare the connection dead', async () => {
    const server = await FaultSshServer.start({ ignoreKeepalives: true });
    const pool = new ConnectionPool({ keepaliveIntervalMs: 150, keepaliveCountMax: 2, reconnect: { attempts: 0 } });
    try {
      const shell = await pool.openShell(open(server), { cols: 80, rows: 24 });
      const openedAt = Date.now();
      const { reason, at } = await closeOf(shell);
      assert.equal(reason.type, 'connection-lost');
      if (reason.type === 'connection-lost') assert.match(reason.error.message, /did not answer 2 keep-alives/);
      assert.ok(at - openedAt <= 3 * 150 + 1000, `after ${at - openedAt} ms`);
      assert.equal(pool.snapshot().hosts[0]?.connections[0]?.rttMs ?? null, null);
    } finally {
      await pool.close({ graceMs: 100 });
      await server.stop();
    }
  });

  test('a slow handshake fails with a timeout that names the host', async () => {
    const server = await FaultSshServer.start({ handshakeDelayMs: 2000 });
    const pool = new ConnectionPool({ readyTimeoutMs: 300 });
    try {
      const started = Date.now();
      await assert.rejects(pool.exec(open(server), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'HANDSHAKE_TIMEOUT');
        assert.equal(err.message, `SSH handshake with u@127.0.0.1:${server.port} timed out after 300 ms`);
        return true;
      });
      assert.ok(Date.now() - started < 1500);
      assert.deepEqual(pool.snapshot().hosts, []);
    } finally {
      await pool.close({ graceMs: 100 });
      await server.stop();
    }
  });

  test('an abrupt close mid-session reaches every tab as a lost connection', async () => {
    const server = await FaultSshServer.start();
    const pool = new ConnectionPool({ reconnect: { attempts: 0 } });
    try {
      const target = open(server);
      const shells = await Promise.all([0, 1, 2].map(() => pool.openShell(target, { cols: 80, rows: 24 })));
      const closes = shells.map(closeOf);
      const droppedAt = Date.now();
      server.dropAll();
      for (const { reason, at } of await Promise.all(closes)) {
        assert.equal(reason.type, 'connection-lost');
        assert.ok(at - droppedAt < 1000);
      }
    } finally {
      await pool.close({ graceMs: 100 });
      await server.stop();
    }
  });

  test('a server refusing channels with reason 1 also lowers the cap and the request spills', async () => {
    const server = await FaultSshServer.start({ maxSessions: 2 });
    const pool = new ConnectionPool();
    try {
      const target = open(server);
      const results = await Promise.all([0, 1, 2, 3].map(() => pool.exec(target, 'hello')));
      assert.deepEqual(results.map((r) => r.stdout), ['hello\n', 'hello\n', 'hello\n', 'hello\n']);
      const shells = await Promise.all([0, 1, 2].map(() => pool.openShell(target, { cols: 80, rows: 24 })));
      const host = pool.snapshot().hosts[0];
      assert.ok(host && host.counters.channelOpenFailures >= 1);
      assert.deepEqual(host?.connections.map((c) => c.channelCap).sort((a, b) => a - b), [2, 10]);
      assert.equal(new Set(shells.map((s) => s.connectionId)).size, 2);
    } finally {
      await pool.close({ graceMs: 100 });
      await server.stop();
    }
  });
});
