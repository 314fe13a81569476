// `npm run web` flags: a free port by default, --port and --data-dir checked and named when wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerArgs } from './serverArgs.js';

test('defaults: a free port and the desktop data folder', () => {
  assert.deepEqual(parseServerArgs([], '/work'), { port: 0, dataDir: undefined });
});

test('--port and --data-dir, relative folders from where it was started', () => {
  assert.deepEqual(parseServerArgs(['--port', '8080', '--data-dir', 'data'], '/work'), { port: 8080, dataDir: '/work/data' });
  assert.deepEqual(parseServerArgs(['--port=1', '--data-dir=/abs'], '/work'), { port: 1, dataDir: '/abs' });
});

test('a wrong flag is named with what it takes and the usage', () => {
  for (const bad of ['0', '65536', '80a', '1.5', '']) {
    assert.throws(() => parseServerArgs(['--port', bad], '/w'), /--port must be a whole number from 1 to 65535[\s\S]*usage: npm run web/, `--port ${bad}`);
  }
  assert.throws(() => parseServerArgs(['--port=-1'], '/w'), /--port must be a whole number/);
  assert.throws(() => parseServerArgs(['--data-dir', ''], '/w'), /--data-dir needs a folder/);
  assert.throws(() => parseServerArgs(['--host', '0.0.0.0'], '/w'), /--host[\s\S]*usage: npm run web/);
  assert.throws(() => parseServerArgs(['extra'], '/w'), /usage: npm run web/);
});
