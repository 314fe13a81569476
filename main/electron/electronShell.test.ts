// The Electron shell's decisions, tested under Node (the Electron binary cannot run here).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionKeyOf } from '../../app/hosts.js';
import { savedHostConnectionKey } from '../hosts/savedHostConnectionKey.js';
import { checkIpcCall } from './ipcCall.js';
import { secureWindowOptions } from './secureWindowOptions.js';
import { trayMenuItems } from './trayMenuItems.js';

test('windows are isolated and sandboxed, with Node kept out of the renderer', () => {
  const prefs = secureWindowOptions('/app/preload.cjs').webPreferences;
  assert.equal(prefs?.contextIsolation, true);
  assert.equal(prefs?.sandbox, true);
  assert.equal(prefs?.nodeIntegration, false);
  assert.equal(prefs?.webviewTag, false);
  assert.equal(prefs?.preload, '/app/preload.cjs');
});

test('IPC calls are accepted only from the app page and only for known API calls', () => {
  const page = 'file:///opt/skein/renderer/index.html';
  assert.deepEqual(checkIpcCall(page, page, { method: 'listHosts', args: [] }), { ok: true, method: 'listHosts', args: [] });
  assert.match((checkIpcCall('https://evil.example', page, { method: 'listHosts', args: [] }) as { error: string }).error, /refused an IPC call from https:\/\/evil\.example/);
  assert.match((checkIpcCall(page, page, { method: 'constructor', args: [] }) as { error: string }).error, /unknown API call constructor/);
  assert.match((checkIpcCall(page, page, { method: 'exec', args: 'rm -rf /' }) as { error: string }).error, /arguments of exec must be a list/);
  assert.match((checkIpcCall(page, page, null) as { error: string }).error, /must be an object/);
});

test('the tray lists saved hosts with their live pool state, a host behind a jump host too', () => {
  const bastion = { id: 'j', label: 'bastion', host: 'bastion.example.com', port: 22, username: 'me' };
  const db = { id: 'b', label: 'db', host: 'db.example.com', port: 22, username: 'pg', group: 'prod', jumpHostId: 'j' };
  const saved = [db, { id: 'a', label: 'laptop', host: '10.0.0.2', port: 2222, username: 'me' }, bastion];
  const hosts = saved.map((h) => ({ ...h, connectionKey: savedHostConnectionKey(h, saved) }));
  const snapshot = {
    hosts: [
      {
        // What the pool names db's connection: its target as TargetResolver builds it, bastion first.
        key: connectionKeyOf({ ...db, jump: [bastion] }),
        connections: [
          {
            id: 'c1',
            state: 'ready' as const,
            channels: 3,
            channelCap: 10,
            tunnels: 0,
            rttMs: 1,
            keepaliveMisses: 0,
            keepalive: { intervalMs: 15_000, countMax: 3 },
            bytesIn: 0,
            bytesOut: 0,
            createdAt: 0,
            lastUsedAt: 0,
            stage: 'ready' as const,
            authMethod: null,
            reconnectAttempt: 0,
            reconnectAttempts: 8,
            nextAttemptAt: null,
            lastError: null,
          },
        ],
        counters: { handshakes: 1, reuses: 2, channelOpens: 3, channelOpenFailures: 0, reconnects: 0, errors: 0 },
        waiting: 0,
        lastError: null,
        forwards: [],
      },
    ],
  };
  assert.deepEqual(trayMenuItems(hosts, snapshot), [
    { label: 'bastion', hostId: 'j', enabled: true },
    { label: 'laptop', hostId: 'a', enabled: true },
    { label: 'prod / db (1 conn, 3 ch)', hostId: 'b', enabled: true },
  ]);
  assert.deepEqual(trayMenuItems([], { hosts: [] }), [{ label: 'No saved hosts', enabled: false }]);
  assert.equal(trayMenuItems(hosts, { hosts: [] }, 1).at(-1)?.label, '2 more in the main window');
});
