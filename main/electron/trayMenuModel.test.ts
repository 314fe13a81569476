// The tray menu and icon from saved hosts, recent use and a snapshot: grouping, pinned and recent first, jump hosts kept apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConnectionHealth, ConnectionState, HostHealth, PoolSnapshot } from '../../app/health.js';
import { connectionKeyOf, type ConnectionKey, type Endpoint } from '../../app/hosts.js';
import { hostTrayState, trayHealth } from './trayHealth.js';
import { trayMenuModel, type TrayHost, type TrayMenuEntry } from './trayMenuModel.js';
import { trayMenuTemplate } from './trayMenuTemplate.js';
import { connectionHealth, hostHealth } from '../../test/fixtures/connectionHealth.js';

function connection(state: ConnectionState, extra: Partial<ConnectionHealth> = {}): ConnectionHealth {
  return connectionHealth({ id: `c-${state}`, state, channels: 0, keepalive: { intervalMs: 15_000, countMax: 3 }, stage: state === 'ready' ? 'ready' : null, reconnectAttempts: 8, ...extra });
}

/** A pool key made the one way keys are made (connectionKeyOf), from its written form "u@h:p via u@h:p > ...". */
function key(text: string): ConnectionKey {
  const endpoint = (written: string): Endpoint => {
    const [, username = '', host = '', port = ''] = /^(.+)@(.+):(\d+)$/.exec(written) ?? [];
    return { username, host, port: Number(port) };
  };
  const [target = '', via] = text.split(' via ');
  return connectionKeyOf({ ...endpoint(target), jump: via === undefined ? [] : via.split(' > ').map(endpoint) });
}

function host(written: string, connections: ConnectionHealth[], lastError: string | null = null): HostHealth {
  return hostHealth(key(written), connections, { lastError });
}

const saved = (id: string, label: string, connectionKey: string, extra: Partial<TrayHost> = {}): TrayHost => ({ id, label, connectionKey: key(connectionKey), tags: [], ...extra });

// Two hosts on the same address: one direct, one through a bastion. The pool keys them apart, and so must the tray.
const bastion = saved('bastion', 'bastion', 'ops@bastion.example.com:22', { group: 'prod' });
const dbDirect = saved('db-direct', 'db (direct)', 'pg@10.0.0.5:22', { group: 'prod' });
const dbViaBastion = saved('db-jump', 'db via bastion', 'pg@10.0.0.5:22 via ops@bastion.example.com:22', { group: 'prod' });
const laptop = saved('laptop', 'R&D laptop', 'me@10.0.0.2:2222', { tags: ['Pinned'] });
const web = saved('web', 'web1', 'www@web1.example.com:22', { group: 'staging' });

const labels = (entries: readonly TrayMenuEntry[]): string[] =>
  entries.flatMap((e) => (e.type === 'separator' ? ['---'] : e.type === 'submenu' ? [`${e.label} >`, ...labels(e.entries).map((l) => `  ${l}`)] : [e.label]));

test('the state of a host behind a jump host comes from its own key, not from the same address reached directly', () => {
  const snapshot: PoolSnapshot = {
    hosts: [
      host('ops@bastion.example.com:22', [connection('ready', { channels: 0, tunnels: 1, rttMs: 3.4 })]),
      host('pg@10.0.0.5:22 via ops@bastion.example.com:22', [connection('ready', { channels: 2, rttMs: 12.6 })]),
    ],
  };
  const menu = trayMenuModel({ hosts: [bastion, dbDirect, dbViaBastion, laptop, web], recent: ['web'], snapshot });
  assert.deepEqual(labels(menu), [
    'Skein: 2 hosts, 2 connected',
    'Show Skein',
    '---',
    'R&D laptop',
    'web1',
    '---',
    'prod >',
    '  bastion (connected)',
    '  db (direct)',
    '  db via bastion (connected)',
    'staging >',
    '  web1',
    'No group >',
    '  R&D laptop',
    '---',
    'bastion: 0 channels, 3 ms',
    'db via bastion: 2 channels, 13 ms',
    '---',
    'Open Pool Health',
    'Disconnect All',
    '---',
    'Quit Skein',
  ]);
  const disconnect = menu.find((e) => e.type === 'action' && e.action === 'disconnect-all');
  assert.deepEqual(disconnect, { type: 'action', action: 'disconnect-all', label: 'Disconnect All', enabled: true });
});

test('pinned hosts come first, then recent ones, each once, up to the limit; unknown recent ids are skipped', () => {
  const hosts = [bastion, dbDirect, dbViaBastion, laptop, web];
  const menu = trayMenuModel({ hosts, recent: ['gone', 'laptop', 'db-jump', 'web', 'bastion'], snapshot: { hosts: [] } }, { quick: 3, perGroup: 40 });
  const quick = menu.slice(3, menu.findIndex((e, i) => i > 2 && e.type === 'separator'));
  assert.deepEqual(
    quick.map((e) => (e.type === 'host' ? e.hostId : e.type)),
    ['laptop', 'db-jump', 'web'],
  );
});

