// The terminal starts with the person's settings (checked), no answer-back window reports and no clipboard writes.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_TERMINAL_SETTINGS, checkedTerminalSettings, terminalOptions } from './terminalOptions.js';

const handler = { activate: () => undefined };

test('scrollback is 10,000 lines unless set; a bad setting falls back to the default', () => {
  assert.equal(checkedTerminalSettings().scrollback, 10_000);
  assert.equal(checkedTerminalSettings({ scrollback: 50_000 }).scrollback, 50_000);
  for (const bad of [-1, 1.5, Number.NaN, Infinity, 5_000_000, '100' as unknown as number]) {
    assert.equal(checkedTerminalSettings({ scrollback: bad }).scrollback, 10_000, String(bad));
  }
  assert.equal(terminalOptions(checkedTerminalSettings({ scrollback: 123 }), handler).scrollback, 123);
});

test('font settings pass through; an empty family or an absurd size does not', () => {
  const s = checkedTerminalSettings({ fontFamily: 'Fira Code', fontSize: 16 });
  assert.deepEqual([s.fontFamily, s.fontSize], ['Fira Code', 16]);
  assert.equal(checkedTerminalSettings({ fontSize: 72 }).fontSize, 72, "the core's range (app/settings.ts) is the terminal's");
  const bad = checkedTerminalSettings({ fontFamily: '  ', fontSize: 400 });
  assert.deepEqual([bad.fontFamily, bad.fontSize], [DEFAULT_TERMINAL_SETTINGS.fontFamily, DEFAULT_TERMINAL_SETTINGS.fontSize]);
});

test("the renderer setting is 'auto' unless set to one the core knows", () => {
  assert.equal(checkedTerminalSettings().terminalRenderer, 'auto');
  assert.equal(checkedTerminalSettings({ terminalRenderer: 'webgl' }).terminalRenderer, 'webgl');
  assert.equal(checkedTerminalSettings({ terminalRenderer: 'canvas' as 'dom' }).terminalRenderer, 'auto');
});

test('every window report and manipulation (title report CSI 21 t and the like) stays off', () => {
  const options = terminalOptions(DEFAULT_TERMINAL_SETTINGS, handler);
  assert.ok(options.windowOptions, 'windowOptions is set explicitly, not left to a default that could change');
  assert.deepEqual(Object.entries(options.windowOptions).filter(([, on]) => on === true), []);
});

test('OSC 8 links never reach the handler with a non-http scheme', () => {
  assert.equal(terminalOptions(DEFAULT_TERMINAL_SETTINGS, { activate: () => undefined, allowNonHttpProtocols: true }).linkHandler?.allowNonHttpProtocols, false);
});

test('no clipboard addon (OSC 52 writes) is a dependency or imported anywhere in the renderer', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  assert.deepEqual(deps.filter((d) => d.includes('clipboard')), []);
  const sources = (readdirSync(join(root, 'renderer'), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
  assert.ok(sources.length > 5);
  for (const f of sources) assert.doesNotMatch(readFileSync(join(root, 'renderer', f), 'utf8'), /addon-clipboard|ClipboardAddon/, f);
});
