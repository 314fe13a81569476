// The vault passphrase hint rewards length and words, and does not let repeats or dressed-up words pass as strong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passphraseStrength } from './passphraseStrength.js';

const level = (p: string) => passphraseStrength(p).level;

test('under 8 characters is too short, as the core will refuse it', () => {
  assert.equal(level(''), 'too-short');
  assert.equal(level('Ab1!xyz'), 'too-short');
  assert.match(passphraseStrength('short').text, /at least 8 characters/);
});

test('a short word, dressed up or not, and a repeated character are weak', () => {
  assert.equal(level('password'), 'weak');
  assert.equal(level('Tr0ub4dor'), 'weak');
  assert.equal(level('aaaaaaaaaaaaaaaaaaaa'), 'weak');
  assert.equal(level('word word word word'), 'weak', 'one word four times is one word');
});

test('four unrelated words or 16 varied characters are strong; 12 varied characters fair', () => {
  assert.equal(level('correct horse battery staple'), 'strong');
  assert.equal(level('Xq7#mP2!vL9@tR4$'), 'strong');
  assert.equal(level('pine-cloud-41'), 'fair');
});
