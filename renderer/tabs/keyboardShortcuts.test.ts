// The app's shortcuts never take a key the shell needs, and the help list matches what the keys do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYBOARD_SHORTCUTS, shortcutFor, type KeyChord } from './keyboardShortcuts.js';

function chord(spec: string): KeyChord {
  const parts = spec.split('+');
  const key = parts.pop()!;
  const has = (m: string): boolean => parts.includes(m);
  const code = /^[A-Z]$/.test(key) ? `Key${key}` : /^[0-9]$/.test(key) ? `Digit${key}` : key;
  const shift = has('Shift');
  return {
    key: /^[A-Z]$/.test(key) ? (shift ? key : key.toLowerCase()) : key,
    code,
    ctrlKey: has('Ctrl'),
    shiftKey: shift,
    altKey: has('Alt'),
    metaKey: has('Meta'),
  };
}

test('keys shells, readline, vim, less, mc and htop use reach the terminal untouched', () => {
  const shellKeys = [
    'Ctrl+W', 'Ctrl+T', 'Ctrl+F', 'Ctrl+C', 'Ctrl+V', 'Ctrl+D', 'Ctrl+R', 'Ctrl+A', 'Ctrl+E', 'Ctrl+B', 'Ctrl+Z',
    'Ctrl+L', 'Ctrl+U', 'Ctrl+K', 'Ctrl+N', 'Ctrl+P', 'Alt+B', 'Alt+F', 'Alt+D', 'Alt+Shift+T', 'Tab', 'Shift+Tab',
    'PageUp', 'PageDown', 'Shift+PageUp', 'F2', 'F6', 'Shift+F6', 'Delete', 'Alt+0', 'Ctrl+1', 'Ctrl+Alt+T', 'Meta+T',
  ];
  for (const k of shellKeys) assert.equal(shortcutFor(chord(k)), undefined, k);
});

test('tab commands sit on Ctrl+Shift, Ctrl+Tab, Ctrl+PageUp/PageDown and Alt+digit', () => {
  const expected: [string, unknown][] = [
    ['Ctrl+Shift+T', { type: 'new-tab' }],
    ['Ctrl+Shift+W', { type: 'close-tab' }],
    ['Ctrl+Tab', { type: 'next-tab' }],
    ['Ctrl+Shift+Tab', { type: 'previous-tab' }],
    ['Ctrl+PageDown', { type: 'next-tab' }],
    ['Ctrl+PageUp', { type: 'previous-tab' }],
    ['Ctrl+Shift+PageDown', { type: 'move-tab', delta: 1 }],
    ['Ctrl+Shift+PageUp', { type: 'move-tab', delta: -1 }],
    ['Alt+1', { type: 'go-to-tab', index: 0 }],
    ['Alt+8', { type: 'go-to-tab', index: 7 }],
    ['Alt+9', { type: 'go-to-tab', index: -1 }],
    ['Ctrl+Shift+F', { type: 'find' }],
    ['Ctrl+F6', { type: 'focus-part', delta: 1 }],
    ['Ctrl+Shift+F6', { type: 'focus-part', delta: -1 }],
    ['Ctrl+Shift+C', { type: 'copy' }],
    ['Ctrl+Shift+V', { type: 'paste' }],
  ];
  for (const [k, command] of expected) assert.deepEqual(shortcutFor(chord(k)), command, k);
});

test('Alt+digit is read from the key code, so macOS (Alt+1 types "¡") and other layouts work', () => {
  assert.deepEqual(shortcutFor({ key: '¡', code: 'Digit1', ctrlKey: false, shiftKey: false, altKey: true, metaKey: false }), {
    type: 'go-to-tab',
    index: 0,
  });
});

test('every chord the help list names does something', () => {
  const chords = KEYBOARD_SHORTCUTS.flatMap((s) => s.chords);
  for (const k of chords) assert.notEqual(shortcutFor(chord(k)), undefined, `help names ${k} but it does nothing`);
  assert.equal(chords.length, 22);
});
