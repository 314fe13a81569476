// secretBackendChoice: the keyring is used only where it really protects secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretBackendChoice } from './secretBackendChoice.js';

test('macOS and Windows use safeStorage when encryption is available', () => {
  assert.equal(secretBackendChoice({ platform: 'darwin', encryptionAvailable: true }).backend, 'safeStorage');
  assert.equal(secretBackendChoice({ platform: 'win32', encryptionAvailable: true }).backend, 'safeStorage');
});

test('without encryption every platform falls back to the vault', () => {
  for (const platform of ['darwin', 'win32', 'linux']) {
    const choice = secretBackendChoice({ platform, encryptionAvailable: false, storageBackend: 'gnome_libsecret' });
    assert.equal(choice.backend, 'vault');
    assert.match(choice.reason, /unavailable/);
  }
});

test('Linux uses safeStorage only with a real keyring, never basic_text', () => {
  for (const storageBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
    const choice = secretBackendChoice({ platform: 'linux', encryptionAvailable: true, storageBackend });
    assert.deepEqual(choice.backend, 'safeStorage', storageBackend);
    assert.match(choice.reason, new RegExp(storageBackend));
  }
  const basic = secretBackendChoice({ platform: 'linux', encryptionAvailable: true, storageBackend: 'basic_text' });
  assert.equal(basic.backend, 'vault');
  assert.match(basic.reason, /basic_text/);
  assert.equal(secretBackendChoice({ platform: 'freebsd', encryptionAvailable: true, storageBackend: 'basic_text' }).backend, 'vault');
  assert.equal(secretBackendChoice({ platform: 'linux', encryptionAvailable: true, storageBackend: 'some_future_store' }).backend, 'vault');
});

test('asking before app ready (backend "unknown") is an error, not a silent vault choice', () => {
  assert.throws(() => secretBackendChoice({ platform: 'linux', encryptionAvailable: true, storageBackend: 'unknown' }), /after the app is ready/);
  assert.throws(() => secretBackendChoice({ platform: 'linux', encryptionAvailable: true }), /after the app is ready/);
});
