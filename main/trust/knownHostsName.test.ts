// The host string known_hosts matches and hashes, per port and case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownHostsName } from './knownHostsName.js';

test('port 22 entries are the bare host, other ports are [host]:port', () => {
  assert.equal(knownHostsName('example.com', 22), 'example.com');
  assert.equal(knownHostsName('127.0.0.1', 2222), '[127.0.0.1]:2222');
});

test('IPv6 literals are bracketed only when a port must follow', () => {
  assert.equal(knownHostsName('::1', 22), '::1');
  assert.equal(knownHostsName('::1', 2222), '[::1]:2222');
});

test('host names are lower-cased, as ssh does before looking them up or hashing them', () => {
  assert.equal(knownHostsName('Example.COM', 22), 'example.com');
  assert.equal(knownHostsName('Example.COM', 2200), '[example.com]:2200');
});
