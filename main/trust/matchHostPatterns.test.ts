// known_hosts pattern lists: lists, wildcards, negation, ports, case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchHostPatterns } from './matchHostPatterns.js';

test('any entry of a comma-separated list matches', () => {
  assert.equal(matchHostPatterns('b.example', 'a.example,b.example'), true);
  assert.equal(matchHostPatterns('c.example', 'a.example,b.example'), false);
});

test('* matches any run of characters and ? exactly one', () => {
  assert.equal(matchHostPatterns('web1.example.com', '*.example.com'), true);
  assert.equal(matchHostPatterns('example.com', '*.example.com'), false);
  assert.equal(matchHostPatterns('web1.example.com', 'web?.example.com'), true);
  assert.equal(matchHostPatterns('web12.example.com', 'web?.example.com'), false);
  assert.equal(matchHostPatterns('anything', '*'), true);
  assert.equal(matchHostPatterns('10.0.3.7', '10.0.*.?'), true);
});

test('a matching !pattern vetoes the line even when another pattern matches', () => {
  const list = '*.example.com,!bastion.example.com';
  assert.equal(matchHostPatterns('web.example.com', list), true);
  assert.equal(matchHostPatterns('bastion.example.com', list), false);
  assert.equal(matchHostPatterns('bastion.example.com', '!bastion.example.com'), false);
  assert.equal(matchHostPatterns('other', '!bastion.example.com'), false);
});

test('[host]:port patterns are literal, so a port-22 name never matches them', () => {
  assert.equal(matchHostPatterns('[10.0.0.1]:2222', '[10.0.0.1]:2222'), true);
  assert.equal(matchHostPatterns('10.0.0.1', '[10.0.0.1]:2222'), false);
  assert.equal(matchHostPatterns('[10.0.0.1]:2222', '10.0.0.1'), false);
  assert.equal(matchHostPatterns('[10.0.0.1]:2222', '[10.0.0.?]:*'), true);
});

test('matching ignores case', () => {
  assert.equal(matchHostPatterns('HOST.example', 'host.EXAMPLE'), true);
});

test('hostile patterns do not take exponential time', () => {
  const started = Date.now();
  assert.equal(matchHostPatterns('a'.repeat(200), `${'*a'.repeat(50)}b`), false);
  assert.ok(Date.now() - started < 500);
});
