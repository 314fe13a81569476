// The vault's lock as the person meets it: create on first use, unlock later, locked secrets say so, plain hosts work meanwhile.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SkeinError } from '../../app/skeinError.js';
import { LockableVault } from './lockableVault.js';

const kdf = { N: 1024, r: 8, p: 1 };
const dir = mkdtempSync(join(tmpdir(), 'skein-lockable-'));
let n = 0;
const freshPath = () => join(dir, `vault-${++n}.json`);

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof SkeinError, `expected a SkeinError, got ${String(err)}`);
    return err.code;
  }
  return 'resolved';
}

describe('LockableVault', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('absent: nothing is saved, saving asks for a vault, create sets the passphrase and the first secret writes the file', async () => {
    const path = freshPath();
    const vault = new LockableVault({ path, kdf });
    assert.deepEqual(await vault.status(), { state: 'absent', backend: 'passphrase-vault' });
    assert.equal(await vault.get('host:a:password'), undefined);
    assert.equal(await vault.has('host:a:password'), false);
    await vault.delete('host:a:password');
    assert.equal(await code(vault.set('host:a:password', 'pw')), 'VAULT_LOCKED');
    assert.equal(await code(vault.create('short')), 'INVALID_INPUT');
    await vault.create('correct horse battery');
    assert.equal((await vault.status()).state, 'unlocked');
    assert.equal(existsSync(path), false, 'no file until a secret is saved');
    await vault.set('host:a:password', 'pw');
    assert.equal(existsSync(path), true);
    assert.doesNotMatch(readFileSync(path, 'utf8'), /"pw"/);
    assert.equal(await vault.get('host:a:password'), 'pw');
    assert.equal(await code(vault.create('another passphrase')), 'INVALID_INPUT');
  });

  test('locked: secrets say VAULT_LOCKED, nothing reads as saved, a wrong passphrase keeps it locked, the right one opens it', async () => {
    const path = freshPath();
    const first = new LockableVault({ path, kdf });
    await first.create('correct horse battery');
    await first.set('host:a:password', 'pw');
    const bytes = readFileSync(path);

    const vault = new LockableVault({ path, kdf });
    assert.equal((await vault.status()).state, 'locked');
    assert.equal(await code(vault.get('host:a:password')), 'VAULT_LOCKED');
    assert.equal(await code(vault.set('host:b:password', 'x')), 'VAULT_LOCKED');
    assert.equal(await vault.has('host:a:password'), false);
    assert.equal(await code(vault.create('correct horse battery')), 'VAULT_LOCKED', 'an existing vault is unlocked, not created again');
    await assert.rejects(vault.unlock('wrong passphrase'), /passphrase/);
    assert.equal((await vault.status()).state, 'locked');
    await vault.unlock('correct horse battery');
    assert.equal((await vault.status()).state, 'unlocked');
    assert.equal(await vault.get('host:a:password'), 'pw');
    assert.ok(readFileSync(path).equals(bytes), 'unlocking does not rewrite the file');
  });

  test('a host deleted while locked has its secret forgotten at unlock', async () => {
    const path = freshPath();
    const first = new LockableVault({ path, kdf });
    await first.create('correct horse battery');
    await first.set('host:gone:password', 'old');
    await first.set('host:kept:password', 'kept');
    const vault = new LockableVault({ path, kdf });
    await vault.delete('host:gone:password');
    await vault.unlock('correct horse battery');
    assert.equal(await vault.get('host:gone:password'), undefined);
    assert.equal(await vault.get('host:kept:password'), 'kept');
  });

  test('unlock without a vault file says to create one', async () => {
    const vault = new LockableVault({ path: freshPath(), kdf });
    assert.equal(await code(vault.unlock('correct horse battery')), 'VAULT_LOCKED');
    const damaged = freshPath();
    writeFileSync(damaged, 'not json');
    await assert.rejects(new LockableVault({ path: damaged, kdf }).unlock('correct horse battery'), /the vault file .* is damaged/);
  });
});
