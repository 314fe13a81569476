// The real desktop app under Playwright's _electron: the window opens on Skein's page with a launch's ssh:// target in quick connect, SkeinApi is there and Node is not,
// and a tab opens against the test sshd with its bytes on the tab port. Skips, saying why, where Electron cannot run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { _electron } from '@playwright/test';
import { PRELOAD_CALLS, PRELOAD_EVENTS } from '../../app/electronIpc.js';
import { OpenSshServer } from '../fixtures/openSshServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Electron binary, found the way the electron package finds it, but without its download on
 * first use (which these machines cannot make): a path, or why there is none.
 */
function electronBinary(): { path: string } | { missing: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary is not installed (node_modules/electron/path.txt is missing; the electron package fetches it on first run, and this machine cannot download it). Run `npx install-electron` where the network allows.' };
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const path = join(dist, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(path)) return { missing: `the Electron binary ${path} is missing: run \`npx install-electron\`` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: "no display for Electron's window (DISPLAY and WAYLAND_DISPLAY are unset): run the test under xvfb-run" };
  }
  return { path };
}

const binary = electronBinary();

test('the desktop app opens its window with SkeinApi and no Node, and a tab runs on the test sshd', { skip: 'missing' in binary ? binary.missing : false, timeout: 180_000 }, async (t) => {
  if (!('path' in binary)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
  const sshd = await OpenSshServer.start();
  const home = mkdtempSync(join(tmpdir(), 'skein-smoke-'));
  t.after(async () => {
    await sshd.stop();
    rmSync(home, { recursive: true, force: true });
  });
  // A home of its own: the app's data (userData under XDG_CONFIG_HOME or ~/Library) and a known_hosts that knows the sshd.
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'known_hosts'), `${sshd.knownHostsLine()}\n`);
  const app = await _electron.launch({
    executablePath: binary.path,
    // A launch's ssh:// target only fills in quick connect.
    args: [root, `ssh://${sshd.username}@${sshd.host}:${sshd.port}`],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
  });
  t.after(() => app.close());
  const page = await app.firstWindow();
  assert.equal(page.url(), 'skein://app/index.html');
  const handedOver = `${sshd.username}@${sshd.host}:${sshd.port}`;
  await page.waitForFunction(`document.querySelector('[data-testid=quick-connect]')?.value === ${JSON.stringify(handedOver)}`, undefined, { timeout: 10_000 });

  const globals = await page.evaluate(`({ require: typeof require, process: typeof process, module: typeof module, ipc: typeof window.skeinIpc, api: Object.keys(window.skein).sort() })`);
  assert.deepEqual(globals, { require: 'undefined', process: 'undefined', module: 'undefined', ipc: 'undefined', api: [...PRELOAD_CALLS, ...PRELOAD_EVENTS].sort() });

  const draft = { label: 'smoke', host: sshd.host, port: sshd.port, username: sshd.username, auth: { method: 'key', keyPath: sshd.clientKey.privateKeyPath } };
  // A string, not a function: functions from tsx carry esbuild's __name helper, which the page lacks.
  const text = await page.evaluate(`(async () => {
    const port = await new Promise((resolve) => {
      addEventListener('message', (e) => { if (e.source === window && e.data === 'skein:tab-port') resolve(e.ports[0]); });
      window.skeinDesktop.requestTabPort();
    });
    const created = await window.skein.createHost(${JSON.stringify(draft)});
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const tab = await window.skein.openTab(created.value.id, { cols: 80, rows: 24 });
    if (!tab.ok) throw new Error(JSON.stringify(tab.error));
    let text = '';
    const done = new Promise((resolve) => {
      port.onmessage = (e) => {
        const m = e.data;
        if (m.kind !== 'output') return;
        text += new TextDecoder().decode(m.data);
        port.postMessage({ kind: 'ack', tabId: m.tabId, bytes: m.data.byteLength });
        if (text.includes('smoke-42')) resolve(text);
      };
    });
    const input = new TextEncoder().encode('echo smoke-$((6*7))\\n').buffer;
    port.postMessage({ kind: 'input', tabId: tab.value.tabId, data: input }, [input]);
    return await done;
  })()`);
  assert.match(String(text), /smoke-42/);
});
