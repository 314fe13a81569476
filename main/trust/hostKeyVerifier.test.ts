// Every trust rule as a user meets it: known, revoked, changed, new, asked once.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostKeyPolicy, PresentedHostKey, UnknownHostKeyPrompt } from '../../app/trust.js';
import { SshScratchDir } from '../../test/fixtures/sshScratchDir.js';
import { HostKeyError, type HostKeyErrorKind } from './hostKeyError.js';
import { HostKeyVerifier } from './hostKeyVerifier.js';
import { KnownHosts } from './knownHosts.js';

const scratch = new SshScratchDir('skein-verifier-');
after(() => scratch.remove());

type TestKey = ReturnType<SshScratchDir['newKey']>;

const ed = scratch.newKey('ed25519');
const ed2 = scratch.newKey('ed25519');
const ec = scratch.newKey('ecdsa');
const rsa = scratch.newKey('rsa');

function presented(key: TestKey, host = 'web.example', port = 22): PresentedHostKey {
  return { host, port, keyType: key.type, fingerprint: key.fingerprint, key: key.blob };
}

interface Setup {
  policy?: HostKeyPolicy;
  userText?: string;
  globalText?: string;
  /** The user's answer; omitted means the test fails if the user is asked at all. */
  answer?: boolean;
  userFile?: string;
}

function setup(options: Setup = {}) {
  const userFile = options.userFile ?? scratch.fresh('known_hosts');
  const globalFile = scratch.fresh('ssh_known_hosts');
  if (options.userText !== undefined) writeFileSync(userFile, options.userText);
  if (options.globalText !== undefined) writeFileSync(globalFile, options.globalText);
  const prompts: UnknownHostKeyPrompt[] = [];
  const policyQueries: Array<[string, number]> = [];
  const warnings: string[] = [];
  const verifier = new HostKeyVerifier({
    knownHosts: new KnownHosts({ userFile, globalFiles: [globalFile] }),
    policyFor: (host, port) => {
      policyQueries.push([host, port]);
      return options.policy ?? 'ask';
    },
    askUser: async (prompt) => {
      prompts.push(prompt);
      if (options.answer === undefined) throw new Error('the user must not be asked here');
      // The answer comes later than the check, like a real dialog.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return options.answer;
    },
    onWarning: (message) => warnings.push(message),
  });
  return { verifier, userFile, globalFile, prompts, policyQueries, warnings };
}

async function rejection(promise: Promise<void>, kind: HostKeyErrorKind): Promise<HostKeyError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HostKeyError, `expected a HostKeyError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} HostKeyError, but the key was trusted`);
}

test('a known key of the same type is trusted without asking, under every policy', async () => {
  for (const policy of ['ask', 'accept-new', 'strict'] as const) {
    const { verifier, userFile, prompts } = setup({ policy, userText: `web.example ${ec.text}\nweb.example ${ed.text}\n` });
    const before = scratch.sha256Of(userFile);
    await verifier.verify(presented(ed));
    assert.equal(prompts.length, 0);
    assert.equal(scratch.sha256Of(userFile), before);
  }
});

test('a key known through a hashed line (ssh-keygen -H) on a non-22 port is trusted', async () => {
  const { verifier, userFile } = setup({ policy: 'strict', userText: `[10.0.0.9]:2222 ${ed.text}\n` });
  execFileSync('ssh-keygen', ['-H', '-f', userFile], { stdio: 'ignore' });
  await verifier.verify(presented(ed, '10.0.0.9', 2222));
});

test('a key known only in a global file is trusted', async () => {
  const { verifier } = setup({ policy: 'strict', globalText: `*.example ${ed.text}\n` });
  await verifier.verify(presented(ed));
});

test('an entry for port 22 does not vouch for the same host on another port', async () => {
  const { verifier } = setup({ policy: 'strict', userText: `web.example ${ed.text}\n` });
  const error = await rejection(verifier.verify(presented(ed, 'web.example', 2222)), 'unknown-refused');
  assert.match(error.message, /web\.example:2222/);
});

