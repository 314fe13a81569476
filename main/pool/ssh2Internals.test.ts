// The ssh2 private fields the pool relies on are there in the installed ssh2, on real objects, and their absence is loud.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ssh2, { type ClientChannel } from 'ssh2';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { Ssh2Internals } from './ssh2Internals.js';

const { Client } = ssh2;

test('package.json pins ssh2 to the exact version the adapter was written for, and that version is installed', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies.ssh2, Ssh2Internals.testedVersion, 'an exact version, no range');
  assert.equal(new Ssh2Internals().installedVersion, Ssh2Internals.testedVersion);
});

test('the startup check passes on the installed ssh2, and the fields work on a real connection and channel', async () => {
  const internals = new Ssh2Internals();
  const server = await FaultSshServer.start();
  const client = new Client();
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve()).once('error', reject);
      client.connect({ host: server.host, port: server.port, username: 'u', password: 'any' });
    });
    internals.checkClient(client);
    const answered = await new Promise<boolean>((resolve) => internals.ping(client, resolve));
    assert.equal(answered, true, 'the keep-alive probe was answered');

    const stream = await new Promise<ClientChannel>((resolve, reject) => client.shell((err, ch) => (err ? reject(err) : resolve(ch))));
    internals.checkChannel(stream);
    stream.end();
    // After our EOF ssh2's own signal() does nothing; the adapter's still reaches the server.
    assert.equal(internals.signal(client, stream, 'INT'), true);
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    stream.resume();
    stream.close();
    await closed;
    assert.equal(internals.signal(client, stream, 'INT'), false, 'a closed channel is not signalled');
  } finally {
    client.end();
    await server.stop();
  }
});

test('a missing field fails loudly, naming the field, what it is for and the pinned ssh2 version', () => {
  const internals = new Ssh2Internals();
  // A Client that never connected has no protocol object: what an ssh2 that renamed _protocol looks like.
  assert.throws(
    () => internals.checkClient(new Client()),
    (err: Error) => {
      assert.match(err.message, /^ssh2 \d+\.\d+\.\d+ has no Client\._protocol, which Skein uses for keep-alives and exec signals/);
      assert.match(err.message, /built against ssh2 1\.17\.0 \(pinned in package\.json\)/);
      return true;
    },
  );
  assert.throws(() => internals.checkChannel({} as ClientChannel), /has no Channel\.outgoing, which Skein uses for signalling a command after its stdin has ended/);
  assert.throws(() => internals.checkChannel({ outgoing: { state: 'open' } } as unknown as ClientChannel), /has no Channel\.outgoing\.id/);
});
