// ProxyJump chains against real sshd bastions: one pooled connection per hop, named failures, host keys checked on every hop.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FaultProxy } from '../../test/fixtures/faultProxy.js';
import { freePort, generateKey, OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { shellRoundTrip } from '../../test/fixtures/shellRoundTrip.js';
import { sleep } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from './connectionPool.js';
import { hostKeyFingerprint } from './hostKeyFingerprint.js';
import type { PoolError } from './poolError.js';
import type { ChannelCloseReason, PoolShell } from './poolShell.js';
import type { PoolTarget } from './poolTarget.js';

const keyOf = (t: { username: string; host: string; port: number }): string => `${t.username}@${t.host}:${t.port}`;

/** Logins sshd accepted: the server's own count of handshakes that reached it. */
function acceptedLogins(server: OpenSshServer): number {
  return server.log().split('\n').filter((l) => l.includes('Accepted publickey')).length;
}

function closeOf(shell: PoolShell): Promise<ChannelCloseReason> {
  return new Promise((resolve) => shell.onClose((reason) => resolve(reason)));
}

describe('jump hosts through real sshd bastions', () => {
  let bastionA: OpenSshServer;
  let bastionB: OpenSshServer;
  let target: OpenSshServer;
  before(async () => {
    bastionA = await OpenSshServer.start();
    bastionB = await OpenSshServer.start();
    target = await OpenSshServer.start();
  });
  after(async () => {
    await Promise.all([bastionA, bastionB, target].map((s) => s.stop()));
  });

  test('A -> target: the target is reached through A, and its pool key names the chain', async () => {
    const pool = new ConnectionPool();
    try {
      const via: PoolTarget = { ...target.target(), jump: [bastionA.target()] };
      const r = await pool.exec(via, 'echo through-a');
      assert.equal(r.stdout, 'through-a\n');
      const hosts = pool.snapshot().hosts;
      const targetKey = `${keyOf(target)} via ${keyOf(bastionA)}`;
      assert.deepEqual(hosts.map((h) => h.key).sort(), [keyOf(bastionA), targetKey].sort());
      const a = hosts.find((h) => h.key === keyOf(bastionA));
      // The bastion carries the target's transport as a tunnel, not as a session.
      assert.equal(a?.connections.length, 1);
      assert.equal(a?.connections[0]?.tunnels, 1);
      assert.equal(a?.connections[0]?.channels, 0);
      assert.equal(hosts.find((h) => h.key === targetKey)?.connections.length, 1);
    } finally {
      await pool.close();
    }
  });

  test('A -> B -> target: first hop first; every hop is its own pooled connection in the snapshot', async () => {
    const pool = new ConnectionPool();
    try {
      const via: PoolTarget = { ...target.target(), jump: [bastionA.target(), bastionB.target()] };
      const aBefore = acceptedLogins(bastionA);
      const bBefore = acceptedLogins(bastionB);
      const shell = await pool.openShell(via, { cols: 80, rows: 24 });
      await shellRoundTrip(shell, 'chain');
      const a = keyOf(bastionA);
      const b = `${keyOf(bastionB)} via ${a}`;
      const t = `${keyOf(target)} via ${keyOf(bastionA)} > ${keyOf(bastionB)}`;
      const hosts = pool.snapshot().hosts;
      assert.deepEqual(hosts.map((h) => h.key).sort(), [a, b, t].sort());
      for (const key of [a, b, t]) assert.equal(hosts.find((h) => h.key === key)?.counters.handshakes, 1, key);
      assert.equal(hosts.find((h) => h.key === a)?.connections[0]?.tunnels, 1);
      assert.equal(hosts.find((h) => h.key === b)?.connections[0]?.tunnels, 1);
      assert.equal(hosts.find((h) => h.key === t)?.connections[0]?.channels, 1);
      // Each bastion saw exactly one login of its own.
      assert.equal(acceptedLogins(bastionA) - aBefore, 1);
      assert.equal(acceptedLogins(bastionB) - bBefore, 1);
      // The same host without the chain is a different pool key and a different connection.
      await pool.exec(target.target(), 'true');
      assert.equal(pool.snapshot().hosts.length, 4);
    } finally {
      await pool.close();
    }
  });

  test('a bastion that refuses connections is named in the error', async () => {
    const pool = new ConnectionPool();
    const deadPort = await freePort();
    const dead = { ...bastionA.target(), port: deadPort };
    try {
      await assert.rejects(pool.exec({ ...target.target(), jump: [dead] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'CONNECT_FAILED');
        assert.equal(
          err.message,
          `cannot reach ${keyOf(target)} through jump host ${keyOf(dead)}: cannot reach ${keyOf(dead)}: connection refused (ECONNREFUSED)`,
        );
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  test('a bastion that cannot reach the target: the error names the target and the bastion', async () => {
    const pool = new ConnectionPool();
    const deadPort = await freePort();
    try {
      await assert.rejects(pool.exec({ ...target.target(), port: deadPort, jump: [bastionA.target()] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'CONNECT_FAILED');
        assert.ok(
          err.message.startsWith(`cannot reach ${target.username}@127.0.0.1:${deadPort} through jump host ${keyOf(bastionA)}: `),
          err.message,
        );
        assert.match(err.message, new RegExp(`could not open a tunnel to 127\\.0\\.0\\.1:${deadPort}`));
        return true;
      });
      // The bastion itself is fine and stays pooled for other targets.
      assert.equal((await pool.exec({ ...target.target(), jump: [bastionA.target()] }, 'echo ok')).stdout, 'ok\n');
      assert.equal(pool.snapshot().hosts.find((h) => h.key === keyOf(bastionA))?.counters.handshakes, 1);
    } finally {
      await pool.close();
    }
  });

  test('a failing middle hop is named with its own chain', async () => {
    const pool = new ConnectionPool();
    const deadPort = await freePort();
    const deadB = { ...bastionB.target(), port: deadPort };
    try {
      await assert.rejects(pool.exec({ ...target.target(), jump: [bastionA.target(), deadB] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'CONNECT_FAILED');
        const hopB = `${keyOf(deadB)} via ${keyOf(bastionA)}`;
        assert.ok(err.message.startsWith(`cannot reach ${keyOf(target)} through jump host ${hopB}: cannot reach ${keyOf(deadB)} through jump host ${keyOf(bastionA)}: `), err.message);
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  test('a bastion login failure is named, with the bastion as the host that refused', async () => {
    const pool = new ConnectionPool();
    const stranger = generateKey(target.dir, 'stranger');
    const badA = { ...bastionA.target(), privateKey: stranger.privateKey };
    try {
      await assert.rejects(pool.exec({ ...target.target(), jump: [badA] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.ok(
          err.message.startsWith(`cannot reach ${keyOf(target)} through jump host ${keyOf(bastionA)}: authentication to ${keyOf(bastionA)} failed: `),
          err.message,
        );
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  test("a target key with a wrong passphrase fails before any bastion connection is made", async () => {
    const pool = new ConnectionPool();
    const enc = generateKey(target.dir, 'enc_behind', 'ed25519', 'right');
    const logins = acceptedLogins(bastionA);
    try {
      await assert.rejects(pool.exec({ ...target.target(), privateKey: enc.privateKey, passphrase: 'wrong', jump: [bastionA.target()] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'KEY_UNUSABLE');
        assert.match(err.message, /^wrong passphrase for the private key of /);
        return true;
      });
      assert.equal(pool.snapshot().hosts.find((h) => h.key === keyOf(bastionA)), undefined);
      await sleep(50);
      assert.equal(acceptedLogins(bastionA), logins);
    } finally {
      await pool.close();
    }
  });

  test('verifyHostKey is called for every hop, with the host and port as the hop sees it', async () => {
    const seen: string[] = [];
    const pool = new ConnectionPool({
      verifyHostKey: async (k) => {
        seen.push(`${k.host}:${k.port} ${k.fingerprint}`);
      },
    });
    try {
      await pool.exec({ ...target.target(), jump: [bastionA.target(), bastionB.target()] }, 'true');
      const fp = (s: OpenSshServer): string => {
        const blob = Buffer.from(s.hostKey.publicKey.split(' ')[1] as string, 'base64');
        return `${s.host}:${s.port} ${hostKeyFingerprint(blob)}`;
      };
      // In chain order: each hop is verified before anything is sent through it.
      assert.deepEqual(seen, [fp(bastionA), fp(bastionB), fp(target)]);
    } finally {
      await pool.close();
    }
  });

  test('a refused bastion host key stops the target without logging in anywhere', async () => {
    const seen: number[] = [];
    const pool = new ConnectionPool({
      verifyHostKey: async (k) => {
        seen.push(k.port);
        if (k.port === bastionA.port) throw new Error(`the host key of ${k.host}:${k.port} has changed`);
      },
    });
    const logins = [acceptedLogins(bastionA), acceptedLogins(target)];
    try {
      await assert.rejects(pool.exec({ ...target.target(), jump: [bastionA.target()] }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'HOST_KEY_REFUSED');
        assert.match(err.message, new RegExp(`through jump host ${keyOf(bastionA)}: the host key of 127\\.0\\.0\\.1:${bastionA.port} has changed$`));
        return true;
      });
      assert.deepEqual(seen, [bastionA.port]);
      await sleep(50);
      assert.deepEqual([acceptedLogins(bastionA), acceptedLogins(target)], logins);
    } finally {
      await pool.close();
    }
  });
});

describe('ten targets behind one bastion', () => {
  let bastion: OpenSshServer;
  const targets: OpenSshServer[] = [];
  before(async () => {
    bastion = await OpenSshServer.start();
    // Ten real servers, so ten distinct hosts and host keys: nothing is shared but the bastion.
    for (let i = 0; i < 10; i++) targets.push(await OpenSshServer.start());
  });
  after(async () => {
    await Promise.all([bastion, ...targets].map((s) => s.stop()));
  });

  test('share one bastion connection: one handshake, ten tunnels, ten target keys', async () => {
    const pool = new ConnectionPool();
    try {
      const results = await Promise.all(targets.map((t, i) => pool.exec({ ...t.target(), jump: [bastion.target()] }, `echo t${i}`)));
      assert.deepEqual(results.map((r) => r.stdout), targets.map((_, i) => `t${i}\n`));
      const hosts = pool.snapshot().hosts;
      const b = hosts.find((h) => h.key === keyOf(bastion));
      assert.equal(b?.counters.handshakes, 1);
      assert.equal(b?.connections.length, 1);
      assert.equal(b?.connections[0]?.tunnels, 10);
      assert.equal(acceptedLogins(bastion), 1, 'the bastion saw one login');
      const targetKeys = hosts.filter((h) => h.key !== keyOf(bastion)).map((h) => h.key);
      assert.deepEqual(targetKeys.sort(), targets.map((t) => `${keyOf(t)} via ${keyOf(bastion)}`).sort());
    } finally {
      await pool.close();
    }
  });
});

describe('host keys are verified again on reconnect through a bastion', () => {
  let bastion: OpenSshServer;
  let target: OpenSshServer;
  before(async () => {
    bastion = await OpenSshServer.start();
    target = await OpenSshServer.start();
  });
  after(async () => {
    await Promise.all([bastion, target].map((s) => s.stop()));
  });

  test('a reset link to the bastion: bastion and target are both re-verified before the tab is restored', async () => {
    const proxy = await FaultProxy.start(bastion.port);
    const seen: string[] = [];
    const pool = new ConnectionPool({
      reconnect: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 },
      verifyHostKey: async (k) => {
        seen.push(`${k.host}:${k.port}`);
      },
    });
    try {
      const hop = { ...bastion.target(), port: proxy.port };
      const shell = await pool.openShell({ ...target.target(), jump: [hop] }, { cols: 80, rows: 24 });
      const hopName = `127.0.0.1:${proxy.port}`;
      const targetName = `127.0.0.1:${target.port}`;
      assert.deepEqual(seen, [hopName, targetName]);
      const closed = closeOf(shell);
      proxy.reset();
      const reason = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      assert.equal(await reason.restored, true);
      assert.deepEqual(seen.slice(2).sort(), [hopName, targetName].sort());
      assert.equal(pool.snapshot().hosts.find((h) => h.key.startsWith(keyOf(target)))?.counters.reconnects, 1);
    } finally {
      await pool.close();
      await proxy.stop();
    }
  });

  test('a bastion whose host key changed while the link was down is asked about once, and the tab is told it is not coming back', async () => {
    const proxy = await FaultProxy.start(bastion.port);
    let changed = false;
    const seen: number[] = [];
    const pool = new ConnectionPool({
      reconnect: { attempts: 5, baseDelayMs: 20, maxDelayMs: 50, jitter: 0 },
      verifyHostKey: async (k) => {
        seen.push(k.port);
        if (changed && k.port === proxy.port) throw new Error(`the host key of ${k.host}:${k.port} has changed`);
      },
    });
    try {
      const shell = await pool.openShell({ ...target.target(), jump: [{ ...bastion.target(), port: proxy.port }] }, { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      changed = true;
      proxy.reset();
      const reason = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      const ended = await reason.restored;
      assert.ok(ended !== true, 'the tab must not be told the link is back');
      await sleep(200);
      // One refusal is the answer: five reconnect attempts must not raise five host-key warnings.
      assert.deepEqual(seen, [proxy.port, target.port, proxy.port]);
      const hop = keyOf({ ...bastion, port: proxy.port });
      assert.ok(ended.message.startsWith(`gave up reconnecting to ${keyOf(target)} via ${hop} after 1 attempts: cannot reach ${keyOf(target)} through jump host ${hop}: `), ended.message);
      assert.ok(ended.message.endsWith(`the host key of 127.0.0.1:${proxy.port} has changed`), ended.message);
      assert.equal(pool.snapshot().hosts.find((h) => h.key.startsWith(keyOf(target))), undefined, 'the target is forgotten once nothing is left of it');
    } finally {
      await pool.close();
      await proxy.stop();
    }
  });

  test('a reset link between bastion and target: only the target is re-verified, the bastion connection stays', async () => {
    const proxy = await FaultProxy.start(target.port);
    const seen: string[] = [];
    const pool = new ConnectionPool({
      reconnect: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 },
      verifyHostKey: async (k) => {
        seen.push(`${k.host}:${k.port}`);
      },
    });
    try {
      // The bastion dials the proxy: the hop between bastion and target is the one that breaks.
      const shell = await pool.openShell({ ...target.target(), port: proxy.port, jump: [bastion.target()] }, { cols: 80, rows: 24 });
      const closed = closeOf(shell);
      const resetAt = Date.now();
      proxy.reset();
      const reason = await closed;
      // The bastion only sends EOF for the tunnel; the tab must still learn at once, not after keep-alives.
      assert.ok(Date.now() - resetAt < 1000, `noticed after ${Date.now() - resetAt} ms`);
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      assert.equal(await reason.restored, true);
      assert.deepEqual(seen, [`127.0.0.1:${bastion.port}`, `127.0.0.1:${proxy.port}`, `127.0.0.1:${proxy.port}`]);
      assert.equal(pool.snapshot().hosts.find((h) => h.key === keyOf(bastion))?.counters.handshakes, 1);
    } finally {
      await pool.close();
      await proxy.stop();
    }
  });
});

describe('known host-key types are offered first on every hop and after a reconnect', () => {
  let bastion: OpenSshServer;
  let target: OpenSshServer;
  before(async () => {
    // Both hold an ed25519 key (ssh2's first choice) and an ecdsa one; only ecdsa is "known".
    bastion = await OpenSshServer.start({ extraHostKeys: ['ecdsa'] });
    target = await OpenSshServer.start({ extraHostKeys: ['ecdsa'] });
  });
  after(async () => {
    await Promise.all([bastion, target].map((s) => s.stop()));
  });

  test('every handshake asks for the known types of the host it reaches and is shown that key', async () => {
    const proxy = await FaultProxy.start(bastion.port);
    const asked: string[] = [];
    const shown: string[] = [];
    const pool = new ConnectionPool({
      reconnect: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 },
      knownHostKeyTypes: async (host, port) => {
        asked.push(`${host}:${port}`);
        return ['ecdsa-sha2-nistp256'];
      },
      verifyHostKey: async (k) => {
        shown.push(`${k.host}:${k.port} ${k.keyType}`);
      },
    });
    try {
      const hop = `127.0.0.1:${proxy.port}`;
      const end = `127.0.0.1:${target.port}`;
      const shell = await pool.openShell({ ...target.target(), jump: [{ ...bastion.target(), port: proxy.port }] }, { cols: 80, rows: 24 });
      assert.deepEqual([...asked].sort(), [hop, end].sort());
      assert.deepEqual(shown, [`${hop} ecdsa-sha2-nistp256`, `${end} ecdsa-sha2-nistp256`]);
      const closed = closeOf(shell);
      proxy.reset();
      const reason = await closed;
      assert.equal(reason.type, 'connection-lost');
      if (reason.type !== 'connection-lost') return;
      assert.equal(await reason.restored, true);
      assert.deepEqual(asked.slice(2).sort(), [hop, end].sort());
      assert.deepEqual(shown.slice(2).sort(), [`${hop} ecdsa-sha2-nistp256`, `${end} ecdsa-sha2-nistp256`].sort());
    } finally {
      await pool.close();
      await proxy.stop();
    }
  });

  test('nothing known, or a lookup that fails: ssh2 keeps its own order (ed25519 first) and the link still comes up', async () => {
    const shown: string[] = [];
    const pool = new ConnectionPool({
      knownHostKeyTypes: async (_host, port) => {
        if (port === bastion.port) throw new Error('known_hosts unreadable');
        return [];
      },
      verifyHostKey: async (k) => void shown.push(`${k.port} ${k.keyType}`),
    });
    try {
      assert.equal((await pool.exec({ ...target.target(), jump: [bastion.target()] }, 'echo ok')).stdout, 'ok\n');
      assert.deepEqual(shown, [`${bastion.port} ssh-ed25519`, `${target.port} ssh-ed25519`]);
    } finally {
      await pool.close();
    }
  });
});
