// PassphraseVault on real files: round trips, fresh salt/IV, wrong passphrase, atomic and private writes.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassphraseVault } from './passphraseVault.js';

// Cheap scrypt so the suite stays fast; the file records the cost used.
const kdf = { N: 1024, r: 8, p: 1 };

function vaultPath(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'skein-vault-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'secrets.vault.json');
}

test('secrets round-trip, survive reopening, and a missing vault reads as empty without being created', async (t) => {
  const path = vaultPath(t);
  const vault = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
  assert.equal(await vault.get('host:a:password'), undefined);
  assert.equal(await vault.has('host:a:password'), false);
  await vault.delete('host:a:password');
  assert.equal(existsSync(path), false);

  await vault.set('host:a:password', 'pw-ä-🔑');
  await vault.set('host:a:passphrase', 'pp');
  await vault.delete('host:a:passphrase');
  const reopened = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
  assert.equal(await reopened.get('host:a:password'), 'pw-ä-🔑');
  assert.equal(await reopened.has('host:a:password'), true);
  assert.equal(await reopened.has('host:a:passphrase'), false);
  // Ids are data, not object keys with meaning.
  assert.equal(await reopened.has('__proto__'), false);
  assert.equal(await reopened.has('toString'), false);
});

test('every write uses a fresh salt and IV, and the file holds no plaintext', async (t) => {
  const path = vaultPath(t);
  const vault = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
  await vault.set('host:a:password', 'same-value');
  const first = JSON.parse(readFileSync(path, 'utf8'));
  await vault.set('host:a:password', 'same-value');
  const second = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(first.format, 'skein-vault');
  assert.equal(first.cipher, 'aes-256-gcm');
  assert.notEqual(first.kdf.salt, second.kdf.salt);
  assert.notEqual(first.iv, second.iv);
  assert.notEqual(first.data, second.data);
  assert.ok(!readFileSync(path, 'utf8').includes('same-value'));
  assert.ok(!readFileSync(path, 'utf8').includes('host:a'));
});

test('a wrong passphrase gives a clear error and leaves the file byte-identical', async (t) => {
  const path = vaultPath(t);
  await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).set('host:a:password', 'pw');
  const before = readFileSync(path);
  const wrong = new PassphraseVault({ path, passphrase: 'battery staple', kdf });
  const expected = { message: `wrong vault passphrase for ${path}` };
  await assert.rejects(wrong.get('host:a:password'), expected);
  await assert.rejects(wrong.has('host:a:password'), expected);
  await assert.rejects(wrong.set('host:b:password', 'x'), expected);
  await assert.rejects(wrong.delete('host:a:password'), expected);
  assert.deepEqual(readFileSync(path), before);
  assert.equal(await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).get('host:a:password'), 'pw');
});

test('a lowered scrypt cost in the file is detected, because the header is authenticated', async (t) => {
  const path = vaultPath(t);
  await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).set('k', 'v');
  const file = JSON.parse(readFileSync(path, 'utf8'));
  file.kdf.N = 512;
  writeFileSync(path, JSON.stringify(file));
  await assert.rejects(new PassphraseVault({ path, passphrase: 'correct horse', kdf }).get('k'), /wrong vault passphrase/);
});

test('writes are atomic and private: no temp files left, mode 0600', async (t) => {
  const path = vaultPath(t);
  const vault = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => vault.set(id, `value-${id}`)));
  // Concurrent sets are serialised, so none is lost.
  for (const id of ['a', 'b', 'c', 'd', 'e']) assert.equal(await vault.get(id), `value-${id}`);
  assert.deepEqual(readdirSync(join(path, '..')), ['secrets.vault.json']);
  if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('files that are not a vault are refused with the path, and left alone', async (t) => {
  const path = vaultPath(t);
  writeFileSync(path, '{"hosts": []}');
  const vault = new PassphraseVault({ path, passphrase: 'x', kdf });
  await assert.rejects(vault.set('k', 'v'), new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a Skein vault file`));
  assert.equal(readFileSync(path, 'utf8'), '{"hosts": []}');
  writeFileSync(path, 'garbage');
  await assert.rejects(vault.get('k'), /is not a Skein vault file/);
  assert.throws(() => new PassphraseVault({ path, passphrase: '' }), /must not be empty/);
});
