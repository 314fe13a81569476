// `npm run web`'s process as a person runs it: one printed address that works in a browser's steps, and Ctrl-C or SIGTERM closing the pool gracefully.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { TabInfo } from '../app/api.js';
import type { SavedHostView } from '../app/hosts.js';
import { WEB_SOCKET_PATH } from '../app/webProtocol.js';
import { OpenSshServer } from './fixtures/openSshServer.js';
import { waitFor } from './fixtures/waitFor.js';
import { httpGet, sshdHost, TestPage } from './fixtures/webMode.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServer(home: string, dataDir: string): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/web/server.ts', '--data-dir', dataDir], {
    cwd: repo,
    // HOME decides ~/.ssh/known_hosts; SSH_AUTH_SOCK unset, so no agent of the machine's user leaks in.
    env: { ...process.env, HOME: home, SSH_AUTH_SOCK: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('web mode server process', () => {
  let sshd: OpenSshServer;
  let scratch: string;
  before(async () => {
    sshd = await OpenSshServer.start();
    scratch = mkdtempSync(join(tmpdir(), 'skein-webproc-'));
  });
  after(async () => {
    await sshd.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('prints one address; following it as a browser does gives a page whose tabs work; SIGTERM closes the pool gracefully and exits 0', async () => {
    const home = join(scratch, 'home-term');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine()}\n`);
    const server = startServer(home, join(scratch, 'data-term'));
    try {
      await waitFor('the printed address', () => server.stdout().includes('\n'), 30_000);
      const lines = server.stdout().trim().split('\n');
      assert.equal(lines.length, 1, `stdout: ${server.stdout()}`);
      const url = new URL(lines[0] as string);
      assert.equal(url.hostname, '127.0.0.1');
      assert.match(url.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{43}$/);

      const port = Number(url.port);
      const first = await httpGet(port, `${url.pathname}${url.search}`);
      assert.equal(first.status, 302);
      const cookie = ((first.headers['set-cookie'] as string[])[0] ?? '').split(';')[0] as string;
      const page = await TestPage.connect(`ws://127.0.0.1:${port}${WEB_SOCKET_PATH}`, { Cookie: cookie, Origin: `http://127.0.0.1:${port}` });
      await page.welcome();
      const host = await page.result<SavedHostView>('createHost', [sshdHost(sshd)]);
      const tab = await page.result<TabInfo>('openTab', [host.id, { cols: 80, rows: 24 }]);
      page.input(tab.tabId, 'echo from-web-$((20+22))\n');
      await waitFor('the echo', () => page.output(tab.tabId).includes('from-web-42'));
      const disconnectsBefore = (sshd.log().match(/Received disconnect from 127\.0\.0\.1/g) ?? []).length;

      server.child.kill('SIGTERM');
      const { code, signal } = await server.exited;
      assert.deepEqual({ code, signal }, { code: 0, signal: null }, `stderr: ${server.stderr()}`);
      await waitFor('the page told the server went away', () => page.closed);
      // ssh2's end() sends SSH_MSG_DISCONNECT; a killed process would only show "Connection closed" or a reset.
      await waitFor('sshd logging the disconnect', () => (sshd.log().match(/Received disconnect from 127\.0\.0\.1/g) ?? []).length > disconnectsBefore, 5000);
      assert.match(server.stderr(), /SIGTERM: closing connections/);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  test('Ctrl-C (SIGINT) exits 0 too, and a bad flag is named with the usage', async () => {
    const server = startServer(join(scratch, 'home-int'), join(scratch, 'data-int'));
    try {
      await waitFor('the printed address', () => server.stdout().includes('\n'), 30_000);
      server.child.kill('SIGINT');
      assert.deepEqual(await server.exited, { code: 0, signal: null });
    } finally {
      server.child.kill('SIGKILL');
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'main/web/server.ts', '--port', 'eighty'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    assert.equal(code, 1);
    assert.match(err, /--port must be a whole number from 1 to 65535, not "eighty"/);
    assert.match(err, /usage: npm run web/);
  });
});
