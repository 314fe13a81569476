// The ssh2 private fields the pool relies on are there in the installed ssh2, on real objects, and their absence is loud.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ssh2, { type ClientChannel } from 'ssh2';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
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

/** A raw ssh2 connection to a real sshd, and a shell on it with the smaller window, or ssh2's own when `window` is undefined. */
async function floodingShell(server: OpenSshServer, window: number | undefined): Promise<{ client: InstanceType<typeof Client>; shell: ClientChannel; grant: () => void }> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject);
    client.connect({ host: server.host, port: server.port, username: server.username, privateKey: server.clientKey.privateKey, keepaliveInterval: 0 });
  });
  const shell = await new Promise<ClientChannel>((resolve, reject) => client.shell({ term: 'dumb' }, (err, ch) => (err ? reject(err) : resolve(ch))));
  const grant = window === undefined ? () => undefined : new Ssh2Internals().limitWindow(client, shell, window);
  return { client, shell, grant };
}

/** Bytes ssh2 holds for a shell paused while its server floods (`seq` forever): what would be drawn after Ctrl-C. */
async function heldWhilePaused(window: number | undefined): Promise<number> {
  const server = await OpenSshServer.start();
  const { client, shell } = await floodingShell(server, window);
  try {
    // The first 2 MiB were granted when the channel opened: let them go by, then pause.
    let seen = 0;
    const flowing = new Promise<void>((resolve) => shell.on('data', (chunk: Buffer) => (seen += chunk.length) > 4 * 1024 * 1024 && resolve()));
    shell.write('stty -echo; seq 1 100000000\n');
    await flowing;
    shell.pause();
    await new Promise((r) => setTimeout(r, 1500));
    return shell.readableLength;
  } finally {
    client.end();
    await server.stop();
  }
}

test('a shell with the smaller window lets its server run at most that far ahead of a paused reader; ssh2 alone lets it run 2 MiB ahead', async () => {
  const window = 128 * 1024;
  const limited = await heldWhilePaused(window);
  const plain = await heldWhilePaused(undefined);
  // What was granted before the pause may still come in (one window), and one SSH packet of slack.
  assert.ok(limited <= window + 32 * 1024, `held ${limited} bytes with a ${window}-byte window`);
  assert.ok(plain >= 2 * 1024 * 1024, `ssh2's own window held only ${plain} bytes: the comparison shows nothing`);
});

test('through pauses and resumes of the smaller window every byte arrives in order, and the output runs to its end', async () => {
  const server = await OpenSshServer.start();
  const { client, shell } = await floodingShell(server, 64 * 1024);
  try {
    let text = '';
    const ended = new Promise<void>((resolve) =>
      shell.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('SEQ-END-42')) resolve();
      }),
    );
    // The typed line is echoed before stty takes effect; only the output reads SEQ-END-42.
    shell.write('stty -echo; seq 1 300000; echo SEQ-END-$((40+2))\n');
    // A reader that stops now and then, as a tab waiting for its terminal does.
    const pauses = setInterval(() => {
      shell.pause();
      setTimeout(() => shell.resume(), 15);
    }, 40);
    await ended;
    clearInterval(pauses);
    const numbers = text.split(/\r?\n/).filter((line) => /^\d+$/.test(line)).map(Number);
    assert.equal(numbers.length, 300000, 'every line of seq arrived');
    assert.ok(numbers.every((n, i) => n === i + 1), 'in order, none twice');
  } finally {
    client.end();
    await server.stop();
  }
});
