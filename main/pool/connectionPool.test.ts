// Pool behaviour against a real OpenSSH sshd on 127.0.0.1.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { connectionKeyOf } from '../../app/hosts.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { shellRoundTrip } from '../../test/fixtures/shellRoundTrip.js';
import { ThrowawayAccount } from '../../test/fixtures/throwawayAccount.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from './connectionPool.js';
import { PoolError } from './poolError.js';
import type { ChannelCloseReason } from './poolShell.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** How many logins sshd accepted: the server's own count of handshakes. */
function acceptedLogins(server: OpenSshServer): number {
  return server.log().split('\n').filter((l) => l.includes('Accepted publickey')).length;
}

describe('pool against OpenSSH (MaxSessions 10)', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start({ maxSessions: 10 });
  });
  after(async () => {
    await server.stop();
  });

  test('single-flight: 20 shells at once with a cap of 10 make exactly 2 handshakes and 2 connections', async () => {
    const pool = new ConnectionPool();
    const loginsBefore = acceptedLogins(server);
    try {
      const shells = await Promise.all(Array.from({ length: 20 }, () => pool.openShell(server.target(), { cols: 80, rows: 24 })));
      const host = pool.snapshot().hosts[0];
      assert.ok(host);
      assert.equal(host.counters.handshakes, 2);
      assert.equal(host.connections.length, 2);
      assert.deepEqual(host.connections.map((c) => c.channels), [10, 10]);
      assert.equal(new Set(shells.map((s) => s.connectionId)).size, 2);
      await waitFor('sshd to log both logins', () => acceptedLogins(server) - loginsBefore === 2);
      await Promise.all(shells.map((s, i) => shellRoundTrip(s, `tab${i}`)));
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('a warm host reuses its connection: a second tab and an exec make no new handshake', async () => {
    const pool = new ConnectionPool();
    try {
      const first = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const second = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const r = await pool.exec(server.target(), 'echo pooled');
      assert.equal(r.stdout, 'pooled\n');
      const host = pool.snapshot().hosts[0];
      assert.equal(host?.counters.handshakes, 1);
      assert.equal(host?.counters.reuses, 2);
      assert.equal(first.connectionId, second.connectionId);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('spill and exhaustion: 3 connections x 10 channels, then FIFO waiting, then a clear error', async () => {
    const pool = new ConnectionPool({ acquireTimeoutMs: 400 });
    try {
      const shells = await Promise.all(Array.from({ length: 30 }, () => pool.openShell(server.target(), { cols: 80, rows: 24 })));
      assert.equal(pool.snapshot().hosts[0]?.connections.length, 3);
      const key = `${server.username}@127.0.0.1:${server.port}`;
      await assert.rejects(pool.openShell(server.target(), { cols: 80, rows: 24 }), (err: PoolError) => {
        assert.equal(err.code, 'POOL_EXHAUSTED');
        assert.equal(err.message, `pool exhausted for ${key} (3 connections x 10 channels busy)`);
        return true;
      });

      // Two requests wait; freed slots go to them in the order they asked.
      const slow = new ConnectionPool({ acquireTimeoutMs: 5000, maxConnectionsPerHost: 1, maxChannelsPerConnection: 2 });
      try {
        const [a, b] = await Promise.all([slow.openShell(server.target(), { cols: 80, rows: 24 }), slow.openShell(server.target(), { cols: 80, rows: 24 })]);
        const order: string[] = [];
        const first = slow.exec(server.target(), 'echo first').then((r) => order.push(r.stdout.trim()));
        await waitFor('first waiter queued', () => slow.snapshot().hosts[0]?.waiting === 1);
        const second = slow.exec(server.target(), 'echo second').then((r) => order.push(r.stdout.trim()));
        await waitFor('second waiter queued', () => slow.snapshot().hosts[0]?.waiting === 2);
        a?.close();
        await first;
        b?.close();
        await Promise.all([first, second]);
        assert.deepEqual(order, ['first', 'second']);
      } finally {
        await slow.close({ graceMs: 100 });
      }
      await Promise.all(shells.slice(0, 3).map((s, i) => shellRoundTrip(s, `still${i}`)));
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('closing one channel never closes another channel or its connection', async () => {
    const pool = new ConnectionPool();
    try {
      const a = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const b = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const reasons: unknown[] = [];
      b.onClose((r) => reasons.push(r));
      const closedA = new Promise((resolve) => a.onClose(resolve));
      a.close();
      assert.deepEqual(await closedA, { type: 'closed' });
      await shellRoundTrip(b, 'survivor');
      assert.equal(b.isOpen, true);
      assert.deepEqual(reasons, []);
      const host = pool.snapshot().hosts[0];
      assert.equal(host?.connections.length, 1);
      assert.equal(host?.connections[0]?.channels, 1);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('a shell reports the exit code and the signal it ended with', async () => {
    const pool = new ConnectionPool();
    try {
      const s1 = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const r1 = new Promise((resolve) => s1.onClose(resolve));
      s1.write('exit 7\n');
      assert.deepEqual(await r1, { type: 'exit', code: 7 });
      const s2 = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const r2 = new Promise((resolve) => s2.onClose(resolve));
      s2.write('kill -KILL $$\n');
      assert.deepEqual(await r2, { type: 'signal', signal: 'SIGKILL' });
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('shell output arrives byte-exact, including bytes printed before the first listener', async () => {
    const pool = new ConnectionPool();
    try {
      const shell = await pool.openShell(server.target(), { cols: 200, rows: 50, term: 'dumb' });
      shell.write("stty raw -echo; printf 'pre\\377\\000\\001\\342\\224\\200post\\n'\n");
      await sleep(300); // the output is printed before anyone listens
      const chunks: Buffer[] = [];
      shell.onData((d) => chunks.push(Buffer.from(d)));
      await waitFor('marker bytes', () => Buffer.concat(chunks).includes(Buffer.from('post')));
      const all = Buffer.concat(chunks);
      assert.ok(all.includes(Buffer.from([0x70, 0x72, 0x65, 0xff, 0x00, 0x01, 0xe2, 0x94, 0x80, 0x70, 0x6f, 0x73, 0x74])), all.toString('hex'));
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('resize reaches the remote pty', async () => {
    const pool = new ConnectionPool();
    try {
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      let out = '';
      shell.onData((d) => (out += Buffer.from(d).toString()));
      shell.resize(132, 43);
      await sleep(100);
      shell.write('echo size=$(stty size)\n');
      await waitFor('stty size', () => out.includes('size=43 132'));
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('exec returns code, signal, stdout, stderr, honours stdin, and bytes are exact', async () => {
    const pool = new ConnectionPool();
    try {
      const r = await pool.exec(server.target(), 'echo out; echo err >&2; exit 3');
      assert.deepEqual([r.code, r.signal, r.stdout, r.stderr], [3, null, 'out\n', 'err\n']);
      const k = await pool.exec(server.target(), 'kill -TERM $$');
      assert.deepEqual([k.code, k.signal], [null, 'SIGTERM']);
      const c = await pool.exec(server.target(), 'tr a-z A-Z', { stdin: 'through stdin' });
      assert.equal(c.stdout, 'THROUGH STDIN');
      const bin = await pool.exec(server.target(), 'f=$(mktemp) && head -c 300000 /dev/urandom > "$f" && sha256sum "$f" | cut -d" " -f1 && cat "$f" && rm "$f"');
      const nl = bin.stdoutBytes.indexOf(0x0a);
      const remoteSha = bin.stdoutBytes.subarray(0, nl).toString();
      const bytes = bin.stdoutBytes.subarray(nl + 1);
      assert.equal(bytes.length, 300000);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), remoteSha);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('exec timeout signals the command, names command and host, and the connection stays usable', async (t) => {
    let target = server.target();
    if (process.getuid?.() === 0) {
      // OpenSSH runs a root login's session without privilege separation and then refuses signal
      // requests ("session signalling requires privilege separation"): log in as any other user.
      const account = ThrowawayAccount.create();
      t.after(() => account.remove());
      server.authorize(server.clientKey.publicKey, account.user);
      target = { ...target, username: account.user };
    }
    const pool = new ConnectionPool();
    try {
      const started = Date.now();
      const key = `${target.username}@127.0.0.1:${server.port}`;
      await assert.rejects(pool.exec(target, 'sleep 31.4159', { timeoutMs: 300 }), (err: PoolError) => {
        assert.equal(err.code, 'EXEC_TIMEOUT');
        assert.equal(err.message, `exec "sleep 31.4159" on ${key} timed out after 300 ms`);
        return true;
      });
      assert.ok(Date.now() - started < 3000);
      const after = await pool.exec(target, 'echo alive');
      assert.equal(after.stdout, 'alive\n');
      const host = pool.snapshot().hosts[0];
      assert.equal(host?.connections.length, 1);
      assert.equal(host?.counters.handshakes, 1);
      await waitFor('timed-out channel released', () => pool.snapshot().hosts[0]?.connections[0]?.channels === 0);
      // The remote sleep was killed, not left running (the bracket keeps pgrep from matching this shell).
      const ps = await pool.exec(target, "pgrep -f 'sleep 31[.]4159' || true");
      assert.equal(ps.stdout.trim(), '');
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('exec output past maxBufferBytes rejects instead of returning a truncated success', async () => {
    const pool = new ConnectionPool();
    try {
      await assert.rejects(pool.exec(server.target(), 'head -c 200000 /dev/zero', { maxBufferBytes: 65536 }), (err: PoolError) => {
        assert.equal(err.code, 'EXEC_OUTPUT_LIMIT');
        assert.match(err.message, new RegExp(`exec "head -c 200000 /dev/zero" on ${server.username}@127\\.0\\.0\\.1:\\d+ produced more than 65536 bytes of output \\(maxBufferBytes\\)`));
        return true;
      });
      assert.equal((await pool.exec(server.target(), 'echo ok')).stdout, 'ok\n');
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('a 300 KiB command is refused before it is sent, in a short message naming the limit; the tab beside it lives on', async () => {
    const pool = new ConnectionPool();
    try {
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const huge = `echo ${'x'.repeat(300 * 1024)}`;
      await assert.rejects(pool.exec(server.target(), huge), (err: PoolError) => {
        assert.equal(err.code, 'EXEC_COMMAND_TOO_LONG');
        assert.equal(
          err.message,
          `exec "${huge.slice(0, 200)}..." (${huge.length} characters) is ${huge.length} bytes; commands are limited to 32768 bytes (32 KiB): send long input as stdin instead`,
        );
        return true;
      });
      // sshd would have dropped the whole connection on a packet that size, and every tab with it.
      await shellRoundTrip(shell, 'after-huge');
      // Just under the limit still runs.
      const long = `: ${'y'.repeat(32 * 1024 - 20)}; echo fits`;
      assert.ok(Buffer.byteLength(long) <= 32 * 1024);
      assert.equal((await pool.exec(server.target(), long)).stdout, 'fits\n');
      await shellRoundTrip(shell, 'after-long');
      assert.equal(pool.snapshot().hosts[0]?.counters.handshakes, 1);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('a connection with no channels closes after idleTimeoutMs; one with channels stays', async () => {
    const pool = new ConnectionPool({ idleTimeoutMs: 300 });
    try {
      await pool.exec(server.target(), 'true');
      assert.equal(pool.snapshot().hosts[0]?.connections.length, 1);
      await waitFor('idle connection closed and its host forgotten', () => pool.snapshot().hosts.length === 0, 3000);
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      await sleep(700);
      assert.equal(pool.snapshot().hosts[0]?.connections.length, 1);
      await shellRoundTrip(shell, 'busy');
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('keep-alives are on by default settings and rttMs is a measured round trip', async () => {
    const pool = new ConnectionPool({ keepaliveIntervalMs: 100 });
    try {
      await pool.warm(server.target());
      assert.equal(pool.snapshot().hosts[0]?.connections[0]?.rttMs, null);
      await waitFor('a keep-alive answer', () => typeof pool.snapshot().hosts[0]?.connections[0]?.rttMs === 'number', 2000);
      const c = pool.snapshot().hosts[0]?.connections[0];
      assert.ok(c && c.rttMs !== null && c.rttMs > 0 && c.rttMs < 100, `rtt ${c?.rttMs}`);
      assert.equal(c?.keepaliveMisses, 0);
      assert.ok((c?.bytesIn ?? 0) > 0 && (c?.bytesOut ?? 0) > 0);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('TCP_NODELAY: two quick keystrokes to a silent remote are not held back by the 40 ms small-packet delay', async () => {
    const pool = new ConnectionPool();
    try {
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      let out = '';
      shell.onData((d) => (out += Buffer.from(d).toString()));
      const times: number[] = [];
      for (let i = 0; i < 9; i++) {
        // The remote reads two bytes without echoing: with Nagle the second keystroke waits for the
        // server's delayed ACK of the first (~40 ms); with TCP_NODELAY both leave at once.
        shell.write(`stty raw -echo; head -c 2 >/dev/null; stty sane; echo got-$((${i}+1000))\n`);
        await sleep(150);
        const t0 = performance.now();
        shell.write('a');
        shell.write('b');
        await waitFor('the remote to read both keystrokes', () => out.includes(`got-${i + 1000}`), 3000, 1);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[4] as number;
      // Measured here: ~6 ms with TCP_NODELAY, ~45 ms without.
      assert.ok(median < 25, `median keystroke pair ${median.toFixed(1)} ms`);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('warm() opens connections ahead of need, so the first tab makes no handshake', async () => {
    const pool = new ConnectionPool();
    try {
      await pool.warm(server.target(), { connections: 2 });
      const before = pool.snapshot().hosts[0];
      assert.equal(before?.connections.filter((c) => c.state === 'ready').length, 2);
      await pool.openShell(server.target(), { cols: 80, rows: 24 });
      assert.equal(pool.snapshot().hosts[0]?.counters.handshakes, 2);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('onChange fires on state and count changes and unsubscribes', async () => {
    const pool = new ConnectionPool();
    try {
      const states: string[] = [];
      const off = pool.onChange(() => {
        const c = pool.snapshot().hosts[0]?.connections[0];
        if (c && states[states.length - 1] !== `${c.state}/${c.channels}`) states.push(`${c.state}/${c.channels}`);
      });
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const closed = new Promise((r) => shell.onClose(r));
      shell.close();
      await closed;
      off();
      const count = states.length;
      await pool.exec(server.target(), 'true');
      assert.deepEqual(states, ['connecting/1', 'ready/1', 'ready/0']);
      assert.equal(states.length, count);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('the host-key hook is called through the callback form: an async "no" refuses before authentication', async () => {
    const seen: string[] = [];
    const refusing = new ConnectionPool({
      verifyHostKey: async (k) => {
        seen.push(`${k.host}:${k.port} ${k.keyType} ${k.fingerprint}`);
        await sleep(50);
        throw new Error(`host key for ${k.host}:${k.port} is not trusted`);
      },
    });
    const logins = acceptedLogins(server);
    try {
      await assert.rejects(refusing.exec(server.target(), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'HOST_KEY_REFUSED');
        assert.match(err.message, /is not trusted/);
        return true;
      });
      assert.equal(seen.length, 1);
      assert.match(seen[0] as string, /^127\.0\.0\.1:\d+ ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}$/);
      await sleep(100);
      assert.equal(acceptedLogins(server), logins, 'no login may happen after a refused host key');
    } finally {
      await refusing.close();
    }
    const accepting = new ConnectionPool({ verifyHostKey: async () => undefined });
    try {
      assert.equal((await accepting.exec(server.target(), 'echo trusted')).stdout, 'trusted\n');
    } finally {
      await accepting.close();
    }
  });
});

describe('server refusing channels (sshd MaxSessions 3 below the pool cap of 10)', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start({ maxSessions: 3 });
  });
  after(async () => {
    await server.stop();
  });

  test('the cap drops to what the server accepted, the request moves on, and open channels keep working', async () => {
    const pool = new ConnectionPool();
    try {
      const shells = await Promise.all(Array.from({ length: 5 }, () => pool.openShell(server.target(), { cols: 80, rows: 24 })));
      const host = pool.snapshot().hosts[0];
      assert.ok(host);
      assert.ok(host.counters.channelOpenFailures >= 1);
      const byCap = host.connections.map((c) => [c.channelCap, c.channels]);
      assert.deepEqual(byCap[0], [3, 3]);
      assert.equal(host.connections.reduce((n, c) => n + c.channels, 0), 5);
      await Promise.all(shells.map((s, i) => shellRoundTrip(s, `capped${i}`)));
      // The lowered cap sticks: the next channel goes to the connection with room, no refusal needed.
      const failures = host.counters.channelOpenFailures;
      await pool.exec(server.target(), 'true');
      assert.equal(pool.snapshot().hosts[0]?.counters.channelOpenFailures, failures);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });
});

describe('maxConnections across hosts', () => {
  const servers: OpenSshServer[] = [];
  before(async () => {
    for (let i = 0; i < 3; i++) servers.push(await OpenSshServer.start());
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('at maxConnections the least recently used idle connection is closed to make room', async () => {
    const [a, b, c] = servers as [OpenSshServer, OpenSshServer, OpenSshServer];
    const pool = new ConnectionPool({ maxConnections: 2 });
    try {
      await pool.exec(a.target(), 'true');
      await sleep(5);
      await pool.exec(b.target(), 'true');
      await pool.exec(c.target(), 'true');
      const live = (s: OpenSshServer) => pool.snapshot().hosts.find((h) => h.key.endsWith(`:${s.port}`))?.connections.filter((x) => x.state === 'ready').length ?? 0;
      await waitFor('LRU connection closed', () => live(a) === 0);
      assert.equal(live(b), 1);
      assert.equal(live(c), 1);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('with no idle connection the request waits, and gets the room once a tab closes', async () => {
    const [a, b, c] = servers as [OpenSshServer, OpenSshServer, OpenSshServer];
    const pool = new ConnectionPool({ maxConnections: 2, acquireTimeoutMs: 300 });
    try {
      const sa = await pool.openShell(a.target(), { cols: 80, rows: 24 });
      await pool.openShell(b.target(), { cols: 80, rows: 24 });
      await assert.rejects(pool.exec(c.target(), 'true'), new RegExp(`pool exhausted for ${c.username}@127\\.0\\.0\\.1:\\d+: all 2 connections \\(maxConnections\\) are busy`));
      const waiting = new ConnectionPool({ maxConnections: 2, acquireTimeoutMs: 5000 });
      try {
        const wa = await waiting.openShell(a.target(), { cols: 80, rows: 24 });
        await waiting.openShell(b.target(), { cols: 80, rows: 24 });
        const pending = waiting.exec(c.target(), 'echo got-room');
        await sleep(200);
        wa.close();
        assert.equal((await pending).stdout, 'got-room\n');
      } finally {
        await waiting.close({ graceMs: 100 });
      }
      sa.close();
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });
});

describe('a server that rekeys often (sshd RekeyLimit 4K)', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start({ extraConfig: ['RekeyLimit 4K', 'LogLevel DEBUG1'] });
  });
  after(async () => {
    await server.stop();
  });

  test('rekeys mid-session are checked against the verified host key and the session carries on', async () => {
    const checks: string[] = [];
    const pool = new ConnectionPool({ verifyHostKey: async (k) => void checks.push(k.fingerprint) });
    try {
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      for (let i = 0; i < 5; i++) {
        const r = await pool.exec(server.target(), 'head -c 20000 /dev/zero | base64 | wc -c');
        assert.equal(r.stdout.trim(), '27019');
      }
      await shellRoundTrip(shell, 'after-rekeys');
      const keyExchanges = server.log().split('\n').filter((l) => l.includes('SSH2_MSG_NEWKEYS received')).length;
      // The first exchange is the login; any further one is a rekey.
      assert.ok(keyExchanges >= 2, `sshd saw ${keyExchanges} key exchanges`);
      assert.equal(checks.length, 1, 'the person is asked once; rekeys compare against the key already verified');
      assert.equal(pool.snapshot().hosts[0]?.counters.handshakes, 1);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });
});

describe('the pool forgets what it no longer needs and applies what changed (real sshd)', () => {
  let server: OpenSshServer;
  before(async () => {
    server = await OpenSshServer.start({ maxSessions: 10 });
  });
  after(async () => {
    await server.stop();
  });
  const key = () => connectionKeyOf(server.target());

  test('once its last tab and its idle connection are closed, a host leaves the snapshot and the pool lets go of its credentials', async () => {
    const pool = new ConnectionPool({ idleTimeoutMs: 200 });
    try {
      // Only a WeakRef of the target leaves this scope: whatever still holds it is the pool's.
      const used = async (): Promise<WeakRef<object>> => {
        const target = { ...server.target(), passphrase: 'unused-but-secret' };
        const shell = await pool.openShell(target, { cols: 80, rows: 24 });
        await shellRoundTrip(shell, 'forget-me');
        const closed = new Promise((r) => shell.onClose(r));
        shell.close();
        await closed;
        return new WeakRef(target);
      };
      const ref = await used();
      assert.deepEqual(pool.snapshot().hosts.map((h) => h.key), [key()], 'listed while its idle connection lingers');
      await waitFor('the idle connection closed and the host forgotten', () => pool.snapshot().hosts.length === 0, 3000);
      // deref() keeps its target alive until the current job ends, so it is asked only after a gc in a later one.
      for (let i = 0; i < 10; i++) {
        gc();
        await new Promise((r) => setImmediate(r));
        if (ref.deref() === undefined) break;
      }
      assert.equal(ref.deref(), undefined, 'the target (key, passphrase) is still reachable from the pool');
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('edited caps apply to the next connection of the key; an edited keep-alive also to the open one', async () => {
    const pool = new ConnectionPool({ keepaliveIntervalMs: 3_600_000, acquireTimeoutMs: 300 });
    try {
      const first = { ...server.target(), maxChannelsPerConnection: 1, maxConnectionsPerHost: 1 };
      await pool.openShell(first, { cols: 80, rows: 24 });
      await assert.rejects(pool.openShell(first, { cols: 80, rows: 24 }), /pool exhausted .* \(1 connections x 1 channels busy\)/);
      const host = () => pool.snapshot().hosts[0];
      assert.deepEqual(host()?.connections[0]?.keepalive, { intervalMs: 3_600_000, countMax: 3 });
      assert.equal(host()?.connections[0]?.rttMs, null, 'no keep-alive yet on an hourly interval');

      const edited = { ...server.target(), maxChannelsPerConnection: 4, maxConnectionsPerHost: 2, keepaliveIntervalMs: 100, keepaliveCountMax: 5 };
      const shells = await Promise.all([0, 1].map(() => pool.openShell(edited, { cols: 80, rows: 24 })));
      await Promise.all(shells.map((s, i) => shellRoundTrip(s, `edited${i}`)));
      const [old, fresh] = host()?.connections ?? [];
      assert.deepEqual([old?.channelCap, old?.channels], [1, 1], 'the open connection keeps the cap it was made with');
      assert.deepEqual([fresh?.channelCap, fresh?.channels], [4, 2], 'the next connection takes the edited cap');
      // The open connection probes on the new interval: a round trip is measured within a second.
      await waitFor('a keep-alive answered on the open connection', () => typeof host()?.connections[0]?.rttMs === 'number', 2000);
      assert.deepEqual(host()?.connections.map((c) => c.keepalive), [{ intervalMs: 100, countMax: 5 }, { intervalMs: 100, countMax: 5 }]);

      // 0 turns keep-alives off on the open connections too.
      await pool.exec({ ...edited, keepaliveIntervalMs: 0 }, 'true');
      assert.deepEqual(host()?.connections.map((c) => c.keepalive), [null, null]);
      const bytes = () => host()?.connections.reduce((n, c) => n + c.bytesOut, 0);
      const before = bytes();
      await sleep(400);
      assert.equal(bytes(), before, 'no keep-alive leaves an idle link once they are off');
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('keepaliveIntervalMs 0 (ServerAliveInterval 0) connects, sends no keep-alives and says link checks are TCP only', async () => {
    const pool = new ConnectionPool();
    try {
      const shell = await pool.openShell({ ...server.target(), keepaliveIntervalMs: 0 }, { cols: 80, rows: 24 });
      await shellRoundTrip(shell, 'no-keepalive');
      const c = pool.snapshot().hosts[0]?.connections[0];
      assert.equal(c?.state, 'ready');
      assert.equal(c?.keepalive, null);
    } finally {
      await pool.close({ graceMs: 100 });
    }
  });

  test('disconnect(key) ends the shells with reason disconnected, rejects waiters, says goodbye to sshd and forgets the host', async () => {
    const pool = new ConnectionPool({ acquireTimeoutMs: 10_000 });
    const other = await OpenSshServer.start();
    try {
      const target = { ...server.target(), maxChannelsPerConnection: 2, maxConnectionsPerHost: 1 };
      const shells = await Promise.all([0, 1].map(() => pool.openShell(target, { cols: 80, rows: 24 })));
      const reasons = shells.map((s) => new Promise<ChannelCloseReason>((r) => s.onClose(r)));
      const survivor = await pool.openShell(other.target(), { cols: 80, rows: 24 });
      const waiting = pool.exec(target, 'echo never').then(
        () => assert.fail('a request waiting for a disconnected host must not run'),
        (err: unknown) => err as PoolError,
      );
      await waitFor('a request waiting for a slot', () => pool.snapshot().hosts.find((h) => h.key === key())?.waiting === 1);
      const disconnectsBefore = server.log().split('\n').filter((l) => /Received disconnect from 127\.0\.0\.1/.test(l)).length;

      await pool.disconnect(key());
      assert.deepEqual(await Promise.all(reasons), [{ type: 'disconnected' }, { type: 'disconnected' }]);
      const refused = await waiting;
      assert.equal(refused.code, 'DISCONNECTED');
      assert.equal(refused.message, `the connection to ${key()} was closed on request (Disconnect); connect again to use it`);
      assert.deepEqual(pool.snapshot().hosts.map((h) => h.key), [`${other.username}@127.0.0.1:${other.port}`], 'only the other host is left');
      // An SSH disconnect, not a dropped socket: sshd logs the client saying goodbye.
      await waitFor('sshd to log the disconnect', () => server.log().split('\n').filter((l) => /Received disconnect from 127\.0\.0\.1/.test(l)).length === disconnectsBefore + 1);
      await shellRoundTrip(survivor, 'other-host');
      // Reconnecting is just using the host again.
      const again = await pool.openShell(target, { cols: 80, rows: 24 });
      await shellRoundTrip(again, 'reconnected');
    } finally {
      await pool.close({ graceMs: 100 });
      await other.stop();
    }
  });
});
