// The user file plus read-only global files, seen as one set of known_hosts.
import { readFileSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SshScratchDir } from '../../test/fixtures/sshScratchDir.js';
import { KnownHosts } from './knownHosts.js';
import type { KnownHostsEntry } from './knownHostsEntry.js';

const scratch = new SshScratchDir('skein-knownhosts-');

/** The entries about host:port, as the verifier picks them from what the files read. */
const entriesFor = async (knownHosts: KnownHosts, host: string, port: number): Promise<KnownHostsEntry[]> =>
  (await knownHosts.read()).entries.filter((e) => e.matches(host, port));
after(() => scratch.remove());

const ed = scratch.newKey('ed25519');
const ec = scratch.newKey('ecdsa');

test('read merges the user file and global files, each entry telling which file and line', async () => {
  const userFile = scratch.fresh('known_hosts');
  const globalFile = scratch.fresh('ssh_known_hosts');
  writeFileSync(userFile, `web.example ${ed.text}\n`);
  writeFileSync(globalFile, `# managed by IT\n*.example ${ec.text}\nbroken\n`);
  const knownHosts = new KnownHosts({ userFile, globalFiles: [globalFile, scratch.fresh('absent')] });

  const found = await entriesFor(knownHosts, 'web.example', 22);
  assert.deepEqual(
    found.map((e) => [e.location.path, e.location.line, e.keyType]),
    [
      [userFile, 1, 'ssh-ed25519'],
      [globalFile, 2, 'ecdsa-sha2-nistp256'],
    ],
  );
  const { skipped } = await knownHosts.read();
  assert.deepEqual(skipped, [{ path: globalFile, line: 3, reason: 'missing key type' }]);
});

test('add writes to the user file only; global files are never written', async () => {
  const userFile = scratch.fresh('dir/known_hosts');
  const globalFile = scratch.fresh('ssh_known_hosts');
  writeFileSync(globalFile, `other.example ${ec.text}`);
  const globalBefore = scratch.sha256Of(globalFile);
  const knownHosts = new KnownHosts({ userFile, globalFiles: [globalFile] });

  await knownHosts.add('new.example', 2022, ed.blob);

  assert.equal(scratch.sha256Of(globalFile), globalBefore);
  const found = await entriesFor(knownHosts, 'new.example', 2022);
  assert.deepEqual(found.map((e) => [e.location.path, e.hostField.startsWith('|1|')]), [[userFile, true]]);
});

test('hashKnownHosts: false writes the host name in the clear', async () => {
  const userFile = scratch.fresh('known_hosts');
  const knownHosts = new KnownHosts({ userFile, hashKnownHosts: false });
  await knownHosts.add('new.example', 22, ed.blob);
  assert.equal(readFileSync(userFile, 'utf8'), `new.example ${ed.text}\n`);
});

test('an unreadable file is an error rather than silently ignored (it may hold @revoked lines)', async () => {
  const userFile = scratch.fresh('known_hosts');
  const knownHosts = new KnownHosts({ userFile, globalFiles: [scratch.path] });
  await assert.rejects(knownHosts.read(), /EISDIR/);
});