test('a host excluded by a !pattern is not trusted by that line', async () => {
  const { verifier } = setup({ policy: 'strict', userText: `*.example,!evil.example ${ed.text}\n` });
  await verifier.verify(presented(ed, 'good.example'));
  await rejection(verifier.verify(presented(ed, 'evil.example')), 'unknown-refused');
});

test('a revoked key is refused even when a plain line trusts it, and the message says so', async () => {
  const { verifier, userFile } = setup({
    policy: 'accept-new',
    userText: `web.example ${ed.text}\n@revoked web.example ${ed.text}\n`,
  });
  const before = scratch.sha256Of(userFile);
  const error = await rejection(verifier.verify(presented(ed, 'web.example', 2200)), 'revoked');
  assert.match(error.message, /revoked/);
  assert.ok(error.message.includes('web.example:2200'), error.message);
  assert.ok(error.message.includes('ssh-ed25519'), error.message);
  assert.ok(error.message.includes(ed.fingerprint), error.message);
  assert.deepEqual(error.location, { path: userFile, line: 2 });
  assert.equal(scratch.sha256Of(userFile), before);
});

test('a key revoked under any host name, in any file, is refused for every host', async () => {
  const { verifier, globalFile, prompts } = setup({ policy: 'ask', answer: true, globalText: `@revoked old-box.example ${ed.text}\n` });
  const error = await rejection(verifier.verify(presented(ed, 'brand-new.example')), 'revoked');
  assert.equal(prompts.length, 0, 'a revoked key is never offered to the user');
  assert.equal(error.location?.path, globalFile);
});

test('a changed key is refused with both fingerprints and the known_hosts line, and the file stays byte-identical', async () => {
  for (const policy of ['ask', 'accept-new', 'strict'] as const) {
    const userText = `# hosts\nother.example ${ec.text}\n[web.example]:2222 ${ed.text}`;
    const { verifier, userFile, prompts } = setup({ policy, userText });
    const before = scratch.sha256Of(userFile);

    const error = await rejection(verifier.verify(presented(ed2, 'web.example', 2222)), 'changed');

    assert.ok(error.message.includes('web.example:2222'), error.message);
    assert.ok(error.message.includes('ssh-ed25519'), error.message);
    assert.ok(error.message.includes(ed.fingerprint), 'names the known fingerprint');
    assert.ok(error.message.includes(ed2.fingerprint), 'names the presented fingerprint');
    assert.ok(error.message.includes(`${userFile} line 3`), error.message);
    assert.match(error.message, /changed/);
    assert.equal(error.knownFingerprint, ed.fingerprint);
    assert.equal(error.fingerprint, ed2.fingerprint);
    assert.equal(prompts.length, 0, `policy ${policy} must not offer a changed key to the user`);
    assert.equal(scratch.sha256Of(userFile), before);
  }
});

test('a changed key behind a hashed line still points at the right line', async () => {
  const { verifier, userFile } = setup({ answer: false, userText: `other.example ${ec.text}\n[10.0.0.9]:2222 ${ed.text}\n` });
  execFileSync('ssh-keygen', ['-H', '-f', userFile], { stdio: 'ignore' });
  const before = scratch.sha256Of(userFile);
  const error = await rejection(verifier.verify(presented(ed2, '10.0.0.9', 2222)), 'changed');
  assert.deepEqual(error.location, { path: userFile, line: 2 });
  assert.equal(scratch.sha256Of(userFile), before);

  // The fix the message suggests works on the hashed line, after which the new key is just unknown.
  const suggested = /ssh-keygen -R '([^']+)' -f (\S+)\)/.exec(error.message);
  assert.deepEqual(suggested?.slice(1), ['[10.0.0.9]:2222', userFile]);
  execFileSync('ssh-keygen', ['-R', '[10.0.0.9]:2222', '-f', userFile], { stdio: 'ignore' });
  await rejection(verifier.verify(presented(ed2, '10.0.0.9', 2222)), 'rejected');
});

