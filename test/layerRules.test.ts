// The layer rules of the architecture are enforced by lint: an import that crosses them fails npm test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

test('app/ may not import Node, electron, ssh2 or main/', async () => {
  for (const line of [`import { readFile } from 'node:fs';`, `import { app } from 'electron';`, `import { Client } from 'ssh2';`, `import { ConnectionPool } from '../main/pool/index.js';`]) {
    const errors = await errorsFor('app/bad.ts', `${line}\nexport const x = 1;\n`);
    assert.ok(errors.some((e) => e.startsWith('no-restricted-imports') && e.includes('app/')), `${line} -> ${errors.join('; ')}`);
  }
  assert.deepEqual(await errorsFor('app/ok.ts', `import { z } from 'zod';\nexport const s = z.string();\n`), []);
});

test('the core (pool, trust, hosts, forward, service) may not import electron or electron-store', async () => {
  for (const folder of ['pool', 'trust', 'hosts', 'forward', 'service']) {
    const errors = await errorsFor(`main/${folder}/bad.ts`, `import { app } from 'electron';\nexport const a = app;\n`);
    assert.ok(errors.some((e) => e.includes('may not import electron')), `${folder}: ${errors.join('; ')}`);
  }
  const store = await errorsFor('main/hosts/bad.ts', `import Store from 'electron-store';\nexport const s = Store;\n`);
  assert.ok(store.length > 0);
});

test('the pool may not reach up into the layers above it', async () => {
  const errors = await errorsFor('main/pool/bad.ts', `import { KnownHosts } from '../trust/knownHosts.js';\nexport const k = KnownHosts;\n`);
  assert.ok(errors.some((e) => e.includes('may not import layers above it')), errors.join('; '));
});

test('the renderer may not import Node, electron, ssh2 or main/', async () => {
  for (const line of [`import { readFile } from 'fs';`, `import { ipcRenderer } from 'electron';`, `import { ConnectionPool } from '../main/pool/index.js';`]) {
    const errors = await errorsFor('renderer/bad.ts', `${line}\nexport const x = 1;\n`);
    assert.ok(errors.some((e) => e.startsWith('no-restricted-imports')), `${line} -> ${errors.join('; ')}`);
  }
});

test('renderer unit tests may use node:test and node:assert, and nothing else of Node', async () => {
  const ok = `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\ntest('x', () => assert.ok(true));\n`;
  assert.deepEqual(await errorsFor('renderer/hosts/ok.test.ts', ok), []);
  for (const line of [`import { readFile } from 'node:fs';`, `import { ipcRenderer } from 'electron';`, `import { ConnectionPool } from '../../main/pool/index.js';`]) {
    const errors = await errorsFor('renderer/hosts/bad.test.ts', `${line}\nexport const x = 1;\n`);
    assert.ok(errors.some((e) => e.startsWith('no-restricted-imports')), `${line} -> ${errors.join('; ')}`);
  }
  const source = await errorsFor('renderer/hosts/bad.ts', `import { test } from 'node:test';\nexport const t = test;\n`);
  assert.ok(source.some((e) => e.startsWith('no-restricted-imports')), 'a renderer source file still may not use node:test');
});

test('only main/electron may import electron', async () => {
  assert.deepEqual(await errorsFor('main/electron/ok.ts', `import { app } from 'electron';\nexport const a = app;\n`), []);
  const web = await errorsFor('main/web/bad.ts', `import { app } from 'electron';\nexport const a = app;\n`);
  assert.ok(web.some((e) => e.includes('may not import electron')));
});
