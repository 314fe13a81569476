// Loopback round trips keep their hundredths; slow links read in whole milliseconds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRtt } from './formatRtt.js';

test('precision follows size, and no answer is said in words', () => {
  assert.equal(formatRtt(0.4212), '0.42 ms');
  assert.equal(formatRtt(38.06), '38.1 ms');
  assert.equal(formatRtt(412.6), '413 ms');
  assert.equal(formatRtt(null), 'no answer yet');
});
