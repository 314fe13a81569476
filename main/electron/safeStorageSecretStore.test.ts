// SafeStorageSecretStore's file, opened as electron-store opens it (conf with name as configName), is private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { SafeStorageSecretStore, SECRETS_FILE_OPTIONS } from './safeStorageSecretStore.js';

// Electron's safeStorage cannot run under Node; this stand-in only has to be reversible and not the plaintext.
const reversedSafeStorage = {
  encryptStringAsync: async (plain: string) => Buffer.from([...plain].reverse().join(''), 'utf8'),
  decryptStringAsync: async (sealed: Buffer) => ({ result: [...sealed.toString('utf8')].reverse().join(''), shouldReEncrypt: false }),
};

test('the secrets file is 0600 under umask 022', { skip: process.platform === 'win32' }, async (t) => {
  const umask = process.umask(0o022);
  t.after(() => process.umask(umask));
  const cwd = mkdtempSync(join(tmpdir(), 'skein-secrets-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  // What electron-store does with its options: name becomes conf's configName, cwd is userData.
  const { name, ...options } = SECRETS_FILE_OPTIONS;
  const file = new Conf<Record<string, unknown>>({ ...options, configName: name, cwd });
  const secrets = new SafeStorageSecretStore({ safeStorage: reversedSafeStorage, file });
  await secrets.set('host:a:password', 'pw-1');
  assert.equal(await secrets.get('host:a:password'), 'pw-1');
  assert.ok(!readFileSync(file.path, 'utf8').includes('pw-1'));
  assert.equal(statSync(file.path).mode & 0o777, 0o600);
});
