// A new or lost address, not loopback or the order the OS lists them in, counts as a network change.
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { test } from 'node:test';
import { NetworkChangeWatcher, networkFingerprint } from './networkChangeWatcher.js';

const iface = (address: string, internal = false, family: 'IPv4' | 'IPv6' = 'IPv4'): NetworkInterfaceInfo =>
  ({ address, netmask: '255.255.255.0', family, mac: '00:00:00:00:00:00', internal, cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

test('the fingerprint ignores loopback and listing order', () => {
  const a = { lo: [iface('127.0.0.1', true)], eth0: [iface('192.168.1.5'), iface('fe80::1', false, 'IPv6')] };
  const b = { eth0: [iface('fe80::1', false, 'IPv6'), iface('192.168.1.5')], lo: [iface('127.0.0.2', true)] };
  assert.equal(networkFingerprint(a), networkFingerprint(b));
  assert.notEqual(networkFingerprint(a), networkFingerprint({ ...a, wg0: [iface('10.8.0.2')] }));
});

test('the watcher calls back once per change, not for every reading', () => {
  let current: NodeJS.Dict<NetworkInterfaceInfo[]> = { wlan0: [iface('192.168.1.5')] };
  let changes = 0;
  const watcher = new NetworkChangeWatcher({ readInterfaces: () => current, onChange: () => changes++, everyMs: 60_000 });
  try {
    watcher.check();
    assert.equal(changes, 0);
    current = { eth0: [iface('10.0.0.7')] };
    watcher.check();
    watcher.check();
    assert.equal(changes, 1);
    current = {};
    watcher.check();
    assert.equal(changes, 2, 'losing every address is a change too');
  } finally {
    watcher.stop();
  }
});
