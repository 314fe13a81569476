// Hashed host fields: interop with ssh-keygen -H, salting, corrupt fields.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { HashedHostName } from './hashedHostName.js';

const dir = mkdtempSync(join(tmpdir(), 'skein-hashed-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a field hashed by ssh-keygen -H matches its host string and nothing else', () => {
  execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-f', join(dir, 'key'), '-q']);
  const [type, base64] = readFileSync(join(dir, 'key.pub'), 'utf8').split(' ');
  const file = join(dir, 'known_hosts');
  writeFileSync(file, `[10.1.2.3]:2200 ${type} ${base64}\n`);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  const field = readFileSync(file, 'utf8').split(' ')[0] ?? '';

  const hashed = HashedHostName.parse(field);
  assert.ok(hashed instanceof HashedHostName);
  assert.equal(hashed.matches('[10.1.2.3]:2200'), true);
  assert.equal(hashed.matches('10.1.2.3'), false);
  assert.equal(hashed.toString(), field);
});

test('hashing is salted: the same host hashes differently each time but always matches', () => {
  const a = HashedHostName.of('example.com');
  const b = HashedHostName.of('example.com');
  assert.notEqual(a.toString(), b.toString());
  assert.equal(a.matches('example.com'), true);
  assert.equal(b.matches('example.com'), true);
  assert.match(a.toString(), /^\|1\|[A-Za-z0-9+/]{27}=\|[A-Za-z0-9+/]{27}=$/);
});

test('corrupt hashed fields are reported, not matched', () => {
  const salt = Buffer.alloc(20, 1).toString('base64');
  assert.deepEqual(HashedHostName.parse('|2|abc|def'), { error: 'hashed host field does not start with |1|' });
  assert.deepEqual(HashedHostName.parse(`|1|${salt}`), { error: 'hashed host field is not |1|salt|hash' });
  assert.deepEqual(HashedHostName.parse(`|1|c2hvcnQ=|${salt}`), { error: 'hashed host field has an invalid salt' });
  assert.deepEqual(HashedHostName.parse(`|1|${salt}|not*base64`), { error: 'hashed host field has an invalid hash' });
});
