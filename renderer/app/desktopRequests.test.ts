// The window does what the desktop shell asks (open a host's tab, show a view, fill in quick connect); a web page listens to nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SkeinApi } from '../../app/api.js';
import type { DesktopPreload, QuickConnectPrefill, SkeinPreload } from '../../app/electronIpc.js';
import { Listeners } from '../../app/listeners.js';
import { ElectronBridge } from '../bridge/electronBridge.js';
import { parseQuickConnect } from '../hosts/parseQuickConnect.js';
import { listenToDesktopRequests } from './desktopRequests.js';

/** The preload's window.skeinDesktop, with `emit` playing a message from main. */
function shellDesktop() {
  const prefill = new Listeners<[QuickConnectPrefill]>();
  const openHost = new Listeners<[string]>();
  const showView = new Listeners<['health']>();
  const desktop: DesktopPreload = {
    requestTabPort: () => undefined,
    onQuickConnectPrefill: (cb) => prefill.add(cb),
    onOpenHost: (cb) => openHost.add(cb),
    onShowView: (cb) => showView.add(cb),
  };
  return { desktop, prefill, openHost, showView };
}

const pageWindow = { addEventListener: () => undefined, removeEventListener: () => undefined };

test("the shell's requests reach the window: a host's tab, a view, and quick connect text that parses back to the same target", () => {
  const shell = shellDesktop();
  const bridge = new ElectronBridge({ preload: {} as SkeinPreload, desktop: shell.desktop, window: pageWindow });
  const heard: string[] = [];
  const stop = listenToDesktopRequests(bridge, {
    openHost: (id) => heard.push(`open ${id}`),
    showView: (view) => heard.push(`view ${view}`),
    prefillQuickConnect: (text) => heard.push(`prefill ${text}`),
  });
  shell.openHost.emit('host-1');
  shell.showView.emit('health');
  const targets = [
    { username: 'alice', host: 'db.example.com', port: 2222 },
    { username: 'me', host: '::1', port: 22 },
  ];
  for (const target of targets) shell.prefill.emit(target);
  assert.deepEqual(heard, ['open host-1', 'view health', 'prefill alice@db.example.com:2222', 'prefill me@[::1]:22']);
  for (const [i, target] of targets.entries()) {
    const text = heard[2 + i]?.slice('prefill '.length) ?? '';
    assert.deepEqual(parseQuickConnect(text), { ok: true, target }, text);
  }

  stop();
  assert.deepEqual([shell.openHost.size, shell.showView.size, shell.prefill.size], [0, 0, 0], 'an unmounted app listens no more');
});

test('in web mode there is no shell: nothing is listened to', () => {
  const stop = listenToDesktopRequests({} as SkeinApi, { openHost: () => assert.fail(), showView: () => assert.fail(), prefillQuickConnect: () => assert.fail() });
  stop();
});
