import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostKeyPolicyBook } from './hostKeyPolicyBook.js';

test('a saved host policy applies to its endpoint only; everything else gets the global policy', () => {
  const book = new HostKeyPolicyBook('ask');
  book.update([
    { host: 'DB.example.com', port: 22, hostKeyPolicy: 'strict' },
    { host: 'db.example.com', port: 22, hostKeyPolicy: 'accept-new' },
    { host: 'lab', port: 2222, hostKeyPolicy: 'accept-new' },
    { host: 'plain', port: 22, hostKeyPolicy: undefined },
  ]);
  assert.equal(book.policyFor('db.example.com', 22), 'strict');
  assert.equal(book.policyFor('db.example.com', 2200), 'ask');
  assert.equal(book.policyFor('lab', 2222), 'accept-new');
  assert.equal(book.policyFor('plain', 22), 'ask');
  assert.equal(book.policyFor('unknown', 22), 'ask');
  assert.equal(new HostKeyPolicyBook('strict').policyFor('unknown', 22), 'strict');
});

test('two saved hosts on one endpoint: the strictest policy applies, whichever comes first', () => {
  const book = new HostKeyPolicyBook('ask');
  book.update([
    // Same host:port, other label or user: the verifier cannot tell them apart.
    { host: 'db.example.com', port: 22, hostKeyPolicy: 'accept-new' },
    { host: 'DB.example.com', port: 22, hostKeyPolicy: 'strict' },
    { host: 'lab', port: 2222, hostKeyPolicy: 'accept-new' },
    { host: 'lab', port: 2222, hostKeyPolicy: 'ask' },
    { host: 'lab', port: 2222, hostKeyPolicy: 'accept-new' },
  ]);
  assert.equal(book.policyFor('db.example.com', 22), 'strict');
  assert.equal(book.policyFor('lab', 2222), 'ask');
});

test('a host on the endpoint that chose no policy counts with the global one', () => {
  const hosts = [
    { host: 'web', port: 22, hostKeyPolicy: 'accept-new' },
    { host: 'web', port: 22, hostKeyPolicy: undefined },
    { host: 'git', port: 22, hostKeyPolicy: undefined },
    { host: 'git', port: 22, hostKeyPolicy: 'strict' },
  ] as const;
  const asking = new HostKeyPolicyBook('ask');
  asking.update(hosts);
  assert.equal(asking.policyFor('web', 22), 'ask');
  assert.equal(asking.policyFor('git', 22), 'strict');
  const lenient = new HostKeyPolicyBook('accept-new');
  lenient.update(hosts);
  assert.equal(lenient.policyFor('web', 22), 'accept-new');
  assert.equal(lenient.policyFor('git', 22), 'strict');
});
