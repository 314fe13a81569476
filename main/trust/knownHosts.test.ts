// The user file plus read-only global files, seen as one set of known_hosts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownHosts } from './knownHosts.js';

const dir = mkdtempSync(join(tmpdir(), 'skein-knownhosts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function fresh(name: string): string {
  return join(dir, `${++counter}-${name}`);
}

function newKey(type = 'ed25519'): { text: string; blob: Uint8Array } {
  const path = fresh('key');
  execFileSync('ssh-keygen', ['-t', type, '-N', '', '-f', path, '-q']);
  const [keyType, base64] = readFileSync(`${path}.pub`, 'utf8').split(' ');
  return { text: `${keyType} ${base64}`, blob: new Uint8Array(Buffer.from(base64 ?? '', 'base64')) };
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const ed = newKey('ed25519');
const ec = newKey('ecdsa');

test('lookup merges the user file and global files, each entry telling which file and line', async () => {
  const userFile = fresh('known_hosts');
  const globalFile = fresh('ssh_known_hosts');
  writeFileSync(userFile, `web.example ${ed.text}\n`);
  writeFileSync(globalFile, `# managed by IT\n*.example ${ec.text}\nbroken\n`);
  const knownHosts = new KnownHosts({ userFile, globalFiles: [globalFile, fresh('absent')] });

  const found = await knownHosts.lookup('web.example', 22);
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
  const userFile = fresh('dir/known_hosts');
  const globalFile = fresh('ssh_known_hosts');
  writeFileSync(globalFile, `other.example ${ec.text}`);
  const globalBefore = sha256Of(globalFile);
  const knownHosts = new KnownHosts({ userFile, globalFiles: [globalFile] });

  await knownHosts.add('new.example', 2022, ed.blob);

  assert.equal(sha256Of(globalFile), globalBefore);
  const found = await knownHosts.lookup('new.example', 2022);
  assert.deepEqual(found.map((e) => [e.location.path, e.hashed]), [[userFile, true]]);
});

test('hashKnownHosts: false writes the host name in the clear', async () => {
  const userFile = fresh('known_hosts');
  const knownHosts = new KnownHosts({ userFile, hashKnownHosts: false });
  await knownHosts.add('new.example', 22, ed.blob);
  assert.equal(readFileSync(userFile, 'utf8'), `new.example ${ed.text}\n`);
});

test('an unreadable file is an error rather than silently ignored (it may hold @revoked lines)', async () => {
  const userFile = fresh('known_hosts');
  const knownHosts = new KnownHosts({ userFile, globalFiles: [dir] });
  await assert.rejects(knownHosts.read(), /EISDIR/);
});
