// PassphraseVault on real files: round trips, fresh salt/IV, wrong passphrase, damaged files, atomic and private writes.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassphraseVault } from './passphraseVault.js';
import { VaultError } from './vaultError.js';

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
  const expected = { name: 'VaultError', code: 'VAULT_WRONG_PASSPHRASE', message: `wrong vault passphrase for ${path}` };
  await assert.rejects(wrong.get('host:a:password'), expected);
  await assert.rejects(wrong.has('host:a:password'), expected);
  await assert.rejects(wrong.set('host:b:password', 'x'), expected);
  await assert.rejects(wrong.delete('host:a:password'), expected);
  assert.deepEqual(readFileSync(path), before);
  assert.equal(await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).get('host:a:password'), 'pw');
});

test('a changed scrypt cost within the limits is detected, because the header is authenticated', async (t) => {
  const path = vaultPath(t);
  await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).set('k', 'v');
  const file = JSON.parse(readFileSync(path, 'utf8'));
  file.kdf.N = 2048;
  writeFileSync(path, JSON.stringify(file));
  await assert.rejects(new PassphraseVault({ path, passphrase: 'correct horse', kdf }).get('k'), { code: 'VAULT_WRONG_PASSPHRASE' });
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// Each tampering, and the words the refusal must use to say what is wrong.
const tamperings: { what: string; tamper: (file: { kdf: Record<string, unknown>; tag: string }) => void; says: RegExp }[] = [
  // 128 * 2^24 * 8 = 16 GiB: scrypt must never be asked for it.
  { what: 'N = 2^24, r = 8', tamper: (f) => (f.kdf.N = 2 ** 24), says: /scrypt N must be a power of two from 2\^10 to 2\^20 \(found 16777216\)/ },
  { what: 'N below the floor', tamper: (f) => (f.kdf.N = 512), says: /scrypt N must be a power of two from 2\^10 to 2\^20 \(found 512\)/ },
  { what: 'N not a power of two', tamper: (f) => (f.kdf.N = 1000), says: /scrypt N must be a power of two/ },
  { what: 'r = 2^16', tamper: (f) => (f.kdf.r = 2 ** 16), says: /scrypt r must be an integer from 1 to 16 \(found 65536\)/ },
  { what: 'p = 1000', tamper: (f) => (f.kdf.p = 1000), says: /scrypt p must be an integer from 1 to 4 \(found 1000\)/ },
  {
    what: 'N and r each in range, 2 GiB together',
    tamper: (f) => Object.assign(f.kdf, { N: 2 ** 20, r: 16 }),
    says: /scrypt cost 128\*N\*r\*p is 2048 MiB \(N=1048576, r=16, p=1\), above the limit of 1024 MiB/,
  },
  { what: 'a 4-byte tag', tamper: (f) => (f.tag = Buffer.from(f.tag, 'base64').subarray(0, 4).toString('base64')), says: /tag is 4 bytes, not 16/ },
  { what: 'a 17-byte tag', tamper: (f) => (f.tag = Buffer.concat([Buffer.from(f.tag, 'base64'), Buffer.of(0)]).toString('base64')), says: /tag is 17 bytes, not 16/ },
  { what: 'a tag that is not base64', tamper: (f) => (f.tag = '!!not base64!!'), says: /tag is not base64/ },
];

for (const { what, tamper, says } of tamperings) {
  test(`a vault file with ${what} is refused at once as damaged and left byte-identical`, async (t) => {
    const path = vaultPath(t);
    await new PassphraseVault({ path, passphrase: 'correct horse', kdf }).set('k', 'v');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    tamper(file);
    writeFileSync(path, JSON.stringify(file, null, 2));
    const before = sha256(path);
    const vault = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
    for (const call of [() => vault.get('k'), () => vault.set('k', 'overwritten'), () => vault.delete('k')]) {
      const started = performance.now();
      const error = await call().then(
        () => assert.fail('a damaged vault was read'),
        (e: unknown) => e,
      );
      // A derivation with the tampered cost would take seconds or exhaust memory; a refusal takes nothing.
      assert.ok(performance.now() - started < 250, `refused after ${Math.round(performance.now() - started)} ms`);
      assert.ok(error instanceof VaultError, String(error));
      assert.equal(error.code, 'VAULT_DAMAGED');
      assert.equal(error.path, path);
      assert.ok(error.message.startsWith(`the vault file ${path} is damaged: `), error.message);
      assert.match(error.message, says);
      assert.match(error.message, /left untouched/);
    }
    assert.equal(sha256(path), before);
  });
}

test('a kdf option outside the limits is refused when the vault is made, not when the file no longer opens', () => {
  assert.throws(() => new PassphraseVault({ path: 'v.json', passphrase: 'x', kdf: { N: 2 ** 24, r: 8, p: 1 } }), /vault option kdf for v\.json: scrypt N must be/);
  assert.throws(() => new PassphraseVault({ path: 'v.json', passphrase: 'x', kdf: { N: 1024, r: 0, p: 1 } }), /scrypt r must be an integer from 1 to 16/);
  // What Skein writes by default is inside the limits.
  assert.doesNotThrow(() => new PassphraseVault({ path: 'v.json', passphrase: 'x' }));
});

test('writes are atomic and private: no temp files left, mode 0600 under umask 022, also after a rewrite', { skip: process.platform === 'win32' }, async (t) => {
  const umask = process.umask(0o022);
  t.after(() => process.umask(umask));
  const path = vaultPath(t);
  const vault = new PassphraseVault({ path, passphrase: 'correct horse', kdf });
  await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => vault.set(id, `value-${id}`)));
  // Concurrent sets are serialised, so none is lost.
  for (const id of ['a', 'b', 'c', 'd', 'e']) assert.equal(await vault.get(id), `value-${id}`);
  assert.deepEqual(readdirSync(join(path, '..')), ['secrets.vault.json']);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  // A file someone opened up is private again after Skein's next write.
  chmodSync(path, 0o644);
  await vault.set('f', 'value-f');
  assert.equal(statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(readdirSync(join(path, '..')), ['secrets.vault.json']);
});

test('files that are not a vault are refused with the path, and left alone', async (t) => {
  const path = vaultPath(t);
  writeFileSync(path, '{"hosts": []}');
  const vault = new PassphraseVault({ path, passphrase: 'x', kdf });
  await assert.rejects(vault.set('k', 'v'), { code: 'VAULT_DAMAGED', message: new RegExp(`^the vault file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged: it is not a Skein vault file`) });
  assert.equal(readFileSync(path, 'utf8'), '{"hosts": []}');
  writeFileSync(path, 'garbage');
  await assert.rejects(vault.get('k'), { code: 'VAULT_DAMAGED', message: /is damaged: it is not JSON/ });
  assert.equal(readFileSync(path, 'utf8'), 'garbage');
  assert.throws(() => new PassphraseVault({ path, passphrase: '' }), /must not be empty/);
});
