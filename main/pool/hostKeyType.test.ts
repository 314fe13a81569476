// Key type names read from real ssh-keygen keys, and refusal of broken blobs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostKeyType } from './hostKeyType.js';

const dir = mkdtempSync(join(tmpdir(), 'skein-keytype-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function publicKeyBlob(type: string, bits?: number): Uint8Array {
  const path = join(dir, `${type}-${bits ?? 'default'}`);
  execFileSync('ssh-keygen', ['-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-f', path, '-q']);
  const [, base64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
  return new Uint8Array(Buffer.from(base64 ?? '', 'base64'));
}

test('reads the algorithm name out of keys made by ssh-keygen', () => {
  assert.equal(hostKeyType(publicKeyBlob('ed25519')), 'ssh-ed25519');
  assert.equal(hostKeyType(publicKeyBlob('ecdsa', 256)), 'ecdsa-sha2-nistp256');
  assert.equal(hostKeyType(publicKeyBlob('ecdsa', 384)), 'ecdsa-sha2-nistp384');
  assert.equal(hostKeyType(publicKeyBlob('rsa', 2048)), 'ssh-rsa');
});

test('refuses blobs that cannot be SSH public keys instead of inventing a type', () => {
  assert.throws(() => hostKeyType(new Uint8Array([0, 0])), /too short/);
  assert.throws(() => hostKeyType(new Uint8Array([0, 0, 0, 20, 0x73, 0x73])), /invalid key type length/);
  assert.throws(() => hostKeyType(new Uint8Array([0, 0, 0, 0])), /invalid key type length/);
  assert.throws(() => hostKeyType(new Uint8Array([0, 0, 0, 2, 0x0a, 0x00])), /non-printable/);
});
