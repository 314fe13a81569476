// Uptimes and countdowns read in the two units that matter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration } from './formatDuration.js';

test('seconds, then minutes and seconds, then the two largest units', () => {
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(999), '0 s');
  assert.equal(formatDuration(45_000), '45 s');
  assert.equal(formatDuration(185_000), '3 min 5 s');
  assert.equal(formatDuration((2 * 60 + 14) * 60_000 + 59_000), '2 h 14 min');
  assert.equal(formatDuration((3 * 24 + 4) * 3_600_000 + 5 * 60_000), '3 d 4 h');
});

test('a zero second unit is left out', () => {
  assert.equal(formatDuration(180_000), '3 min');
  assert.equal(formatDuration(86_400_000 + 30_000), '1 d');
});

test('negative or missing time is no time', () => {
  assert.equal(formatDuration(-2000), '0 s');
  assert.equal(formatDuration(Number.NaN), '0 s');
});
