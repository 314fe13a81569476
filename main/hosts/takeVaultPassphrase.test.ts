// takeVaultPassphrase: the passphrase is read once and no child process started afterwards can see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { takeVaultPassphrase } from './takeVaultPassphrase.js';

/** What a child process of this one finds in SKEIN_VAULT_PASSPHRASE, spawned the ordinary way. */
function childSees(): unknown {
  const script = 'process.stdout.write(JSON.stringify(process.env.SKEIN_VAULT_PASSPHRASE ?? null))';
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

test('the passphrase is returned once and a child process spawned afterwards does not inherit it', (t) => {
  const saved = process.env.SKEIN_VAULT_PASSPHRASE;
  t.after(() => {
    if (saved === undefined) delete process.env.SKEIN_VAULT_PASSPHRASE;
    else process.env.SKEIN_VAULT_PASSPHRASE = saved;
  });
  process.env.SKEIN_VAULT_PASSPHRASE = 'correct horse';
  // Without taking it, children do inherit it: the check below can fail.
  assert.equal(childSees(), 'correct horse');

  assert.equal(takeVaultPassphrase(process.env), 'correct horse');
  assert.equal(Object.hasOwn(process.env, 'SKEIN_VAULT_PASSPHRASE'), false);
  assert.equal(childSees(), null);
  assert.equal(takeVaultPassphrase(process.env), undefined);
});

test('an empty passphrase counts as none and is removed as well', () => {
  const env: NodeJS.ProcessEnv = { SKEIN_VAULT_PASSPHRASE: '', HOME: '/home/u' };
  assert.equal(takeVaultPassphrase(env), undefined);
  assert.deepEqual(env, { HOME: '/home/u' });
});
