// The app menu follows each platform and leaves the terminal its keys: no Ctrl+letter, and none of the page's Ctrl+Shift keys.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from './appMenuTemplate.js';

function items(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

/** Keys the renderer takes for itself (renderer/tabs/keyboardShortcuts.ts); a registered accelerator would steal them. */
const PAGE_KEYS = ['Ctrl+Shift+T', 'Ctrl+Shift+W', 'Ctrl+Shift+F', 'Ctrl+Shift+C', 'Ctrl+Shift+V', 'Ctrl+Shift+H'];

for (const platform of ['linux', 'win32']) {
  test(`${platform}: no registered accelerator takes a key from the terminal or the page`, () => {
    const handlers = { openHealth: () => undefined, quit: () => undefined };
    const registered = items(appMenuTemplate(platform, handlers)).filter((i) => i.accelerator !== undefined && i.registerAccelerator !== false);
    for (const item of registered) {
      const key = String(item.accelerator);
      assert.doesNotMatch(key, /^(Ctrl|CmdOrCtrl|CommandOrControl)\+[A-Za-z0-9]$/, `${item.label ?? item.role} takes ${key}`);
      assert.ok(!PAGE_KEYS.includes(key), `${item.label ?? item.role} takes the page's ${key}`);
    }
    // Roles register their default accelerator (Ctrl+C for copy) unless told not to.
    for (const item of items(appMenuTemplate(platform, handlers)).filter((i) => i.role && ['copy', 'paste', 'cut', 'selectAll', 'undo', 'redo', 'reload', 'forceReload', 'toggleDevTools'].includes(i.role))) {
      assert.equal(item.registerAccelerator, false, `${item.role} would take its Ctrl key`);
    }
    assert.deepEqual(registered.map((i) => i.accelerator), ['Ctrl+Shift+Q', 'F11']);
  });
}

test('macOS has the app menu, the Edit roles Cmd+C/Cmd+V need, and the Window menu', () => {
  let quits = 0;
  const template = appMenuTemplate('darwin', { openHealth: () => undefined, quit: () => quits++ });
  assert.equal(template[0]?.label, 'Skein');
  assert.deepEqual(template.slice(1).map((m) => m.role ?? m.label), ['editMenu', 'View', 'windowMenu']);
  const quit = items(template).find((i) => i.label === 'Quit Skein');
  assert.equal(quit?.accelerator, 'Command+Q');
  quit?.click?.({} as never, undefined, {});
  assert.equal(quits, 1, 'Quit goes through the graceful close, not role quit');
});

test('no menu has reload or developer tools in it', () => {
  for (const platform of ['darwin', 'linux', 'win32']) {
    const roles = items(appMenuTemplate(platform, { openHealth: () => undefined, quit: () => undefined })).map((i) => i.role);
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) assert.ok(!roles.includes(role as never), `${platform}: ${role}`);
  }
});
