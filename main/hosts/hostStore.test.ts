// HostStore against real conf files in temp folders: CRUD, validation, malformed entries, migration, secrets.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { SavedHostDraft } from '../../app/hosts.js';
import { MemorySecretStore } from '../../test/fixtures/memorySecretStore.js';
import type { HostError } from './hostError.js';
import { HOST_DOCUMENT_OPTIONS, HostStore } from './hostStore.js';
import type { HostsLogger } from './hostsLogger.js';
import { PassphraseVault } from './passphraseVault.js';
import type { SecretStore } from './secretStore.js';

class CapturingLogger implements HostsLogger {
  readonly lines: string[] = [];
  info(message: string) {
    this.lines.push(`info ${message}`);
  }
  warn(message: string) {
    this.lines.push(`warn ${message}`);
  }
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-hosts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openStore(dir: string, extra: { secrets?: SecretStore; logger?: HostsLogger } = {}) {
  const document = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'hosts', ...HOST_DOCUMENT_OPTIONS });
  const secrets = extra.secrets ?? new MemorySecretStore();
  let n = 0;
  const store = new HostStore({ document, secrets, logger: extra.logger, newId: () => `h${++n}` });
  return { store, secrets, path: document.path };
}

const web: SavedHostDraft = { label: 'Web 1', host: 'web1.example.com', username: 'deploy', auth: { method: 'agent' } };

test('a created host gets an id and defaults, and is there after reopening the file', async (t) => {
  const dir = tempDir(t);
  const { store, path } = openStore(dir);
  const created = await store.create({
    ...web,
    tags: ['prod'],
    localForwards: [{ id: 'pg', bindPort: 5432, remoteHost: 'db.internal', remotePort: 5432 }],
  });
  assert.equal(created.id, 'h1');
  assert.equal(created.port, 22);
  assert.equal(created.localForwards[0]?.bindAddress, '127.0.0.1');
  assert.equal(created.hasPassword, false);

  const onDisk = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(onDisk.schemaVersion, 1);
  assert.equal(onDisk.hosts[0].host, 'web1.example.com');

  const reopened = openStore(dir).store;
  assert.deepEqual(await reopened.get('h1'), created);
  assert.deepEqual(
    (await reopened.list()).map((h) => h.label),
    ['Web 1'],
  );
});

test('invalid hosts are refused with every bad field named, and nothing is written', async (t) => {
  const dir = tempDir(t);
  const { store, path } = openStore(dir);
  await assert.rejects(
    store.create({ label: 'Broken', host: ' ', port: 70000, username: 'u', auth: { method: 'key' } }),
    (error: Error) => {
      // The UI's form puts the error next to the first bad input: the field names the argument and the path in it.
      assert.deepEqual([(error as HostError).code, (error as HostError).field], ['INVALID_INPUT', 'draft.host']);
      assert.match(error.message, /cannot save host "Broken"/);
      assert.match(error.message, /port: must be from 1 to 65535/);
      assert.match(error.message, /host: must not be empty/);
      assert.match(error.message, /auth\.keyPath: is required when auth\.method is "key"/);
      return true;
    },
  );
  await assert.rejects(
    store.create({
      ...web,
      localForwards: [
        { id: 'a', bindPort: 8080, remoteHost: 'x', remotePort: 80 },
        { id: 'b', bindPort: 8080, remoteHost: 'y', remotePort: 80 },
      ],
    }),
    { code: 'INVALID_INPUT', field: 'draft.localForwards[1].bindPort', message: /localForwards\[1\]\.bindPort: 127\.0\.0\.1:8080 is already used by localForwards\[0\]/ },
  );
  await assert.rejects(store.create({ ...web, colour: 'red' }), /colour: must be a hex colour/);
  assert.equal(existsSync(path), false);
});

test('update merges a patch, null clears a field, and the id cannot change', async (t) => {
  const { store } = openStore(tempDir(t));
  const h = await store.create({ ...web, group: 'prod', notes: 'primary' });
  const updated = await store.update(h.id, { port: 2222, group: null, keepalive: { intervalMs: 15000 } });
  assert.equal(updated.port, 2222);
  assert.equal(updated.group, undefined);
  assert.equal(updated.notes, 'primary');
  assert.deepEqual(updated.keepalive, { intervalMs: 15000 });
  await store.update(h.id, { id: 'other' } as never);
  assert.ok(await store.get(h.id));
  await assert.rejects(store.update(h.id, { username: '' }), { code: 'INVALID_INPUT', field: 'patch.username', message: /cannot save host "Web 1": username: must not be empty/ });
  assert.equal((await store.get(h.id))?.username, 'deploy');
  await assert.rejects(store.update('nope', { port: 1 }), { code: 'HOST_NOT_FOUND', message: /no saved host with id "nope"/ });
});

