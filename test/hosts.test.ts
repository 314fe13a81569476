// How app/hosts.ts names endpoints and pool keys, the one spelling every message and the pool use.
// (Here rather than beside app/hosts.ts: app/ may not import node builtins such as node:test.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionKeyOf, describeHostIssues, formatEndpoint, formatHostPort, SavedHostSchema, type ConnectionKey } from '../app/hosts.js';

test('an endpoint is host:port, an IPv6 literal in brackets so its port stays readable', () => {
  assert.equal(formatHostPort('db.example.com', 22), 'db.example.com:22');
  assert.equal(formatHostPort('10.0.0.5', 2222), '10.0.0.5:2222');
  assert.equal(formatHostPort('::1', 2222), '[::1]:2222');
  assert.equal(formatEndpoint({ username: 'ops', host: 'fe80::1' }), 'ops@[fe80::1]:22');
  assert.equal(formatEndpoint({ username: 'ops', host: 'bastion', port: 2200 }), 'ops@bastion:2200');
});

test('two forwards on one IPv6 address and port: the error names the address as [::1]:8080', () => {
  const forward = { bindAddress: '::1', bindPort: 8080, remoteHost: 'localhost', remotePort: 80 };
  const parsed = SavedHostSchema.safeParse({
    id: 'h1',
    label: 'web',
    host: 'web.example.com',
    username: 'deploy',
    auth: { method: 'agent' },
    localForwards: [
      { id: 'a', ...forward },
      { id: 'b', ...forward },
    ],
  });
  assert.equal(parsed.success, false);
  assert.deepEqual(describeHostIssues(parsed.error), ['localForwards[1].bindPort: [::1]:8080 is already used by localForwards[0]']);
});

test('a pool key names the target and its whole jump chain, first hop first; only connectionKeyOf makes one', () => {
  const key = connectionKeyOf({
    username: 'pg',
    host: 'fd00::5',
    port: 5432,
    jump: [
      { username: 'me', host: 'bastion.example.com' },
      { username: 'admin', host: '10.0.0.1', port: 2222 },
    ],
  });
  assert.equal(key, 'pg@[fd00::5]:5432 via me@bastion.example.com:22 > admin@10.0.0.1:2222');
  assert.equal(connectionKeyOf({ username: 'pg', host: 'db', jump: [] }), 'pg@db:22');
  // @ts-expect-error a key spelled by hand would drop the jump chain unnoticed; the compiler refuses it
  const handMade: ConnectionKey = 'pg@[fd00::5]:5432';
  assert.notEqual(handMade, key);
});