test('a reconnecting or failed host says so, and the worst state decides the icon', () => {
  const reconnecting: PoolSnapshot = { hosts: [host('pg@10.0.0.5:22', [connection('reconnecting', { reconnectAttempt: 2 })]), host('me@10.0.0.2:2222', [connection('ready')])] };
  assert.equal(trayHealth(reconnecting).state, 'reconnecting');
  assert.equal(trayHealth(reconnecting).summary, 'Skein: 2 hosts, 1 connected, 1 reconnecting');
  const failed: PoolSnapshot = { hosts: [...reconnecting.hosts, host('www@web1.example.com:22', [], 'connect ECONNREFUSED 10.0.0.9:22')] };
  assert.equal(trayHealth(failed).state, 'error');
  const menu = trayMenuModel({ hosts: [dbDirect, laptop, web], recent: [], snapshot: failed });
  const entries = menu.flatMap((e) => (e.type === 'submenu' ? e.entries : [e]));
  assert.ok(entries.some((e) => e.type === 'host' && e.label === 'db (direct) (reconnecting)' && e.state === 'reconnecting'));
  assert.ok(entries.some((e) => e.type === 'host' && e.label === 'web1 (error)'));
  assert.ok(entries.some((e) => e.type === 'status' && e.label === 'web1: connect ECONNREFUSED 10.0.0.9:22'));
  assert.equal(trayHealth({ hosts: [] }).state, 'idle');
  assert.equal(trayHealth({ hosts: [host('a@b:22', [connection('ready')]), host('c@d:22', [connection('ready')])] }).state, 'connected');
});

test("a host's old error does not count once it is connected again; a closed host is idle", () => {
  assert.equal(hostTrayState(host('a@b:22', [connection('ready')], 'keep-alive timed out')), 'connected');
  assert.equal(hostTrayState(host('a@b:22', [connection('connecting')], 'refused')), 'reconnecting');
  assert.equal(hostTrayState(host('a@b:22', [connection('failed')])), 'error');
  assert.equal(hostTrayState(host('a@b:22', [connection('closed')])), 'idle');
  assert.equal(hostTrayState(undefined), 'idle');
});

test('connections under no saved host (quick connect) are listed by their key; with nothing open, Disconnect All is off', () => {
  const menu = trayMenuModel({ hosts: [], recent: [], snapshot: { hosts: [host('root@192.0.2.7:22', [connection('ready', { channels: 1 })])] } });
  assert.ok(labels(menu).includes('No saved hosts: add one in the main window'));
  assert.ok(labels(menu).includes('root@192.0.2.7:22: 1 channel'));
  const idle = trayMenuModel({ hosts: [laptop], recent: [], snapshot: { hosts: [] } });
  assert.deepEqual(idle.find((e) => e.type === 'action' && e.action === 'disconnect-all'), { type: 'action', action: 'disconnect-all', label: 'Disconnect All', enabled: false });
  assert.ok(labels(idle).includes('Saved hosts >'), 'with no groups at all, one plain heading');
});

test('a big group is cut short with a count instead of a menu taller than the screen', () => {
  const many = Array.from({ length: 45 }, (_, i) => saved(`h${i}`, `host ${i}`, `u@h${i}:22`, { group: 'fleet' }));
  const fleet = trayMenuModel({ hosts: many, recent: [], snapshot: { hosts: [] } }).find((e) => e.type === 'submenu');
  assert.ok(fleet?.type === 'submenu');
  assert.equal(fleet.entries.length, 41);
  assert.deepEqual(fleet.entries.at(-1), { type: 'status', label: '5 more in the main window' });
  assert.equal(fleet.entries[1]?.type === 'host' && fleet.entries[1].label, 'host 1', 'numeric order: host 1, host 2, ..., host 10');
});

test('the template escapes "&" and routes each click to its host or action', () => {
  const clicks: string[] = [];
  const menu = trayMenuModel({ hosts: [laptop, web], recent: [], snapshot: { hosts: [] } });
  const template = trayMenuTemplate(menu, { openHost: (id) => clicks.push(`host ${id}`), run: (action) => clicks.push(action) });
  const flat = template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? item.submenu : [])]);
  const pinned = flat.find((item) => item.label === 'R&&D laptop');
  assert.ok(pinned, 'a lone & would underline the next letter instead of showing');
  pinned.click?.({} as never, undefined, {});
  flat.find((item) => item.label === 'Quit Skein')?.click?.({} as never, undefined, {});
  flat.find((item) => item.label === 'Show Skein')?.click?.({} as never, undefined, {});
  assert.deepEqual(clicks, ['host laptop', 'quit', 'show-window']);
  assert.equal(template[0]?.enabled, false, 'the status line is not clickable');
});
