// TargetResolver against a real hosts file and real key files: logins, jump chains, overrides and clear errors.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { connectionKeyOf, type SavedHostDraft } from '../../app/hosts.js';
import { MemorySecretStore } from '../../test/fixtures/memorySecretStore.js';
import { HostStore } from './hostStore.js';
import { hostSecretId } from './hostSecretId.js';
import { TargetResolver, type SecretRequest } from './targetResolver.js';

/** agent: null means SSH_AUTH_SOCK is not set. */
function setup(t: TestContext, agent: string | null = '/run/agent.sock', askSecret?: (request: SecretRequest) => Promise<string | undefined>) {
  const agentSocket = agent ?? undefined;
  const home = mkdtempSync(join(tmpdir(), 'skein-resolve-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, '.ssh'));
  const document = new Conf<Record<string, unknown>>({ cwd: join(home, 'config'), configName: 'hosts', accessPropertiesByDotNotation: false });
  const secrets = new MemorySecretStore();
  let n = 0;
  const hosts = new HostStore({ document, secrets, newId: () => `h${++n}` });
  const resolver = new TargetResolver({ hosts, secrets, homeDir: home, agentSocket, readKeyFile: (path) => readFile(path, 'utf8'), ...(askSecret ? { askSecret } : {}) });
  return { home, hosts, resolver, secrets, hostsFile: document.path };
}

const base: SavedHostDraft = { label: 'Web', host: 'web.example.com', username: 'deploy', auth: { method: 'agent' } };

function plainKey(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** An OpenSSH-format key body far enough to name its cipher, which is all the check reads. */
function openSshKey(cipher: string): string {
  const magic = Buffer.from('openssh-key-v1\0', 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(cipher.length);
  const body = Buffer.concat([magic, len, Buffer.from(cipher, 'latin1'), Buffer.alloc(32)]).toString('base64');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

test('a password host becomes a target with its password and overrides', async (t) => {
  const { hosts, resolver } = setup(t);
  const h = await hosts.create(
    {
      ...base,
      port: 2222,
      auth: { method: 'password' },
      keepalive: { intervalMs: 5000, countMax: 4 },
      pool: { maxChannelsPerConnection: 3, maxConnectionsPerHost: 2 },
    },
    { password: 's3cret' },
  );
  assert.deepEqual(await resolver.resolve(h.id), {
    host: 'web.example.com',
    port: 2222,
    username: 'deploy',
    password: 's3cret',
    keepaliveIntervalMs: 5000,
    keepaliveCountMax: 4,
    maxChannelsPerConnection: 3,
    maxConnectionsPerHost: 2,
  });
});

test('a key host gets the key file contents (with ~ expanded) and its saved passphrase', async (t) => {
  const { home, hosts, resolver } = setup(t);
  const key = plainKey();
  writeFileSync(join(home, '.ssh', 'id_web'), key);
  const h = await hosts.create({ ...base, auth: { method: 'key', keyPath: '~/.ssh/id_web' } });
  assert.deepEqual(await resolver.resolve(h.id), { host: 'web.example.com', port: 22, username: 'deploy', privateKey: key });

  const encrypted = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pp' }).toString();
  writeFileSync(join(home, '.ssh', 'id_locked'), encrypted);
  await hosts.update(h.id, { auth: { method: 'key', keyPath: join(home, '.ssh', 'id_locked') } }, { passphrase: 'pp' });
  const target = await resolver.resolve(h.id);
  assert.equal(target.privateKey, encrypted);
  assert.equal(target.passphrase, 'pp');
});

test('missing or locked key files are reported with the host label and path', async (t) => {
  const { home, hosts, resolver } = setup(t);
  const h = await hosts.create({ ...base, label: 'Build box', auth: { method: 'key', keyPath: '~/.ssh/id_gone' } });
  await assert.rejects(resolver.resolve(h.id), {
    code: 'KEY_UNUSABLE',
    message: `cannot connect to "Build box": key file not found: ${join(home, '.ssh', 'id_gone')}`,
    hint: "Check the key path in the host's settings.",
  });

  await hosts.update(h.id, { auth: { method: 'key', keyPath: '~/.ssh' } });
  await assert.rejects(resolver.resolve(h.id), /key path is a folder, not a key file: /);

  for (const [name, text] of [
    ['id_openssh_locked', openSshKey('aes256-ctr')],
    ['id_pem_locked', '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n'],
  ] as const) {
    writeFileSync(join(home, '.ssh', name), text);
    await hosts.update(h.id, { auth: { method: 'key', keyPath: `~/.ssh/${name}` } });
    await assert.rejects(resolver.resolve(h.id), {
      code: 'SECRET_MISSING',
      message: `cannot connect to "Build box": key file ${join(home, '.ssh', name)} is encrypted and no passphrase is saved for "Build box"`,
      hint: `Save the key's passphrase in "Build box"'s settings.`,
    });
  }
  writeFileSync(join(home, '.ssh', 'id_openssh'), openSshKey('none'));
  await hosts.update(h.id, { auth: { method: 'key', keyPath: '~/.ssh/id_openssh' } });
  assert.equal((await resolver.resolve(h.id)).privateKey, openSshKey('none'));

  if (process.getuid?.() !== 0) {
    chmodSync(join(home, '.ssh', 'id_openssh'), 0o000);
    await assert.rejects(resolver.resolve(h.id), /key file not readable \(permission denied\)/);
  }
});

test('missing passwords and a missing agent are named', async (t) => {
  const { hosts, resolver } = setup(t, null);
  const pw = await hosts.create({ ...base, label: 'Router', auth: { method: 'password' } });
  await assert.rejects(resolver.resolve(pw.id), { code: 'SECRET_MISSING', message: 'cannot connect to "Router": no password is saved for "Router"' });
  const agent = await hosts.create({ ...base, label: 'Agent box' });
  await assert.rejects(resolver.resolve(agent.id), {
    code: 'AGENT_MISSING',
    message: /"Agent box" logs in with ssh-agent, but no agent is running \(SSH_AUTH_SOCK is not set\)/,
    hint: /Start ssh-agent, add your key with ssh-add/,
  });
  const kbd = await hosts.create({ ...base, label: 'OTP box', auth: { method: 'keyboard-interactive' } });
  assert.equal((await resolver.resolve(kbd.id)).keyboardInteractive, true);
  await assert.rejects(resolver.resolve('nope'), { code: 'HOST_NOT_FOUND', message: /no saved host with id "nope"/ });
});

test('a jump chain is flattened first hop first, each hop with its own login', async (t) => {
  const { home, hosts, resolver } = setup(t);
  const key = plainKey();
  writeFileSync(join(home, '.ssh', 'id_bastion'), key);
  const bastion = await hosts.create({ label: 'Bastion', host: 'bastion.example.com', port: 2222, username: 'jump', auth: { method: 'key', keyPath: '~/.ssh/id_bastion' } });
  const gw = await hosts.create({ label: 'GW', host: '10.0.0.1', username: 'admin', auth: { method: 'password' }, jumpHostId: bastion.id }, { password: 'gwpw' });
  const db = await hosts.create({ label: 'DB', host: '10.0.1.10', username: 'postgres', auth: { method: 'agent' }, jumpHostId: gw.id });

  const target = await resolver.resolve(db.id);
  assert.deepEqual(target.jump, [
    { host: 'bastion.example.com', port: 2222, username: 'jump', privateKey: key },
    { host: '10.0.0.1', port: 22, username: 'admin', password: 'gwpw' },
  ]);
  assert.equal(connectionKeyOf(target), 'postgres@10.0.1.10:22 via jump@bastion.example.com:2222 > admin@10.0.0.1:22');
  // The host list names the same key, so the UI finds the host's health and tabs by it.
  assert.equal((await hosts.get(db.id))?.connectionKey, connectionKeyOf(target));
  assert.deepEqual(
    (await hosts.list()).map((h) => h.connectionKey),
    ['jump@bastion.example.com:2222', 'admin@10.0.0.1:22 via jump@bastion.example.com:2222', connectionKeyOf(target)],
  );

  // A hop that cannot log in names both the target and the hop.
  rmSync(join(home, '.ssh', 'id_bastion'));
  await assert.rejects(resolver.resolve(db.id), {
    message: `cannot connect to "DB" through jump host "Bastion": key file not found: ${join(home, '.ssh', 'id_bastion')}`,
  });
});

test('hand-edited loops and dangling jump references are reported, not followed forever', async (t) => {
  const { hosts, resolver, hostsFile } = setup(t);
  const a = await hosts.create({ ...base, label: 'A' });
  const b = await hosts.create({ ...base, label: 'B', jumpHostId: a.id });
  const c = await hosts.create({ ...base, label: 'C', jumpHostId: b.id });
  const file = JSON.parse(readFileSync(hostsFile, 'utf8'));
  file.hosts[0].jumpHostId = c.id;
  writeFileSync(hostsFile, JSON.stringify(file));
  await assert.rejects(resolver.resolve(c.id), { code: 'HOST_ENTRY_INVALID', message: 'cannot connect to "C": jump hosts form a loop: "C" -> "B" -> "A" -> "C"' });
  // The list still shows them; the key follows the chain up to where it loops.
  assert.equal((await hosts.get(c.id))?.connectionKey, 'deploy@web.example.com:22 via deploy@web.example.com:22 > deploy@web.example.com:22');

  file.hosts[0].jumpHostId = 'gone';
  writeFileSync(hostsFile, JSON.stringify(file));
  await assert.rejects(resolver.resolve(c.id), {
    code: 'HOST_NOT_FOUND',
    message: 'cannot connect to "C": jump host "gone" of "A" is not a saved host (deleted, or its entry is malformed)',
  });
});

test('an unsaved password or key passphrase is asked, used for the login, and not saved; one not given names what is missing', async (t) => {
  const asked: string[] = [];
  let answer: string | Error | undefined = 'typed in';
  const { home, hosts, resolver, secrets } = setup(t, null, async ({ kind, host, keyPath }) => {
    asked.push(`${kind} ${host.label}${keyPath === undefined ? '' : ` ${keyPath}`}`);
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const pw = await hosts.create({ ...base, label: 'Router', auth: { method: 'password' } });
  assert.equal((await resolver.resolve(pw.id)).password, 'typed in');
  const lockedPath = join(home, '.ssh', 'id_locked');
  writeFileSync(lockedPath, openSshKey('aes256-ctr'));
  const key = await hosts.create({ ...base, label: 'Build box', auth: { method: 'key', keyPath: lockedPath } });
  assert.equal((await resolver.resolve(key.id)).passphrase, 'typed in');
  assert.deepEqual(asked, ['password Router', `passphrase Build box ${lockedPath}`]);
  assert.equal(await secrets.get(hostSecretId(pw.id, 'password')), undefined);
  assert.equal((await hosts.get(pw.id))?.hasPassword, false);

  // A plain key and a saved password ask nothing.
  writeFileSync(join(home, '.ssh', 'id_plain'), plainKey());
  await hosts.update(key.id, { auth: { method: 'key', keyPath: '~/.ssh/id_plain' } });
  await hosts.update(pw.id, {}, { password: 'saved' });
  assert.equal((await resolver.resolve(pw.id)).password, 'saved');
  await resolver.resolve(key.id);
  assert.equal(asked.length, 2);

  answer = new Error('the person cancelled the login prompt');
  const other = await hosts.create({ ...base, label: 'Switch', auth: { method: 'password' } });
  await assert.rejects(resolver.resolve(other.id), {
    code: 'SECRET_MISSING',
    message: 'cannot connect to "Switch": no password is saved for "Switch", and it was not given (the person cancelled the login prompt)',
    hint: `Save the password in "Switch"'s settings, or choose another login method.`,
  });
  // Nobody to ask (no window open): the plain error, as without the option.
  answer = undefined;
  await assert.rejects(resolver.resolve(other.id), { code: 'SECRET_MISSING', message: 'cannot connect to "Switch": no password is saved for "Switch"' });
});