test('unknown host, ask, user accepts: the key is saved and not asked about again', async () => {
  const { verifier, userFile, prompts, policyQueries } = setup({ policy: 'ask', answer: true });
  await verifier.verify(presented(ed, '127.0.0.1', 2222));
  assert.deepEqual(prompts, [{ host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: ed.fingerprint, knownKeys: [] }]);
  assert.deepEqual(policyQueries, [['127.0.0.1', 2222]]);

  const found = spawnSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', userFile], { encoding: 'utf8' });
  assert.equal(found.status, 0, 'OpenSSH finds the saved entry');

  await verifier.verify(presented(ed, '127.0.0.1', 2222));
  assert.equal(prompts.length, 1);
});

test('unknown host, ask, user declines: rejected and nothing is written', async () => {
  const { verifier, userFile, prompts } = setup({ policy: 'ask', answer: false, userText: `other.example ${ec.text}\n` });
  const before = scratch.sha256Of(userFile);
  const error = await rejection(verifier.verify(presented(ed)), 'rejected');
  assert.ok(error.message.includes(ed.fingerprint), error.message);
  assert.equal(prompts.length, 1);
  assert.equal(scratch.sha256Of(userFile), before);
});

test('unknown host, accept-new: saved without asking', async () => {
  const { verifier, userFile, prompts } = setup({ policy: 'accept-new' });
  await verifier.verify(presented(ed));
  assert.equal(prompts.length, 0);
  assert.equal(spawnSync('ssh-keygen', ['-F', 'web.example', '-f', userFile]).status, 0);
});

test('unknown host, strict: refused naming host:port, key type and fingerprint, nothing written', async () => {
  const { verifier, userFile, prompts } = setup({ policy: 'strict' });
  const error = await rejection(verifier.verify(presented(ec, 'db.example', 2022)), 'unknown-refused');
  assert.ok(error.message.includes('db.example:2022'), error.message);
  assert.ok(error.message.includes('ecdsa-sha2-nistp256'), error.message);
  assert.ok(error.message.includes(ec.fingerprint), error.message);
  assert.equal(prompts.length, 0);
  assert.equal(scratch.sha256Of(userFile), 'absent');
});

test('a host known only with other key types presenting a new type is a new key, not a changed one', async () => {
  const userText = `web.example ${ec.text}\n`;

  const ask = setup({ policy: 'ask', answer: true, userText });
  await ask.verifier.verify(presented(ed));
  assert.equal(ask.prompts.length, 1);
  await ask.verifier.verify(presented(ed));
  await ask.verifier.verify(presented(ec));
  assert.equal(ask.prompts.length, 1, 'both keys are now known');

  const acceptNew = setup({ policy: 'accept-new', userText });
  await acceptNew.verifier.verify(presented(ed));
  assert.equal(spawnSync('ssh-keygen', ['-F', 'web.example', '-f', acceptNew.userFile], { encoding: 'utf8' }).stdout.match(/found/g)?.length, 2);

  const strict = setup({ policy: 'strict', userText });
  const before = scratch.sha256Of(strict.userFile);
  await rejection(strict.verifier.verify(presented(ed)), 'unknown-refused');
  assert.equal(scratch.sha256Of(strict.userFile), before);
});

test('a new key type for a host known with other types: the prompt lists the known types and fingerprints', async () => {
  const { verifier, userFile, globalFile, prompts } = setup({
    policy: 'ask',
    answer: false,
    // Lines of other hosts, @revoked and @cert-authority lines are not keys known for this host.
    userText: `other.example ${rsa.text}\nweb.example ${ec.text}\n@revoked web.example ${ed2.text}\n@cert-authority *.example ${ed2.text}\n`,
    globalText: `*.example ${rsa.text}\n`,
  });
  await rejection(verifier.verify(presented(ed)), 'rejected');
  assert.deepEqual(prompts, [
    {
      host: 'web.example',
      port: 22,
      keyType: 'ssh-ed25519',
      fingerprint: ed.fingerprint,
      knownKeys: [
        { keyType: 'ecdsa-sha2-nistp256', fingerprint: ec.fingerprint, location: { path: userFile, line: 2 } },
        { keyType: 'ssh-rsa', fingerprint: rsa.fingerprint, location: { path: globalFile, line: 1 } },
      ],
    },
  ]);
});

