// Web mode finds the desktop app's hosts where Electron keeps them, on each platform.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { electronAppName, userDataDir } from './userDataDir.js';

test("Electron's userData folder per platform, XDG_CONFIG_HOME and APPDATA honoured", () => {
  assert.equal(userDataDir('skein', { platform: 'linux', homeDir: '/home/ann', env: {} }), '/home/ann/.config/skein');
  assert.equal(userDataDir('skein', { platform: 'linux', homeDir: '/home/ann', env: { XDG_CONFIG_HOME: '/xdg' } }), '/xdg/skein');
  assert.equal(userDataDir('skein', { platform: 'freebsd', homeDir: '/home/ann', env: { XDG_CONFIG_HOME: '' } }), '/home/ann/.config/skein');
  assert.equal(userDataDir('Skein', { platform: 'darwin', homeDir: '/Users/ann', env: { XDG_CONFIG_HOME: '/xdg' } }), '/Users/ann/Library/Application Support/Skein');
  assert.equal(userDataDir('skein', { platform: 'win32', homeDir: 'C:\\Users\\ann', env: { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' } }), 'C:\\Users\\ann\\AppData\\Roaming\\skein');
  assert.equal(userDataDir('skein', { platform: 'win32', homeDir: 'C:\\Users\\ann', env: {} }), 'C:\\Users\\ann\\AppData\\Roaming\\skein');
});

test("the app's name is taken as Electron takes it: productName, else name; this repo's is skein", () => {
  assert.equal(electronAppName({ name: 'skein', productName: 'Skein' }), 'Skein');
  assert.equal(electronAppName({ name: 'skein' }), 'skein');
  assert.throws(() => electronAppName({}), /productName nor a name/);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: unknown; productName?: unknown };
  assert.equal(electronAppName(pkg), 'skein');
});
