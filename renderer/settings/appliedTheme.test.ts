// "System" follows the OS; light and dark are kept whatever the OS says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appliedTheme } from './appliedTheme.js';

test('system follows the OS, an explicit choice ignores it', () => {
  assert.equal(appliedTheme('system', true), 'dark');
  assert.equal(appliedTheme('system', false), 'light');
  assert.equal(appliedTheme('light', true), 'light');
  assert.equal(appliedTheme('dark', false), 'dark');
});
