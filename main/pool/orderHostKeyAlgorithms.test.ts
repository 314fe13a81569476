// Known key types first, default order otherwise, and the default itself taken from the pinned ssh2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { orderHostKeyAlgorithms } from './orderHostKeyAlgorithms.js';

test('a known key type goes first; the others keep the default order', () => {
  assert.deepEqual(orderHostKeyAlgorithms(['ecdsa-sha2-nistp256']), [
    'ecdsa-sha2-nistp256',
    'ssh-ed25519',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
  ]);
});

test('a known RSA key brings its SHA-2 signature algorithms first; several known types keep the default order among them', () => {
  assert.deepEqual(orderHostKeyAlgorithms(['ssh-rsa', 'ecdsa-sha2-nistp384']), [
    'ecdsa-sha2-nistp384',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp521',
  ]);
});

test('known types ssh2 does not offer by default (DSA, security keys) add nothing and move nothing', () => {
  assert.deepEqual(orderHostKeyAlgorithms(['ssh-dss', 'sk-ssh-ed25519@openssh.com']), orderHostKeyAlgorithms([]));
});

test("with nothing known the order is exactly what ssh2 offers by itself, so the list cannot drift from ssh2's", async () => {
  const server = await OpenSshServer.start();
  try {
    // ssh2's public debug option prints the list it sends in its KEXINIT.
    const offered = await new Promise<string>((resolve, reject) => {
      const client = new ssh2.Client();
      client.on('error', reject);
      client.connect({
        ...server.target(),
        debug: (line) => {
          const match = /^Handshake: \(local\) Host key format: (.*)$/.exec(line);
          if (!match) return;
          client.removeAllListeners('error');
          client.on('error', () => undefined);
          client.end();
          resolve(match[1] ?? '');
        },
      });
    });
    assert.deepEqual(offered.split(','), orderHostKeyAlgorithms([]));
  } finally {
    await server.stop();
  }
});
