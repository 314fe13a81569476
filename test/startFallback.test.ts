// `npm start` where Electron cannot run: one line that says why, then a working web mode.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitFor } from './fixtures/waitFor.js';
import { httpGet } from './fixtures/webMode.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

async function startWhere(envIn: (scratch: string) => Record<string, string>): Promise<{ stderr: string; status: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'skein-start-'));
  const env = envIn(scratch);
  const { DISPLAY: _d, WAYLAND_DISPLAY: _w, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/electron/startSkein.ts', '--data-dir', join(scratch, 'data')], {
    cwd: repo,
    env: { ...rest, HOME: scratch, SSH_AUTH_SOCK: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor('the web address', () => out.includes('\n'), 30_000);
    const url = new URL(out.trim());
    const page = await httpGet(Number(url.port), `${url.pathname}${url.search}`);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, `stderr: ${err}`);
    return { stderr: err, status: page.status };
  } finally {
    child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }
}

test('with a binary but no display, npm start says so in one line and serves web mode', async () => {
  const { stderr, status } = await startWhere((scratch) => {
    // A file that stands for the binary (the package names it "electron" under the override); it is never run.
    writeFileSync(join(scratch, 'electron'), '');
    return { ELECTRON_OVERRIDE_DIST_PATH: scratch };
  });
  const said = stderr.split('\n').filter((line) => line.startsWith('Skein:'));
  assert.deepEqual(said, ['Skein: the desktop app cannot start here: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set). Starting web mode instead.']);
  assert.equal(status, 302, 'the printed address trades its token for the cookie');
});

test('with no Electron binary, npm start names that and serves web mode', async () => {
  const { stderr, status } = await startWhere((scratch) => ({ ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-such-electron'), DISPLAY: ':0' }));
  const said = stderr.split('\n').filter((line) => line.startsWith('Skein:'));
  assert.equal(said.length, 1, stderr);
  assert.match(said[0] ?? '', /^Skein: the desktop app cannot start here: Electron's binary is not installed and could not be fetched \(no file at .*no-such-electron.*\)\. Starting web mode instead\.$/);
  assert.equal(status, 302);
});
