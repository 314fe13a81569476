// SettingsStore against real conf files in temp folders: defaults, persistence, 0600, bad values and bad patches.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Conf from 'conf';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../app/settings.js';
import { SkeinError } from '../../app/skeinError.js';
import { SETTINGS_DOCUMENT_OPTIONS, SettingsStore } from './settingsStore.js';

function open(t: TestContext, dir?: string) {
  const cwd = dir ?? mkdtempSync(join(tmpdir(), 'skein-settings-'));
  if (dir === undefined) t.after(() => rmSync(cwd, { recursive: true, force: true }));
  const warnings: string[] = [];
  const document = new Conf<Record<string, unknown>>({ cwd, configName: 'settings', ...SETTINGS_DOCUMENT_OPTIONS });
  const store = new SettingsStore({ document, logger: { info: () => undefined, warn: (m) => warnings.push(m) } });
  return { store, dir: cwd, path: document.path, warnings };
}

test('no file: the defaults; a change is saved (0600, owner only) and read back after reopening', (t) => {
  const { store, dir, path } = open(t);
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  const after = store.update({ theme: 'dark', fontSize: 15 });
  assert.deepEqual(after, { ...DEFAULT_SETTINGS, theme: 'dark', fontSize: 15 });
  assert.equal(statSync(path).mode & 0o777, 0o600);
  // One field at a time: the earlier change stays.
  store.update({ scrollback: 500, terminalRenderer: 'dom' });
  assert.deepEqual(open(t, dir).store.get(), { ...DEFAULT_SETTINGS, theme: 'dark', fontSize: 15, scrollback: 500, terminalRenderer: 'dom' });
});

test('a wider file from an older build is narrowed to 0600 on its next save', (t) => {
  const { store, path } = open(t);
  store.update({ theme: 'light' });
  chmodSync(path, 0o644);
  store.update({ theme: 'dark' });
  assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('a malformed stored value falls back to its default, is reported once, and stays in the file', (t) => {
  const { store, path, warnings, dir } = open(t);
  store.update({ theme: 'dark' });
  const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...onDisk, fontSize: 'huge', scrollback: -5, futureSetting: { kept: true } }));
  const reopened = open(t, dir);
  assert.deepEqual(reopened.store.get(), { ...DEFAULT_SETTINGS, theme: 'dark' });
  reopened.store.get();
  assert.equal(reopened.warnings.length, 2, reopened.warnings.join('\n'));
  assert.match(reopened.warnings[0] ?? '', /settings\.json: fontSize "huge" must be a number; using the default \(13\)/);
  assert.match(reopened.warnings[1] ?? '', /scrollback -5 must be from 0 to 1000000; using the default \(10000\)/);
  // Changing another setting keeps the bad values (and a newer build's setting) byte for byte.
  reopened.store.update({ theme: 'light' });
  const kept = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  assert.deepEqual([kept.theme, kept.fontSize, kept.scrollback, kept.futureSetting], ['light', 'huge', -5, { kept: true }]);
  // Setting the field itself fixes it.
  assert.equal(reopened.store.update({ fontSize: 12 }).fontSize, 12);
  assert.equal(warnings.length, 0);
});

test('a bad patch is refused whole, naming each field and why; nothing is written', (t) => {
  const { store, path } = open(t);
  store.update({ theme: 'dark' });
  const before = readFileSync(path, 'utf8');
  const refuse = (patch: unknown, field: string, message: RegExp): void => {
    assert.throws(
      () => store.update(patch as SettingsPatch),
      (err: unknown) => {
        assert.ok(err instanceof SkeinError);
        assert.equal(err.code, 'INVALID_INPUT');
        assert.equal(err.field, field);
        assert.match(err.message, message);
        return true;
      },
    );
  };
  refuse({ theme: 'light', fontSize: 100 }, 'patch.fontSize', /^settings not saved: fontSize: must be from 6 to 72$/);
  refuse({ theme: 'blue' }, 'patch.theme', /theme: must be one of system, light, dark/);
  refuse({ terminalRenderer: 'canvas' }, 'patch.terminalRenderer', /terminalRenderer: must be one of auto, webgl, dom/);
  refuse({ keepaliveIntervalMs: 1.5, closeToTray: 'yes' }, 'patch.keepaliveIntervalMs', /keepaliveIntervalMs: must be a whole number of milliseconds; closeToTray: must be true or false/);
  refuse({ fontsize: 12 }, 'patch.fontsize', /fontsize: not a setting \(settings: theme, fontFamily, fontSize/);
  refuse('dark', 'patch', /patch: must be an object of settings/);
  assert.equal(readFileSync(path, 'utf8'), before);
  assert.equal(store.get().theme, 'dark');
});

test('a settings file that stops being JSON: defaults, reported, and a change is refused rather than overwriting it', (t) => {
  const { store, path, warnings } = open(t);
  store.update({ theme: 'dark' });
  writeFileSync(path, '{ "theme": "dark", ');
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  assert.match(warnings[0] ?? '', /settings\.json cannot be read .*; using the default settings, the file is left as it is/);
  assert.throws(() => store.update({ theme: 'light' }), (err: unknown) => err instanceof SkeinError && /settings not saved: .* cannot be read/.test(err.message) && /move it aside/.test(err.hint ?? ''));
  assert.equal(readFileSync(path, 'utf8'), '{ "theme": "dark", ');
});
