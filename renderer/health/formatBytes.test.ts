// Traffic counters read as a person would write them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes } from './formatBytes.js';

test('small counts stay in bytes', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
});

test('larger counts take the largest unit under 1024, one decimal below 10', () => {
  assert.equal(formatBytes(1024), '1.0 KiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(150 * 1024 * 1024), '150 MiB');
  assert.equal(formatBytes(3.25 * 1024 ** 3), '3.3 GiB');
});

test('nothing odd reaches the page for a missing or negative count', () => {
  assert.equal(formatBytes(Number.NaN), '0 B');
  assert.equal(formatBytes(-5), '0 B');
});
