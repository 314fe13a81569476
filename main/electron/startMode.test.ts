import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseStartMode, webFallbackLine } from './startMode.js';

test('with a binary and a display, npm start opens the desktop app', () => {
  assert.deepEqual(chooseStartMode({ electronBinary: '/opt/electron', platform: 'linux', env: { DISPLAY: ':0' } }), {
    kind: 'desktop',
    electronBinary: '/opt/electron',
  });
  assert.equal(chooseStartMode({ electronBinary: '/opt/electron', platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } }).kind, 'desktop');
  assert.equal(chooseStartMode({ electronBinary: '/Applications/Electron', platform: 'darwin', env: {} }).kind, 'desktop');
  assert.equal(chooseStartMode({ electronBinary: 'C:\\electron.exe', platform: 'win32', env: {} }).kind, 'desktop');
});

test('a missing binary starts web mode and says why in one line', () => {
  const mode = chooseStartMode({ electronBinary: { error: 'fetch failed' }, platform: 'linux', env: { DISPLAY: ':0' } });
  assert.equal(mode.kind, 'web');
  assert.ok(mode.kind === 'web' && mode.reason.includes('fetch failed'));
  const line = webFallbackLine(mode.kind === 'web' ? mode.reason : '');
  assert.ok(!line.includes('\n'));
  assert.match(line, /Electron's binary is not installed.*Starting web mode instead\.$/);
});

test('a Linux machine without X11 or Wayland starts web mode', () => {
  const mode = chooseStartMode({ electronBinary: '/opt/electron', platform: 'linux', env: { DISPLAY: '' } });
  assert.equal(mode.kind, 'web');
  assert.ok(mode.kind === 'web' && /no display/.test(mode.reason));
});
