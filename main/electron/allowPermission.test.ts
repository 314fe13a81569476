// The page gets the clipboard its terminal copies to and pastes from; no other permission, and nothing for another origin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowPermission } from './allowPermission.js';

test("copy and paste are allowed to Skein's page", () => {
  assert.ok(allowPermission('clipboard-sanitized-write', 'skein://app/index.html'));
  assert.ok(allowPermission('clipboard-read', 'skein://app'));
});

test('every other permission, and the clipboard for any other origin, is denied', () => {
  for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'display-capture', 'hid', 'serial', 'usb', 'unknown', 'idle-detection', 'window-management']) {
    assert.equal(allowPermission(permission, 'skein://app/index.html'), false, permission);
  }
  for (const origin of ['https://example.com', 'file:///', 'skein://evil', undefined, '']) assert.equal(allowPermission('clipboard-read', origin), false, String(origin));
});
