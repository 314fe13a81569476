// Fingerprints checked against what ssh-keygen -l prints for the same keys.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostKeyFingerprint } from './hostKeyFingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'skein-fingerprint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const [type, bits] of [['ed25519'], ['ecdsa', 256], ['ecdsa', 521], ['rsa', 3072]] as const) {
  test(`matches what ssh-keygen -l -E sha256 prints for a ${type}${bits ? `-${bits}` : ''} key`, () => {
    const path = join(dir, `${type}-${bits ?? ''}`);
    execFileSync('ssh-keygen', ['-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-f', path, '-q']);
    const [, base64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
    const blob = new Uint8Array(Buffer.from(base64 ?? '', 'base64'));

    // "<bits> SHA256:<hash> <comment> (<TYPE>)"
    const listed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' });
    const expected = listed.split(' ')[1];

    assert.match(expected ?? '', /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(hostKeyFingerprint(blob), expected);
  });
}
