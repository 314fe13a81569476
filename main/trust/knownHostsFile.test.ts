// Reading and appending one known_hosts file, checked against real OpenSSH tools.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SshScratchDir } from '../../test/fixtures/sshScratchDir.js';
import type { KnownHostsEntry } from './knownHostsEntry.js';
import { KnownHostsFile } from './knownHostsFile.js';

const scratch = new SshScratchDir('skein-khfile-');

/** The entries about host:port, as the verifier picks them from what the file reads. */
const entriesFor = async (file: KnownHostsFile, host: string, port: number): Promise<KnownHostsEntry[]> =>
  (await file.read()).entries.filter((e) => e.matches(host, port));
after(() => scratch.remove());

/** What `ssh-keygen -F` finds for a host name: the line numbers it reports. */
function sshKeygenFind(file: string, name: string): number[] {
  const result = spawnSync('ssh-keygen', ['-F', name, '-f', file], { encoding: 'utf8' });
  return [...result.stdout.matchAll(/found: line (\d+)/g)].map((m) => Number(m[1]));
}

const ed = scratch.newKey('ed25519');
const ec = scratch.newKey('ecdsa');
const rsa = scratch.newKey('rsa');

test('a missing file reads as empty', async () => {
  const file = new KnownHostsFile({ path: scratch.fresh('missing/known_hosts') });
  assert.deepEqual(await file.read(), { entries: [], skipped: [] });
  assert.deepEqual(await entriesFor(file, 'host', 22), []);
});

test('every key type of a host with its line number, and skips malformed lines by number', async () => {
  const path = scratch.fresh('known_hosts');
  writeFileSync(
    path,
    [
      '# my hosts',
      '',
      `web.example ${ed.text}`,
      `web.example,db.example ${ec.text} second`,
      'garbage line',
      `[web.example]:2222 ${rsa.text}`,
      `@revoked web.example ${rsa.text}`,
      `@cert-authority *.example ${ed.text}`,
      `@bogus web.example ${ed.text}`,
    ].join('\n'),
  );
  const file = new KnownHostsFile({ path });
  const { skipped } = await file.read();
  assert.deepEqual(
    skipped.map((s) => [s.line, s.reason]),
    [
      [5, 'missing key'],
      [9, 'unknown marker @bogus'],
    ],
  );
  assert.equal(skipped[0]?.path, path);

  const found = await entriesFor(file, 'web.example', 22);
  assert.deepEqual(
    found.map((e) => [e.location.line, e.marker, e.keyType]),
    [
      [3, null, 'ssh-ed25519'],
      [4, null, 'ecdsa-sha2-nistp256'],
      [7, 'revoked', 'ssh-rsa'],
      [8, 'cert-authority', 'ssh-ed25519'],
    ],
  );
  assert.deepEqual(found[1]?.key, ec.blob);

  // *.example does not cover [web.example]:2222: the pattern sees the brackets and port too.
  const onPort = await entriesFor(file, 'web.example', 2222);
  assert.deepEqual(
    onPort.map((e) => [e.location.line, e.keyType]),
    [[6, 'ssh-rsa']],
  );
});

test('append creates a missing directory (0700) and file (0600)', async () => {
  const parent = scratch.fresh('ssh');
  const path = join(parent, 'known_hosts');
  const file = new KnownHostsFile({ path });
  await file.append('127.0.0.1', 2222, ed.blob);
  assert.equal(statSync(parent).mode & 0o777, 0o700);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.length, 2);
  assert.equal(lines[1], '');
});

test('append adds one line, ends the previous last line first, and never rewrites existing bytes', async () => {
  const path = scratch.fresh('known_hosts');
  // No final newline, a malformed line and odd spacing: all of it must survive byte for byte.
  const before = `# keep me\nnot a valid line\n\tweb.example   ${ed.text}   spaced comment`;
  writeFileSync(path, before);
  const file = new KnownHostsFile({ path, hashKnownHosts: false });

  await file.append('db.example', 22, ec.blob);

  const after = readFileSync(path, 'utf8');
  assert.equal(after, `${before}\ndb.example ${ec.text}\n`);
  assert.deepEqual(
    (await entriesFor(file, 'db.example', 22)).map((e) => e.location.line),
    [4],
  );
});

test('concurrent appends each land as a whole line', async () => {
  const path = scratch.fresh('known_hosts');
  writeFileSync(path, `web.example ${ed.text}`);
  const file = new KnownHostsFile({ path });
  await Promise.all(Array.from({ length: 20 }, (_, i) => file.append(`host${i}.example`, 22, ec.blob)));
  const { entries, skipped } = await file.read();
  assert.equal(entries.length, 21);
  assert.deepEqual(skipped, []);
  assert.equal(readFileSync(path, 'utf8').split('\n').filter((l) => l === '').length, 1);
});

test('entries are hashed by default and ssh-keygen -F finds them', async () => {
  const path = scratch.fresh('known_hosts');
  const file = new KnownHostsFile({ path });
  await file.append('127.0.0.1', 2222, ed.blob);
  await file.append('web.example', 22, ec.blob);

  const text = readFileSync(path, 'utf8');
  assert.doesNotMatch(text, /127\.0\.0\.1|web\.example/);
  assert.deepEqual(sshKeygenFind(path, '[127.0.0.1]:2222'), [1]);
  assert.deepEqual(sshKeygenFind(path, 'web.example'), [2]);
  assert.deepEqual(sshKeygenFind(path, '127.0.0.1'), []);
});

test('unhashed entries are found by ssh-keygen -F too', async () => {
  const path = scratch.fresh('known_hosts');
  const file = new KnownHostsFile({ path, hashKnownHosts: false });
  await file.append('127.0.0.1', 2222, rsa.blob);
  assert.equal(readFileSync(path, 'utf8'), `[127.0.0.1]:2222 ${rsa.text}\n`);
  assert.deepEqual(sshKeygenFind(path, '[127.0.0.1]:2222'), [1]);
});

test('a file hashed by ssh-keygen -H still matches its hosts', async () => {
  const path = scratch.fresh('known_hosts');
  writeFileSync(
    path,
    [`web.example,10.0.0.5 ${ed.text}`, `[127.0.0.1]:2222 ${ec.text}`, `*.wild.example ${rsa.text}`, `@revoked bad.example ${rsa.text}`, ''].join('\n'),
  );
  execFileSync('ssh-keygen', ['-H', '-f', path], { stdio: 'ignore' });
  const hashedText = readFileSync(path, 'utf8');
  assert.doesNotMatch(hashedText, /web\.example|127\.0\.0\.1/);

  const hashedBefore = scratch.sha256Of(path);
  const file = new KnownHostsFile({ path });
  const web = await entriesFor(file, 'web.example', 22);
  assert.deepEqual(web.map((e) => [e.hostField.startsWith('|1|'), e.keyType]), [[true, 'ssh-ed25519']]);
  assert.deepEqual(web[0]?.key, ed.blob);
  assert.equal((await entriesFor(file, '10.0.0.5', 22)).length, 1);
  assert.deepEqual((await entriesFor(file, '127.0.0.1', 2222)).map((e) => e.keyType), ['ecdsa-sha2-nistp256']);
  assert.deepEqual(await entriesFor(file, '127.0.0.1', 22), []);
  // ssh-keygen -H leaves wildcard and marker lines in the clear; they still match.
  assert.equal((await entriesFor(file, 'a.wild.example', 22)).length, 1);
  assert.equal((await entriesFor(file, 'bad.example', 22))[0]?.marker, 'revoked');
  assert.equal(scratch.sha256Of(path), hashedBefore);
});
