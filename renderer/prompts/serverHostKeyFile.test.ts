// The dialog names the server file whose fingerprint `ssh-keygen -lf` prints, for each key type sshd makes by default.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverHostKeyFile } from './serverHostKeyFile.js';

test('ed25519, ecdsa and rsa keys have their default sshd files; other types none', () => {
  assert.equal(serverHostKeyFile('ssh-ed25519'), '/etc/ssh/ssh_host_ed25519_key.pub');
  assert.equal(serverHostKeyFile('ecdsa-sha2-nistp384'), '/etc/ssh/ssh_host_ecdsa_key.pub');
  assert.equal(serverHostKeyFile('rsa-sha2-512'), '/etc/ssh/ssh_host_rsa_key.pub');
  assert.equal(serverHostKeyFile('ssh-rsa'), '/etc/ssh/ssh_host_rsa_key.pub');
  assert.equal(serverHostKeyFile('sk-ssh-ed25519@openssh.com'), null);
});