test('jump hosts: chains are allowed, missing hops and loops are refused', async (t) => {
  const { store } = openStore(tempDir(t));
  const bastion = await store.create({ ...web, label: 'Bastion', host: 'bastion' });
  const inner = await store.create({ ...web, label: 'Inner gw', host: 'gw', jumpHostId: bastion.id });
  const db = await store.create({ ...web, label: 'DB', host: 'db', jumpHostId: inner.id });
  assert.equal(db.jumpHostId, inner.id);
  await assert.rejects(store.create({ ...web, label: 'X', jumpHostId: 'ghost' }), { code: 'INVALID_INPUT', field: 'draft.jumpHostId', message: /jumpHostId: jump host "ghost" does not exist/ });
  await assert.rejects(
    store.update(bastion.id, { jumpHostId: db.id }),
    /cannot save host "Bastion": jumpHostId: jump hosts form a loop: "Bastion" -> "DB" -> "Inner gw" -> "Bastion"/,
  );
  await assert.rejects(store.update(bastion.id, { jumpHostId: bastion.id }), /a host cannot be its own jump host/);
});

test('deleting a jump host is refused, naming the hosts that use it; deleting forgets secrets', async (t) => {
  const secrets = new MemorySecretStore();
  const { store } = openStore(tempDir(t), { secrets });
  const bastion = await store.create({ ...web, label: 'Bastion', host: 'bastion' });
  const a = await store.create({ ...web, label: 'App A', jumpHostId: bastion.id });
  await store.create({ ...web, label: 'App B', jumpHostId: bastion.id });
  await assert.rejects(store.delete(bastion.id), { code: 'HOST_IN_USE', message: /cannot delete "Bastion": it is the jump host of "App A", "App B"/ });

  await store.update(a.id, { auth: { method: 'password' } }, { password: 'pw' });
  await store.delete(a.id);
  assert.equal(await store.get(a.id), undefined);
  assert.equal(secrets.values.size, 0);
  await assert.rejects(store.delete(a.id), { code: 'HOST_NOT_FOUND', message: /no saved host with id/ });
});

test('search is case-insensitive over label, host, user, tags and group', async (t) => {
  const { store } = openStore(tempDir(t));
  await store.create({ ...web, label: 'Web 1', tags: ['Frontend'], group: 'Production' });
  await store.create({ ...web, label: 'Database', host: 'pg.internal', username: 'postgres', group: 'Production' });
  await store.create({ ...web, label: 'Pi', host: '192.168.1.5', username: 'pi', tags: ['home'] });
  const labels = async (q: string) => (await store.search(q)).map((h) => h.label);
  assert.deepEqual(await labels('WEB'), ['Web 1']);
  assert.deepEqual(await labels('frontend'), ['Web 1']);
  assert.deepEqual(await labels('POSTGRES'), ['Database']);
  assert.deepEqual(await labels('production'), ['Web 1', 'Database']);
  assert.deepEqual(await labels('production pg'), ['Database']);
  assert.deepEqual(await labels('HOME'), ['Pi']);
  assert.deepEqual(await labels('  '), ['Web 1', 'Database', 'Pi']);
  assert.deepEqual(await labels('nothing-like-this'), []);
});

