// Logging in the ways people do: password, encrypted keys, ssh-agent, 2FA prompts, and the errors they see when it fails.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ssh2 from 'ssh2';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { generateKey, OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { startSshAgent } from '../../test/fixtures/startSshAgent.js';
import { ThrowawayAccount } from '../../test/fixtures/throwawayAccount.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from './connectionPool.js';
import type { PoolError } from './poolError.js';
import type { InteractivePromptRequest } from './poolOptions.js';
import type { PoolTarget } from './poolTarget.js';

/** Lines of the sshd log matching re: the server's own record of what the client did. */
function logLines(server: OpenSshServer, re: RegExp): string[] {
  return server.log().split('\n').filter((l) => re.test(l));
}

describe('authentication against a real OpenSSH sshd', () => {
  let server: OpenSshServer;
  let dir: string;
  // The account a password logs in to: the invoking user's own password is never typed by a test.
  let account: ThrowawayAccount | undefined;
  before(async () => {
    server = await OpenSshServer.start({ passwordAuthentication: true });
    dir = mkdtempSync(join(tmpdir(), 'skein-auth-'));
    if (!ThrowawayAccount.skip) account = ThrowawayAccount.create();
  });
  after(async () => {
    try {
      await server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await account?.remove();
    }
  });
  const base = (): PoolTarget => ({ host: server.host, port: server.port, username: server.username });
  const keyOf = (username = server.username): string => `${username}@${server.host}:${server.port}`;
  const passwordLogin = (): ThrowawayAccount => {
    if (!account) throw new Error('no throwaway account: a password test ran without { skip: ThrowawayAccount.skip }');
    return account;
  };

  test('password login works', { skip: ThrowawayAccount.skip }, async () => {
    const { user, password } = passwordLogin();
    const pool = new ConnectionPool();
    try {
      const r = await pool.exec({ ...base(), username: user, password }, 'id -un');
      assert.equal(r.stdout, `${user}\n`);
      assert.equal(logLines(server, new RegExp(`Accepted password for ${user} `)).length, 1);
    } finally {
      await pool.close();
    }
  });

  test('a wrong password fails once, naming the methods the server accepts and the ones tried', async () => {
    const pool = new ConnectionPool({ reconnect: { attempts: 3, baseDelayMs: 10 } });
    const failedBefore = logLines(server, new RegExp(`Failed password for ${server.username} `)).length;
    try {
      await assert.rejects(pool.exec({ ...base(), password: 'not-the-password' }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        // 'none' asked first: keyboard-interactive (disabled here) is never tried and never counted.
        assert.equal(err.message, `authentication to ${keyOf()} failed: the server accepts publickey, password; tried password`);
        return true;
      });
      await sleep(100);
      // One failed attempt in the server's log: a wrong password is not retried into a lockout.
      assert.equal(logLines(server, new RegExp(`Failed password for ${server.username} `)).length - failedBefore, 1);
      // Nothing is left of the host, so the pool keeps neither it nor the password it was given.
      assert.deepEqual(pool.snapshot().hosts, []);
    } finally {
      await pool.close();
    }
  });

  test('no method the server accepts: the error says what it accepts', async () => {
    const pool = new ConnectionPool();
    try {
      // keyboard-interactive with nobody to answer is not offered; sshd here does not accept it anyway.
      await assert.rejects(pool.exec({ ...base(), keyboardInteractive: true }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.match(err.message, new RegExp(`^cannot log in to ${keyOf()}: no authentication method is configured that the server accepts \\(server accepts: publickey, password\\)`));
        assert.match(err.message, /nothing is set up to answer its prompts/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  for (const kind of [
    { label: 'OpenSSH-format ed25519', type: 'ed25519' as const, format: undefined, header: /^-----BEGIN OPENSSH PRIVATE KEY-----/ },
    { label: 'PEM-format RSA', type: 'rsa' as const, format: 'PEM' as const, header: /^-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED/ },
  ]) {
    test(`an encrypted ${kind.label} key logs in with its passphrase; missing or wrong passphrase get their own errors`, async () => {
      const passphrase = 'correct horse battery';
      const key = generateKey(dir, `enc_${kind.type}`, kind.type, passphrase, kind.format);
      assert.match(key.privateKey.toString('utf8'), kind.header);
      server.authorize(key.publicKey);
      const connectsBefore = logLines(server, /Connection from 127\.0\.0\.1/).length;
      const failuresBefore = logLines(server, /Failed |authenticating user/).length;
      const pool = new ConnectionPool({ reconnect: { attempts: 3, baseDelayMs: 10 } });
      try {
        await assert.rejects(pool.exec({ ...base(), privateKey: key.privateKey }, 'true'), (err: PoolError) => {
          assert.equal(err.code, 'KEY_UNUSABLE');
          assert.equal(err.message, `the private key for ${keyOf()} is encrypted and no passphrase was given`);
          return true;
        });
        await assert.rejects(pool.exec({ ...base(), privateKey: key.privateKey, passphrase: 'wrong horse' }, 'true'), (err: PoolError) => {
          assert.equal(err.code, 'KEY_UNUSABLE');
          assert.equal(err.message, `wrong passphrase for the private key of ${keyOf()}`);
          return true;
        });
        await sleep(100);
        // The key is checked before dialling: sshd saw no connection, so no failed login either.
        assert.equal(logLines(server, /Connection from 127\.0\.0\.1/).length, connectsBefore);
        assert.equal(logLines(server, /Failed |authenticating user/).length, failuresBefore);

        const r = await pool.exec({ ...base(), privateKey: key.privateKey, passphrase }, 'echo in');
        assert.equal(r.stdout, 'in\n');
        const fingerprint = execFileSync('ssh-keygen', ['-lf', key.publicKeyPath], { encoding: 'utf8' }).split(' ')[1] as string;
        assert.ok(logLines(server, new RegExp(`Accepted publickey for ${server.username} `)).some((l) => l.includes(fingerprint)), `sshd accepted ${fingerprint}`);
      } finally {
        await pool.close();
      }
    });
  }

  test('an encrypted key is decrypted once per connection attempt, not once to check it and again to log in', async (t) => {
    const passphrase = 'decrypt me once';
    // ssh-keygen's default 16 bcrypt rounds: in ssh2's JavaScript bcrypt this is seconds on a busy machine.
    const key = generateKey(dir, 'enc_once', 'ed25519', passphrase);
    server.authorize(key.publicKey);
    const realParse = ssh2.utils.parseKey;
    let decryptions = 0;
    // The real parser, counted: every call with a passphrase runs the key's KDF.
    Object.assign(ssh2.utils, {
      parseKey: (...args: Parameters<typeof realParse>) => {
        if (args[1] !== undefined) decryptions++;
        return realParse(...args);
      },
    });
    const pool = new ConnectionPool();
    try {
      const started = performance.now();
      const parseOnce = realParse(key.privateKey, passphrase);
      const parseMs = performance.now() - started;
      assert.ok(!(parseOnce instanceof Error));
      const loginStarted = performance.now();
      const r = await pool.exec({ ...base(), privateKey: key.privateKey, passphrase }, 'echo once');
      const loginMs = performance.now() - loginStarted;
      assert.equal(r.stdout, 'once\n');
      t.diagnostic(`one decryption took ${parseMs.toFixed(0)} ms; connect, log in and exec took ${loginMs.toFixed(0)} ms`);
      assert.equal(decryptions, 1, 'the key was decrypted once for the one connection attempt');
    } finally {
      Object.assign(ssh2.utils, { parseKey: realParse });
      await pool.close();
    }
  });

  test('ssh-agent via its socket: an encrypted key held by a real agent logs in, and only the agent is used', async () => {
    const passphrase = 'agent-held';
    const key = generateKey(dir, 'agent_ed25519', 'ed25519', passphrase);
    server.authorize(key.publicKey);
    const agent = await startSshAgent(dir, [{ path: key.privateKeyPath, passphrase }]);
    const pool = new ConnectionPool();
    try {
      const r = await pool.exec({ ...base(), agent: agent.socket }, 'echo agent');
      assert.equal(r.stdout, 'agent\n');
      const fingerprint = execFileSync('ssh-keygen', ['-lf', key.publicKeyPath], { encoding: 'utf8' }).split(' ')[1] as string;
      assert.ok(logLines(server, new RegExp(`Accepted publickey for ${server.username} `)).some((l) => l.includes(fingerprint)));
    } finally {
      await pool.close();
      await agent.stop();
    }
  });

  test('an agent that cannot be reached is named in the failure, and other methods are still tried', { skip: ThrowawayAccount.skip }, async () => {
    const { user, password } = passwordLogin();
    const pool = new ConnectionPool();
    const socket = join(dir, 'no-agent.sock');
    try {
      await assert.rejects(pool.exec({ ...base(), username: user, agent: socket, password: 'not-the-password' }, 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.match(err.message, new RegExp(`^authentication to ${keyOf(user)} failed: the server accepts publickey, password; tried agent, password; `));
        assert.ok(err.message.includes(`the ssh-agent at ${socket} could not be used`), err.message);
        return true;
      });
      // With the right password the unreachable agent is no obstacle.
      assert.equal((await pool.exec({ ...base(), username: user, agent: socket, password }, 'echo pw')).stdout, 'pw\n');
    } finally {
      await pool.close();
    }
  });

  test('a host-key prompt that takes longer than readyTimeoutMs still logs in: the handshake deadline pauses', async () => {
    const asked: string[] = [];
    const pool = new ConnectionPool({
      readyTimeoutMs: 300,
      verifyHostKey: async (k) => {
        asked.push(`${k.host}:${k.port}`);
        await sleep(800);
      },
    });
    try {
      const started = Date.now();
      assert.equal((await pool.exec(server.target(), 'echo trusted')).stdout, 'trusted\n');
      assert.ok(Date.now() - started >= 800);
      assert.deepEqual(asked, [`127.0.0.1:${server.port}`]);
    } finally {
      await pool.close();
    }
  });

  test('a host-key prompt left unanswered fails after promptTimeoutMs, saying so', async () => {
    const pool = new ConnectionPool({ readyTimeoutMs: 300, promptTimeoutMs: 1000, verifyHostKey: () => new Promise<void>(() => undefined) });
    try {
      const started = Date.now();
      await assert.rejects(pool.exec(server.target(), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'PROMPT_TIMEOUT');
        assert.equal(err.message, `the host key prompt for ${keyOf()} was not answered within 1 s`);
        return true;
      });
      const took = Date.now() - started;
      assert.ok(took >= 1000 && took < 2500, `failed after ${took} ms`);
    } finally {
      await pool.close();
    }
  });
});

/*
 * OpenSSH only does keyboard-interactive through PAM (or BSD auth): with `UsePAM no`, which the
 * other suites use, `KbdInteractiveAuthentication yes` offers the method but has no device to ask
 * with. On these machines `UsePAM yes` works for a root-started sshd (Debian's /etc/pam.d/sshd,
 * pam_unix), so PAM's real "Password: " prompt for a throwaway account is relayed here.
 */
describe('keyboard-interactive against a real OpenSSH sshd (PAM)', () => {
  // Each test skips on its own (not the suite), so the run's skip count shows them.
  const skip = ThrowawayAccount.skip;
  let server: OpenSshServer;
  let account: ThrowawayAccount;
  before(async () => {
    if (skip) return;
    server = await OpenSshServer.start({ keyboardInteractive: true, extraConfig: ['UsePAM yes'] });
    account = ThrowawayAccount.create();
  });
  after(async () => {
    if (skip) return;
    try {
      await server.stop();
    } finally {
      await account.remove();
    }
  });
  const target = (): PoolTarget => ({ host: server.host, port: server.port, username: account.user, keyboardInteractive: true });

  test("PAM's prompt reaches answerPrompts and the person's answer logs in", { skip }, async () => {
    const requests: InteractivePromptRequest[] = [];
    const pool = new ConnectionPool({
      answerPrompts: async (r) => {
        requests.push(r);
        return [account.password];
      },
    });
    try {
      assert.equal((await pool.exec(target(), 'id -un')).stdout, `${account.user}\n`);
      assert.equal(requests.length, 1);
      assert.equal(requests[0]?.key, `${account.user}@127.0.0.1:${server.port}`);
      assert.deepEqual(requests[0]?.prompts, [{ prompt: 'Password: ', echo: false }]);
      assert.equal(logLines(server, new RegExp(`Accepted keyboard-interactive/pam for ${account.user} `)).length, 1);
    } finally {
      await pool.close();
    }
  });

  test('a saved password answers the PAM password prompt without asking the person', { skip }, async () => {
    const requests: InteractivePromptRequest[] = [];
    const pool = new ConnectionPool({
      answerPrompts: async (r) => {
        requests.push(r);
        return ['wrong'];
      },
    });
    try {
      assert.equal((await pool.exec({ ...target(), password: account.password }, 'echo saved')).stdout, 'saved\n');
      assert.equal(requests.length, 0);
    } finally {
      await pool.close();
    }
  });

  test('a wrong answer fails with AUTH_FAILED naming keyboard-interactive', { skip }, async () => {
    const pool = new ConnectionPool({ answerPrompts: async () => ['wrong'] });
    try {
      await assert.rejects(pool.exec(target(), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.match(err.message, /failed: the server accepts publickey, keyboard-interactive; tried keyboard-interactive$/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });
});

describe('keyboard-interactive 2FA (in-process ssh2 server)', () => {
  const code = { prompts: [{ prompt: 'Verification code: ', echo: false }], answers: ['123456'] };
  const kbdTarget = (server: FaultSshServer): PoolTarget => ({ host: server.host, port: server.port, username: 'u', keyboardInteractive: true });

  test('the prompt reaches answerPrompts with its key, text and echo flag, and the answer logs in', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    const requests: InteractivePromptRequest[] = [];
    const pool = new ConnectionPool({
      answerPrompts: async (r) => {
        requests.push(r);
        return ['123456'];
      },
    });
    try {
      assert.equal((await pool.exec(kbdTarget(server), 'hello')).stdout, 'hello\n');
      assert.deepEqual(requests, [
        {
          key: `u@127.0.0.1:${server.port}`,
          name: 'Skein test',
          instructions: 'Answer the prompts',
          prompts: [{ prompt: 'Verification code: ', echo: false }],
        },
      ]);
      assert.deepEqual(server.kbdAnswers, [['123456']]);
      assert.deepEqual(server.authAttempts, ['none', 'keyboard-interactive']);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('password then 2FA code: the saved password answers round one, the person answers the code', async () => {
    const server = await FaultSshServer.start({
      keyboardInteractive: { prompts: [{ prompt: 'Password: ', echo: false }], answers: ['pw'] },
      keyboardInteractiveMore: [code],
    });
    const asked: string[] = [];
    const pool = new ConnectionPool({
      answerPrompts: async (r) => {
        asked.push(...r.prompts.map((p) => p.prompt));
        return ['123456'];
      },
    });
    try {
      assert.equal((await pool.exec({ ...kbdTarget(server), password: 'pw' }, 'hi')).stdout, 'hi\n');
      assert.deepEqual(asked, ['Verification code: ']);
      assert.deepEqual(server.kbdAnswers, [['pw'], ['123456']]);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('a wrong code fails with AUTH_FAILED and is not retried', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    let asked = 0;
    const pool = new ConnectionPool({
      answerPrompts: async () => {
        asked++;
        return ['000000'];
      },
    });
    try {
      await assert.rejects(pool.exec(kbdTarget(server), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.equal(err.message, `authentication to u@127.0.0.1:${server.port} failed: the server accepts keyboard-interactive; tried keyboard-interactive`);
        return true;
      });
      assert.equal(asked, 1);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('a person slower than readyTimeoutMs still gets in: the handshake deadline pauses while the prompt waits', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    const pool = new ConnectionPool({
      readyTimeoutMs: 300,
      answerPrompts: async () => {
        await sleep(800);
        return ['123456'];
      },
    });
    try {
      const started = Date.now();
      assert.equal((await pool.exec(kbdTarget(server), 'slow')).stdout, 'slow\n');
      assert.ok(Date.now() - started >= 800);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('a prompt never answered fails after promptTimeoutMs with a message saying so', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    const pool = new ConnectionPool({ readyTimeoutMs: 300, promptTimeoutMs: 1000, answerPrompts: () => new Promise<string[]>(() => undefined) });
    try {
      const started = Date.now();
      await assert.rejects(pool.exec(kbdTarget(server), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'PROMPT_TIMEOUT');
        assert.equal(err.message, `the keyboard-interactive prompt "Verification code:" for u@127.0.0.1:${server.port} was not answered within 1 s`);
        return true;
      });
      const took = Date.now() - started;
      assert.ok(took >= 1000 && took < 2500, `failed after ${took} ms`);
      await waitFor('the socket closed', () => server.openSockets === 0, 2000);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('a dismissed prompt (the hook rejects) is a final AUTH_FAILED, not a reconnect loop', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    let asked = 0;
    const pool = new ConnectionPool({
      answerPrompts: async () => {
        asked++;
        throw new Error('cancelled by the user');
      },
    });
    try {
      await assert.rejects(pool.exec(kbdTarget(server), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.equal(err.message, `the keyboard-interactive prompt "Verification code:" for u@127.0.0.1:${server.port} was not answered: cancelled by the user`);
        return true;
      });
      assert.equal(asked, 1);
    } finally {
      await pool.close();
      await server.stop();
    }
  });

  test('answers of the wrong shape are refused with a message instead of crashing the handshake', async () => {
    const server = await FaultSshServer.start({ keyboardInteractive: code });
    const pool = new ConnectionPool({ answerPrompts: async () => [] });
    try {
      await assert.rejects(pool.exec(kbdTarget(server), 'true'), (err: PoolError) => {
        assert.equal(err.code, 'AUTH_FAILED');
        assert.match(err.message, /needs 1 text answer\(s\)$/);
        return true;
      });
    } finally {
      await pool.close();
      await server.stop();
    }
  });
});
