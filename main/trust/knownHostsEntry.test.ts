// Parsing, matching and formatting single known_hosts lines.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SshScratchDir } from '../../test/fixtures/sshScratchDir.js';
import { KnownHostsEntry, type KnownHostsLineParse } from './knownHostsEntry.js';

const scratch = new SshScratchDir('skein-entry-');
after(() => scratch.remove());

const ed = scratch.newKey('ed25519');
const ec = scratch.newKey('ecdsa');
const at = { path: '/x/known_hosts', line: 7 };

function entryOf(parsed: KnownHostsLineParse): KnownHostsEntry {
  assert.equal(parsed.kind, 'entry', JSON.stringify(parsed));
  return (parsed as { entry: KnownHostsEntry }).entry;
}

function reasonOf(text: string): string {
  const parsed = KnownHostsEntry.parse(text, at);
  assert.equal(parsed.kind, 'malformed');
  return (parsed as { reason: string }).reason;
}

test('blank lines and comments are ignored', () => {
  for (const text of ['', '   ', '\t', '# a comment', '   # indented comment', '\r']) {
    assert.deepEqual(KnownHostsEntry.parse(text, at), { kind: 'ignored' });
  }
});

test('a plain entry yields its type, blob, comment and location', () => {
  const entry = entryOf(KnownHostsEntry.parse(`host.example,10.0.0.5 ${ed.text} my comment here`, at));
  assert.equal(entry.keyType, 'ssh-ed25519');
  assert.deepEqual(entry.key, ed.blob);
  assert.equal(entry.marker, null);
  assert.equal(entry.comment, 'my comment here');
  assert.deepEqual(entry.location, at);
  assert.equal(entry.hostField, 'host.example,10.0.0.5');
  assert.equal(entry.matches('host.example', 22), true);
  assert.equal(entry.matches('10.0.0.5', 22), true);
  assert.equal(entry.matches('host.example', 2222), false);
});

test('tabs, repeated spaces and CRLF endings are accepted', () => {
  const [type, base64] = ed.text.split(' ');
  const entry = entryOf(KnownHostsEntry.parse(`  host.example\t ${type}\t\t${base64}\r`, at));
  assert.deepEqual(entry.key, ed.blob);
});

test('[host]:port entries match only that port', () => {
  const entry = entryOf(KnownHostsEntry.parse(`[host.example]:2222 ${ec.text}`, at));
  assert.equal(entry.keyType, 'ecdsa-sha2-nistp256');
  assert.equal(entry.matches('host.example', 2222), true);
  assert.equal(entry.matches('host.example', 22), false);
  assert.equal(entry.matches('host.example', 2223), false);
});

test('markers are recognised', () => {
  assert.equal(entryOf(KnownHostsEntry.parse(`@revoked * ${ed.text}`, at)).marker, 'revoked');
  const ca = entryOf(KnownHostsEntry.parse(`@cert-authority *.example ${ed.text}`, at));
  assert.equal(ca.marker, 'cert-authority');
  assert.equal(ca.matches('a.example', 22), true);
});

test('malformed lines are reported with a reason', () => {
  assert.match(reasonOf(`@trusted host ${ed.text}`), /unknown marker @trusted/);
  assert.match(reasonOf('host.example'), /missing key type/);
  assert.match(reasonOf('host.example ssh-ed25519'), /missing key/);
  assert.match(reasonOf('host.example ssh-ed25519 not!base64'), /not valid base64/);
  assert.match(reasonOf('host.example 2048 65537 1234567890'), /RSA1/);
  assert.match(reasonOf(`host.example ssh-rsa ${ed.text.split(' ')[1]}`), /does not match the key's own type ssh-ed25519/);
  assert.match(reasonOf(`host.example ssh-ed25519 ${Buffer.from('xx').toString('base64')}`), /too short/);
  assert.match(reasonOf(`|1|bad|field ${ed.text}`), /invalid salt/);
});

test('format writes a line that parses back, hashed by default', () => {
  const hashed = entryOf(KnownHostsEntry.parse(KnownHostsEntry.format('Host.Example', 2222, ed.blob), at));
  assert.match(hashed.hostField, /^\|1\|/);
  assert.equal(hashed.matches('host.example', 2222), true);
  assert.equal(hashed.matches('host.example', 22), false);
  assert.deepEqual(hashed.key, ed.blob);

  const plain = KnownHostsEntry.format('host.example', 22, ec.blob, { hash: false });
  assert.equal(plain, `host.example ${ec.text}`);
});

test('format refuses to write a host name that would read back as patterns', () => {
  assert.throws(() => KnownHostsEntry.format('a,b', 22, ed.blob, { hash: false }), /unhashed/);
  assert.throws(() => KnownHostsEntry.format('*', 22, ed.blob, { hash: false }), /unhashed/);
  assert.throws(() => KnownHostsEntry.format('a b', 22, ed.blob, { hash: false }), /unhashed/);
});
