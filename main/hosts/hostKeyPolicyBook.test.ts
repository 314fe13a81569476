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
  book.setGlobal('strict');
  assert.equal(book.policyFor('unknown', 22), 'strict');
});
