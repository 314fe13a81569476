// The view shortcuts open and close their view and leave every other key to the terminal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { viewShortcut } from './viewShortcut.js';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

test('Ctrl+Shift+H opens the health view and Ctrl+, the settings, from anywhere', () => {
  assert.equal(viewShortcut(key('H', { ctrl: true, shift: true }), 'tabs'), 'health');
  assert.equal(viewShortcut(key(',', { ctrl: true }), 'health'), 'settings');
  assert.equal(viewShortcut(key(',', { meta: true }), 'tabs'), 'settings', 'Cmd+, on macOS');
});

test('the same shortcut again goes back to the tabs', () => {
  assert.equal(viewShortcut(key('H', { ctrl: true, shift: true }), 'health'), 'tabs');
  assert.equal(viewShortcut(key(',', { ctrl: true }), 'settings'), 'tabs');
});

test('terminal keys are not taken: Ctrl+H (backspace), plain letters, Alt combinations', () => {
  assert.equal(viewShortcut(key('h', { ctrl: true }), 'tabs'), null);
  assert.equal(viewShortcut(key('H', { shift: true }), 'tabs'), null);
  assert.equal(viewShortcut(key('H', { ctrl: true, shift: true, alt: true }), 'tabs'), null);
  assert.equal(viewShortcut(key('<', { ctrl: true, shift: true }), 'tabs'), null);
});
