// Keyboard of the host list: arrows move, Enter opens, groups fold, the menu and edit/delete keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedHostView } from '../../test/fixtures/savedHostView.js';
import { compareHostsForList, flattenHostRows } from './flattenHostRows.js';
import { hostListKeyAction } from './hostListKeyAction.js';

const hosts = [
  savedHostView({ id: 'a', label: 'a', group: 'G' }),
  savedHostView({ id: 'b', label: 'b', group: 'G' }),
  savedHostView({ id: 'c', label: 'c' }),
].sort(compareHostsForList);
// [G 2], a, b, [No group 1], c
const rows = flattenHostRows(hosts, { collapsed: new Set(), expandAll: false });
const closed = flattenHostRows(hosts, { collapsed: new Set(['G']), expandAll: false });

test('arrows, Home, End and Page keys move within the list and stop at its ends', () => {
  assert.deepEqual(hostListKeyAction(rows, 1, { key: 'ArrowDown' }), { type: 'move', index: 2 });
  assert.deepEqual(hostListKeyAction(rows, 4, { key: 'ArrowDown' }), { type: 'move', index: 4 });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'ArrowUp' }), { type: 'move', index: 0 });
  assert.deepEqual(hostListKeyAction(rows, 3, { key: 'Home' }), { type: 'move', index: 0 });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'End' }), { type: 'move', index: 4 });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'PageDown' }, 3), { type: 'move', index: 3 });
  assert.deepEqual(hostListKeyAction(rows, 4, { key: 'PageUp' }, 3), { type: 'move', index: 1 });
});

test('Enter on a host opens it; on a group header it folds the group', () => {
  assert.deepEqual(hostListKeyAction(rows, 2, { key: 'Enter' }), { type: 'open', hostId: 'b' });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'Enter' }), { type: 'toggle', group: 'G' });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: ' ' }), { type: 'toggle', group: 'G' });
});

test('Right opens a closed group or steps into an open one; Left closes it or goes up to the header', () => {
  assert.deepEqual(hostListKeyAction(closed, 0, { key: 'ArrowRight' }), { type: 'toggle', group: 'G' });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'ArrowRight' }), { type: 'move', index: 1 });
  assert.deepEqual(hostListKeyAction(rows, 0, { key: 'ArrowLeft' }), { type: 'toggle', group: 'G' });
  assert.equal(hostListKeyAction(closed, 0, { key: 'ArrowLeft' }), null);
  assert.deepEqual(hostListKeyAction(rows, 2, { key: 'ArrowLeft' }), { type: 'move', index: 0 });
  assert.deepEqual(hostListKeyAction(rows, 4, { key: 'ArrowLeft' }), { type: 'move', index: 3 });
});

test('Shift+F10 and the context-menu key open the menu of a host; F2 edits; Delete asks to delete', () => {
  assert.deepEqual(hostListKeyAction(rows, 1, { key: 'F10', shiftKey: true }), { type: 'menu', hostId: 'a' });
  assert.deepEqual(hostListKeyAction(rows, 4, { key: 'ContextMenu' }), { type: 'menu', hostId: 'c' });
  assert.equal(hostListKeyAction(rows, 0, { key: 'ContextMenu' }), null);
  assert.deepEqual(hostListKeyAction(rows, 1, { key: 'F2' }), { type: 'edit', hostId: 'a' });
  assert.deepEqual(hostListKeyAction(rows, 1, { key: 'Delete' }), { type: 'delete', hostId: 'a' });
});

test('keys that are not the list\'s pass through, and an empty list takes none', () => {
  assert.equal(hostListKeyAction(rows, 1, { key: 'a' }), null);
  assert.equal(hostListKeyAction(rows, 1, { key: 'ArrowDown', ctrlKey: true }), null);
  assert.equal(hostListKeyAction(rows, 1, { key: 'Tab' }), null);
  assert.equal(hostListKeyAction([], 0, { key: 'ArrowDown' }), null);
});

test('an active index past the end (the list shrank) acts on the last row', () => {
  assert.deepEqual(hostListKeyAction(rows, 99, { key: 'Enter' }), { type: 'open', hostId: 'c' });
});
