// Lint holds the architecture: an import that crosses the layer table, or a dropped promise, fails npm test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/**
 * Lints `code` as a real file in `folder`: the type-aware rules need the file to be part of the
 * folder's TypeScript project, so it is written there for the moment of the check and removed.
 */
async function errorsIn(folder: string, code: string, suffix = '.ts'): Promise<string[]> {
  const path = join(root, folder, `lintProbe${randomBytes(4).toString('hex')}${suffix}`);
  writeFileSync(path, code);
  try {
    const [result] = await eslint.lintFiles([path]);
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);
  } finally {
    rmSync(path, { force: true });
  }
}

const refused = (errors: string[], text: string): boolean => errors.some((e) => e.startsWith('skein/layer-imports') && e.includes(text));

test('app/ may import only app/ and zod', async () => {
  for (const line of [`import { readFile } from 'node:fs';`, `import { app } from 'electron';`, `import { Client } from 'ssh2';`, `import { ConnectionPool } from '../main/pool/index.js';`]) {
    const errors = await errorsIn('app', `${line}\nexport const x = 1;\n`);
    assert.ok(refused(errors, 'app/ may not import'), `${line} -> ${errors.join('; ')}`);
  }
  assert.deepEqual(await errorsIn('app', `import { z } from 'zod';\nexport const s = z.string();\n`), []);
});

test('the core layers may not import electron, electron-store, the shells or the renderer', async () => {
  for (const folder of ['main/pool', 'main/trust', 'main/hosts', 'main/forward', 'main/service']) {
    const errors = await errorsIn(folder, `import { app } from 'electron';\nexport const a = app;\n`);
    assert.ok(refused(errors, 'the package electron'), `${folder}: ${errors.join('; ')}`);
  }
  assert.ok(refused(await errorsIn('main/hosts', `import Store from 'electron-store';\nexport const s = Store;\n`), 'electron-store'));
});

test('each layer imports only what the table allows: the holes of a deny-list are closed', async () => {
  const cases: [string, string, string][] = [
    ['main/pool', `import { KnownHosts } from '../trust/knownHosts.js';\nexport const k = KnownHosts;\n`, 'main/pool/ may not import main/trust/'],
    ['main/hosts', `import { SkeinService } from '../service/skeinService.js';\nexport const s = SkeinService;\n`, 'main/hosts/ may not import main/service/'],
    ['main/forward', `import { HostStore } from '../hosts/hostStore.js';\nexport const h = HostStore;\n`, 'main/forward/ may not import main/hosts/'],
    ['main/trust', `import { Client } from 'ssh2';\nexport const c = Client;\n`, 'main/trust/ may not import the package ssh2'],
  ];
  for (const [folder, code, message] of cases) {
    const errors = await errorsIn(folder, code);
    assert.ok(refused(errors, message), `${folder}: ${errors.join('; ')}`);
  }
  // What the table allows passes.
  assert.deepEqual(await errorsIn('main/forward', `import { PoolError } from '../pool/poolError.js';\nexport const e = PoolError;\n`), []);
});

test('the renderer may not import Node, electron, ssh2 or main/', async () => {
  for (const line of [`import { readFile } from 'fs';`, `import { ipcRenderer } from 'electron';`, `import { ConnectionPool } from '../main/pool/index.js';`]) {
    const errors = await errorsIn('renderer', `${line}\nexport const x = 1;\n`);
    assert.ok(refused(errors, 'renderer/ may not import'), `${line} -> ${errors.join('; ')}`);
  }
});

test('the renderer may use React and the virtualizer; its unit tests lint in their own project with the test runner', async () => {
  const view = `import { useState } from 'react';\nimport { useVirtualizer } from '@tanstack/react-virtual';\nexport const hooks = [useState, useVirtualizer];\n`;
  assert.deepEqual(await errorsIn('renderer', view, '.tsx'), []);
  const unit = `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\ntest('x', () => assert.equal(1, 1));\n`;
  assert.deepEqual(await errorsIn('renderer', unit, '.test.ts'), []);
});

test('only main/electron may import electron', async () => {
  assert.deepEqual(await errorsIn('main/electron', `import { app } from 'electron';\nexport const a = app;\n`), []);
});

test('type-aware rules: a dropped promise and a promise passed where a callback returns void are errors', async () => {
  const floating = await errorsIn('main/pool', `export async function f(): Promise<void> { await Promise.resolve(); }\nexport function g(): void { f(); }\n`);
  assert.ok(floating.some((e) => e.startsWith('@typescript-eslint/no-floating-promises')), floating.join('; '));
  const misused = await errorsIn(
    'main/service',
    `import { EventEmitter } from 'node:events';\nexport function h(e: EventEmitter): void { e.on('x', async () => { await Promise.resolve(); }); }\n`,
  );
  assert.ok(misused.some((e) => e.startsWith('@typescript-eslint/no-misused-promises')), misused.join('; '));
});
