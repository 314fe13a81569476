// Secrets go to the OS keyring where safeStorage has a real one, else to the vault the UI unlocks; vaultStatus says which.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDesktopSecrets, type DesktopSecretsOptions } from './desktopSecrets.js';

function options(backend: string, extra: Partial<DesktopSecretsOptions> = {}): DesktopSecretsOptions & { logs: string[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'skein-secrets-'));
  const logs: string[] = [];
  let store: Record<string, unknown> = {};
  return {
    dir,
    logs,
    platform: 'linux',
    // Electron's safeStorage cannot run under Node; this one only has to be reversible and not the plaintext.
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(true),
      getSelectedStorageBackend: () => backend as ReturnType<DesktopSecretsOptions['safeStorage']['getSelectedStorageBackend']>,
      encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from([...plain].reverse().join(''))),
      decryptStringAsync: (sealed: Buffer) => Promise.resolve({ result: [...sealed.toString()].reverse().join(''), shouldReEncrypt: false }),
    },
    secretsFile: () => ({
      path: join(dir, 'secrets.json'),
      get store() {
        return store;
      },
      set store(value) {
        store = value;
      },
    }),
    userDataDir: dir,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
    ...extra,
  };
}

test('a real Linux keyring holds the secrets through safeStorage; there is no vault to unlock', async (t) => {
  const o = options('gnome_libsecret');
  t.after(() => rmSync(o.dir, { recursive: true, force: true }));
  const opened = await openDesktopSecrets(o);
  assert.equal(opened.vault, undefined);
  assert.match(opened.reason, /gnome_libsecret keyring/);
  await opened.secrets.set('host:a:password', 'pw-1');
  assert.equal(await opened.secrets.get('host:a:password'), 'pw-1');
});

test("basic_text is no keyring: the passphrase vault holds the secrets, locked until the person's passphrase", async (t) => {
  const o = options('basic_text');
  t.after(() => rmSync(o.dir, { recursive: true, force: true }));
  const opened = await openDesktopSecrets(o);
  assert.match(opened.reason, /basic_text/);
  assert.deepEqual(await opened.vault?.status(), { state: 'absent', backend: 'passphrase-vault' });
  await assert.rejects(opened.secrets.set('host:a:password', 'pw'), /VAULT_LOCKED|needs a vault/);
  await opened.vault?.create('correct horse battery');
  await opened.secrets.set('host:a:password', 'pw-2');

  // The next launch finds the vault locked; SKEIN_VAULT_PASSPHRASE opens it, a wrong one only says so.
  const again = await openDesktopSecrets({ ...o, vaultPassphrase: 'correct horse battery' });
  assert.deepEqual(await again.vault?.status(), { state: 'unlocked', backend: 'passphrase-vault' });
  assert.equal(await again.secrets.get('host:a:password'), 'pw-2');
  const wrong = await openDesktopSecrets({ ...o, vaultPassphrase: 'not the passphrase' });
  assert.deepEqual(await wrong.vault?.status(), { state: 'locked', backend: 'passphrase-vault' });
  assert.ok(o.logs.some((l) => /SKEIN_VAULT_PASSPHRASE did not open the vault .*unlock it in the window/.test(l)), o.logs.join('\n'));
});