test('a malformed entry is reported with file, entry and field; the rest load; saves keep it untouched', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hosts.json');
  const broken = { id: 'b1', label: 'Broken box', host: 'box', port: 'twenty-two', auth: { method: 'telepathy' }, tags: [], localForwards: [] };
  const good = { id: 'g1', label: 'Good', host: 'good.example.com', port: 22, username: 'me', auth: { method: 'agent' }, tags: [], localForwards: [] };
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, theme: 'dark', hosts: [good, broken, 42] }));
  const logger = new CapturingLogger();
  const { store } = openStore(dir, { logger });

  assert.deepEqual((await store.list()).map((h) => h.id), ['g1']);
  const problems = store.problems();
  assert.equal(problems.length, 2);
  assert.equal(problems[0]?.file, path);
  assert.equal(problems[0]?.index, 1);
  assert.equal(problems[0]?.id, 'b1');
  assert.equal(problems[0]?.label, 'Broken box');
  assert.deepEqual(problems[0]?.issues, [
    'port: must be a number',
    'username: is required',
    'auth.method: must be one of password, key, agent, keyboard-interactive',
  ]);
  assert.match(problems[0]?.message ?? '', new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: hosts\\[1\\] \\(id "b1", label "Broken box"\\)`));
  assert.match(problems[1]?.message ?? '', /hosts\[2\] is ignored until fixed .*: \(entry\): must be an object/);
  // Logged once, however often the file is read.
  await store.list();
  assert.equal(logger.lines.filter((l) => l.startsWith('warn')).length, 2);

  await store.create({ ...web, label: 'New' });
  await store.update('g1', { port: 2200 });
  const onDisk = JSON.parse(readFileSync(path, 'utf8'));
  assert.deepEqual(onDisk.hosts[1], broken);
  assert.equal(onDisk.hosts[2], 42);
  assert.equal(onDisk.theme, 'dark');
  assert.equal(onDisk.hosts.length, 4);
  await assert.rejects(store.update('b1', { port: 22 }), { code: 'HOST_ENTRY_INVALID', message: /"Broken box" cannot be edited until its entry is fixed: port: must be a number/ });
  // An explicit delete is how the user gets rid of a broken entry.
  await store.delete('b1');
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).hosts.length, 3);
});

test('a duplicated id is reported on the second entry', async (t) => {
  const dir = tempDir(t);
  const entry = { id: 'same', label: 'A', host: 'a', port: 22, username: 'u', auth: { method: 'agent' } };
  writeFileSync(join(dir, 'hosts.json'), JSON.stringify({ schemaVersion: 1, hosts: [entry, { ...entry, label: 'B' }] }));
  const { store } = openStore(dir);
  assert.deepEqual((await store.list()).map((h) => h.label), ['A']);
  assert.deepEqual(store.problems()[0]?.issues, ['id: "same" is already used by hosts[0]']);
});

test('a v0 file (flat, unversioned) is migrated to v1 once, with the original backed up', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hosts.json');
  const v0 = JSON.stringify({
    hosts: [
      { id: 'j', name: 'Jump', hostname: 'jump.example.com', user: 'ops', identityFile: '~/.ssh/id_ed25519' },
      { id: 'w', name: 'Web', hostname: 'web.internal', port: 2222, user: 'www', usePassword: true, jumpHost: 'j', tags: 'web, prod ,', group: 'prod' },
      { id: 'x', name: 'No user', hostname: 'x.example.com' },
    ],
  });
  writeFileSync(path, v0);
  const logger = new CapturingLogger();
  const { store } = openStore(dir, { logger });

  const hosts = await store.list();
  assert.deepEqual(
    hosts.map(({ id, label, host, port, username, auth, jumpHostId, tags, group }) => ({ id, label, host, port, username, auth, jumpHostId, tags, group })),
    [
      { id: 'j', label: 'Jump', host: 'jump.example.com', port: 22, username: 'ops', auth: { method: 'key', keyPath: '~/.ssh/id_ed25519' }, jumpHostId: undefined, tags: [], group: undefined },
      { id: 'w', label: 'Web', host: 'web.internal', port: 2222, username: 'www', auth: { method: 'password' }, jumpHostId: 'j', tags: ['web', 'prod'], group: 'prod' },
    ],
  );
  // The unmappable entry is migrated field by field and reported, not dropped.
  assert.deepEqual(store.problems().map((p) => [p.id, p.issues]), [['x', ['username: is required']]]);
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).schemaVersion, 1);
  assert.equal(readFileSync(`${path}.v0.bak`, 'utf8'), v0);
  assert.ok(logger.lines.some((l) => l.includes('from schemaVersion 0 to 1') && l.includes(`${path}.v0.bak`)));

  await openStore(dir).store.list();
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.bak')), ['hosts.json.v0.bak']);
});

test('the hosts file and its migration backup are private (0600) under umask 022, even when the original was not', { skip: process.platform === 'win32' }, async (t) => {
  const umask = process.umask(0o022);
  t.after(() => process.umask(umask));
  const fresh = tempDir(t);
  const created = openStore(fresh);
  await created.store.create(web);
  assert.equal(statSync(created.path).mode & 0o777, 0o600);

  // A v0 file left readable by everyone, as conf's default mode made it.
  const dir = tempDir(t);
  const path = join(dir, 'hosts.json');
  writeFileSync(path, JSON.stringify({ hosts: [{ id: 'w', name: 'Web', hostname: 'web.internal', user: 'www' }] }), { mode: 0o644 });
  assert.equal(statSync(path).mode & 0o777, 0o644);
  const { store } = openStore(dir);
  assert.equal((await store.list()).length, 1);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.equal(statSync(`${path}.v0.bak`).mode & 0o777, 0o600);
});

test('a file from a newer Skein, or with a broken hosts list, is refused and left byte-identical', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hosts.json');
  const newer = JSON.stringify({ schemaVersion: 2, hosts: [{ id: 'a' }] });
  writeFileSync(path, newer);
  const { store } = openStore(dir);
  await assert.rejects(store.list(), { code: 'HOSTS_FILE_INVALID', message: /has schemaVersion 2, newer than this Skein understands \(1\); the file was left untouched/ });
  await assert.rejects(store.create(web), /schemaVersion 2/);
  assert.equal(readFileSync(path, 'utf8'), newer);

  const notAList = JSON.stringify({ schemaVersion: 1, hosts: { a: 1 } });
  writeFileSync(path, notAList);
  await assert.rejects(store.create(web), /"hosts" must be a list, found object/);
  assert.equal(readFileSync(path, 'utf8'), notAList);
});

test('a hosts file that is not JSON at all is refused by conf, not cleared', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'hosts.json');
  writeFileSync(path, '{ "hosts": [ oops');
  assert.throws(() => new Conf({ cwd: dir, configName: 'hosts' }));
  assert.equal(readFileSync(path, 'utf8'), '{ "hosts": [ oops');
});

test('the UI learns whether a password or passphrase is saved, never its value', async (t) => {
  const secrets = new MemorySecretStore();
  const { store } = openStore(tempDir(t), { secrets });
  const h = await store.create({ ...web, auth: { method: 'password' } }, { password: 'hunter2' });
  assert.equal(h.hasPassword, true);
  assert.equal(h.hasPassphrase, false);
  assert.equal(secrets.values.get(`host:${h.id}:password`), 'hunter2');
  const withKey = await store.update(h.id, { auth: { method: 'key', keyPath: '~/.ssh/id' } }, { passphrase: 'p', password: null });
  assert.equal(withKey.hasPassword, false);
  assert.equal(withKey.hasPassphrase, true);
});

test('canary: a saved password never reaches the hosts file, the vault file, the log or any returned value', async (t) => {
  const dir = tempDir(t);
  const canary = 'canary-7f3a-PLAINTEXT';
  const logger = new CapturingLogger();
  const vault = new PassphraseVault({ path: join(dir, 'vault.json'), passphrase: 'correct horse', kdf: { N: 1024, r: 8, p: 1 }, logger });
  const { store, path } = openStore(dir, { secrets: vault, logger });

  const returned: unknown[] = [];
  const h = await store.create({ ...web, auth: { method: 'password' } }, { password: canary, passphrase: `${canary}-pp` });
  returned.push(h);
  // A secret smuggled into the host object itself must be dropped, not stored.
  returned.push(await store.update(h.id, { notes: 'x', password: canary } as never));
  returned.push(await store.list(), await store.get(h.id), await store.search('web'), store.problems());
  await assert.rejects(store.update(h.id, { port: -1 }, { password: canary }), (error: Error) => {
    returned.push(error.message);
    return true;
  });
  const hostsFile = readFileSync(path, 'utf8');
  // Someone hand-edits a password into the file: problem reports must not echo it back.
  writeFileSync(path, JSON.stringify({ ...JSON.parse(hostsFile), hosts: [{ id: 'bad', label: 'Bad', password: canary }] }));
  returned.push(await store.list(), store.problems());

  assert.equal(await vault.get(`host:${h.id}:password`), canary);
  const places = {
    'hosts file': hostsFile,
    'vault file': readFileSync(vault.path, 'utf8'),
    log: logger.lines.join('\n'),
    'returned values': JSON.stringify(returned),
  };
  for (const [where, text] of Object.entries(places)) {
    assert.ok(text.length > 0, `${where} is empty`);
    assert.ok(!text.includes(canary), `the canary leaked into the ${where}`);
  }
});
