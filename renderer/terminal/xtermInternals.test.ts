// The xterm.js release the adapter was written for is the one package.json pins and npm installed; the fields themselves are checked in a real browser (test/e2e/terminal.spec.ts, DOM renderer colours).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { XtermInternals } from './xtermInternals.js';

const json = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, unknown>;

test('package.json pins @xterm/xterm to the exact version the adapter was written for, and that version is installed', () => {
  const pkg = json('../../package.json') as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies['@xterm/xterm'], XtermInternals.testedVersion, 'an exact version, no range');
  assert.equal(json('../../node_modules/@xterm/xterm/package.json').version, XtermInternals.testedVersion);
});
