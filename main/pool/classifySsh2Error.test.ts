// Real errors from ssh2 and the socket layer, each told apart by the one classifying function (login failures: authentication.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { freePort, generateKey } from '../../test/fixtures/openSshServer.js';
import { classifySsh2Error } from './classifySsh2Error.js';

const { Client, utils } = ssh2;

function login(server: FaultSshServer): Promise<InstanceType<typeof Client>> {
  const client = new Client();
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve(client)).once('error', reject);
    client.connect({ host: server.host, port: server.port, username: 'u', password: 'any' });
  });
}

test('a refused channel carries the SSH reason code and the server words without ssh2 prefix', async () => {
  const server = await FaultSshServer.start({ maxSessions: 0 });
  const client = await login(server);
  try {
    const err = await new Promise<Error>((resolve) => client.exec('true', (e) => resolve(e as Error)));
    const kind = classifySsh2Error(err);
    assert.equal(kind.kind, 'channel-refused');
    if (kind.kind === 'channel-refused') {
      assert.equal(typeof kind.reason, 'number');
      assert.ok(!kind.description.startsWith('(SSH)'), kind.description);
    }
  } finally {
    client.end();
    await server.stop();
  }
});

test('refused and reset sockets are told apart by their code', async () => {
  const port = await freePort();
  const refused = await new Promise<Error>((resolve) => connect({ host: '127.0.0.1', port }).once('error', resolve));
  assert.deepEqual(classifySsh2Error(refused), { kind: 'connection-refused' });
  const resetter = createServer((sock) => sock.resetAndDestroy());
  await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
  try {
    const { port: resetPort } = resetter.address() as AddressInfo;
    const reset = await new Promise<Error>((resolve) => connect({ host: '127.0.0.1', port: resetPort }).once('error', resolve));
    assert.deepEqual(classifySsh2Error(reset), { kind: 'connection-reset' });
  } finally {
    resetter.close();
  }
  assert.deepEqual(classifySsh2Error('not an error'), { kind: 'other' });
});

test('an encrypted key without its passphrase, or with a wrong one, is named as such', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skein-classify-'));
  try {
    for (const format of [undefined, 'PEM'] as const) {
      const key = generateKey(dir, `k${format ?? ''}`, format ? 'rsa' : 'ed25519', 'secret', format);
      assert.deepEqual(classifySsh2Error(utils.parseKey(key.privateKey)), { kind: 'key-needs-passphrase' }, format ?? 'openssh');
      assert.deepEqual(classifySsh2Error(utils.parseKey(key.privateKey, 'not it')), { kind: 'key-wrong-passphrase' }, format ?? 'openssh');
    }
    assert.deepEqual(classifySsh2Error(utils.parseKey('not a key')), { kind: 'other' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
