// The preload as it ships: `npm run build:preload` makes one CommonJS file that requires only 'electron' (all a sandboxed
// preload may require) and exposes window.skein and window.skeinDesktop with exactly their functions.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { SKEIN_CALLS, SKEIN_EVENTS } from '../../app/api.js';
import { DESKTOP_CALLS, DESKTOP_EVENTS, TAB_PORT_CALLS, TAB_PORT_EVENTS, TAB_PORT_MESSAGE } from '../../app/electronIpc.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the bundled preload requires only electron and exposes SkeinApi and the desktop extras, nothing else', () => {
  execFileSync('npm', ['run', '--silent', 'build:preload'], { cwd: root, stdio: 'pipe' });
  const code = readFileSync(`${root}dist/main/electron/preload.cjs`, 'utf8');

  const exposed = new Map<string, Record<string, unknown>>();
  const required: string[] = [];
  const posted: unknown[][] = [];
  const ipcListeners = new Map<string, (event: { ports: unknown[] }, ...args: unknown[]) => void>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      send: () => undefined,
      on: (channel: string, listener: (event: { ports: unknown[] }, ...args: unknown[]) => void) => void ipcListeners.set(channel, listener),
      removeListener: () => undefined,
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
    window: { postMessage: (...args: unknown[]) => void posted.push(args) },
  });

  assert.deepEqual(required, ['electron']);
  assert.deepEqual([...exposed.keys()], ['skein', 'skeinDesktop']);
  const onPort = new Set<string>([...TAB_PORT_CALLS, ...TAB_PORT_EVENTS]);
  assert.deepEqual(Object.keys(exposed.get('skein') ?? {}).sort(), [...SKEIN_CALLS, ...SKEIN_EVENTS].filter((n) => !onPort.has(n)).sort());
  assert.deepEqual(Object.keys(exposed.get('skeinDesktop') ?? {}).sort(), [...DESKTOP_CALLS, ...DESKTOP_EVENTS].sort());

  void (exposed.get('skein')?.deleteHost as (id: string) => Promise<unknown>)('h1');
  assert.deepEqual(invoked, [['skein:call:deleteHost', 'h1']]);
  // The tab port main sends is handed to the page's own world with window.postMessage.
  const port = { a: 'port' };
  ipcListeners.get('skein:tab-port')?.({ ports: [port] });
  assert.deepEqual(posted, [[TAB_PORT_MESSAGE, '*', [port]]]);
});