test('the key types known for a host, for the handshake to offer first: plain lines of that host only, each type once', async () => {
  const { verifier } = setup({
    userText: `web.example ${ec.text}\nother.example ${rsa.text}\n@revoked web.example ${ed2.text}\n@cert-authority *.example ${ed.text}\n[web.example]:2222 ${ed.text}\n`,
    globalText: `*.example ${rsa.text}\nweb.example ${ec.text}\n`,
  });
  assert.deepEqual(await verifier.knownKeyTypes('web.example', 22), ['ecdsa-sha2-nistp256', 'ssh-rsa']);
  assert.deepEqual(await verifier.knownKeyTypes('web.example', 2222), ['ssh-ed25519']);
  assert.deepEqual(await verifier.knownKeyTypes('new.host', 22), []);
});

test('a @cert-authority line is never taken as the host key itself', async () => {
  const userText = `@cert-authority *.example ${ed.text}\n`;
  const strict = setup({ policy: 'strict', userText });
  await rejection(strict.verifier.verify(presented(ed)), 'unknown-refused');

  const ask = setup({ policy: 'ask', answer: false, userText });
  await rejection(ask.verifier.verify(presented(ed)), 'rejected');
  assert.equal(ask.prompts.length, 1);
});

test('many connections to the same new host at once ask the user once and share the answer', async () => {
  const accepted = setup({ policy: 'ask', answer: true });
  await Promise.all(Array.from({ length: 10 }, () => accepted.verifier.verify(presented(ed, 'web.example', 2222))));
  assert.equal(accepted.prompts.length, 1);
  assert.equal(readFileSync(accepted.userFile, 'utf8').trim().split('\n').length, 1, 'saved once');

  const declined = setup({ policy: 'ask', answer: false });
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => declined.verifier.verify(presented(ed))));
  assert.equal(declined.prompts.length, 1);
  for (const result of results) {
    assert.equal(result.status, 'rejected');
    assert.equal((result).reason.kind, 'rejected');
  }
  // A later attempt is a new question: the earlier "no" is not remembered forever.
  await rejection(declined.verifier.verify(presented(ed)), 'rejected');
  assert.equal(declined.prompts.length, 2);
});

test('the key blob decides the key type, not the label the caller passes', async () => {
  const { verifier } = setup({ policy: 'strict', userText: `web.example ${rsa.text}\n` });
  await verifier.verify({ ...presented(rsa), keyType: 'rsa-sha2-512' });
});

test('malformed lines do not stop verification and survive an append untouched', async () => {
  const userText = `this is not a key line\n@bogus web.example ${ed.text}\n`;
  const { verifier, userFile } = setup({ policy: 'accept-new', userText });
  await verifier.verify(presented(ed));
  const text = readFileSync(userFile, 'utf8');
  assert.ok(text.startsWith(userText));
  assert.equal(text.split('\n').length, 4);
});

test('a key that cannot be saved is still trusted for this connection, with a warning', async () => {
  const notADirectory = scratch.fresh('file');
  writeFileSync(notADirectory, '');
  const { verifier, warnings } = setup({ policy: 'accept-new', userFile: join(notADirectory, 'known_hosts') });
  await verifier.verify(presented(ed));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /web\.example:22/);
});

test('a HostKeyError is an Error that names itself', async () => {
  const { verifier } = setup({ policy: 'strict' });
  const error = await rejection(verifier.verify(presented(ed)), 'unknown-refused');
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'HostKeyError');
  assert.equal(error.host, 'web.example');
  assert.equal(error.port, 22);
  assert.equal(error.keyType, 'ssh-ed25519');
});
