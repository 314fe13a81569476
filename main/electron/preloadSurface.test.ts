// The preload's surface is SkeinApi exactly (terminal bytes aside), one function per call and one subscription per event.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SKEIN_CALLS, SKEIN_EVENTS } from '../../app/api.js';
import { DESKTOP_CALLS, DESKTOP_EVENTS, TAB_PORT_CALLS, TAB_PORT_EVENTS } from '../../app/electronIpc.js';
import { desktopPreload, skeinPreload, type PreloadIpc, type PreloadIpcListener } from './preloadSurface.js';

/** Records what the preload does with ipcRenderer; `emit` plays a message from main. */
class RecordingIpc implements PreloadIpc {
  readonly sent: unknown[][] = [];
  readonly invoked: unknown[][] = [];
  readonly listeners = new Map<string, Set<PreloadIpcListener>>();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return Promise.resolve({ ok: true, value: channel });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  on(channel: string, listener: PreloadIpcListener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? new Set()).add(listener));
    return this;
  }
  removeListener(channel: string, listener: PreloadIpcListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, ports: unknown[], ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ ports }, ...args);
  }
}

test("window.skein's functions are SkeinApi's calls and events, minus the tab port's, and nothing else", () => {
  const surface = skeinPreload(new RecordingIpc());
  const onPort = new Set<string>([...TAB_PORT_CALLS, ...TAB_PORT_EVENTS]);
  const expected = [...SKEIN_CALLS, ...SKEIN_EVENTS].filter((name) => !onPort.has(name)).sort();
  assert.deepEqual(Object.keys(surface).sort(), expected);
  for (const value of Object.values(surface)) assert.equal(typeof value, 'function');
  assert.ok(Object.isFrozen(surface));
  for (const name of ['call', 'invoke', 'send', 'on', 'ipcRenderer', 'writeTab', 'ackTab', 'onTabData']) assert.ok(!(name in surface), name);
  assert.deepEqual(Object.keys(desktopPreload(new RecordingIpc(), () => undefined)).sort(), [...DESKTOP_CALLS, ...DESKTOP_EVENTS].sort());
});

test("each call goes out on its own channel with the caller's arguments, and the reply comes back as it is", async () => {
  const ipc = new RecordingIpc();
  const surface = skeinPreload(ipc);
  assert.deepEqual(await surface.openTab('h1', { cols: 80, rows: 24 }), { ok: true, value: 'skein:call:openTab' });
  await surface.listHosts();
  assert.deepEqual(ipc.invoked, [['skein:call:openTab', 'h1', { cols: 80, rows: 24 }], ['skein:call:listHosts']]);
});

test('main hears one subscribe when the page starts listening to an event, one unsubscribe when it stops', () => {
  const ipc = new RecordingIpc();
  const surface = skeinPreload(ipc);
  const heard: string[] = [];
  const offA = surface.onHostKeyPrompt((p) => heard.push(`a:${p.promptId}`));
  const offB = surface.onHostKeyPrompt((p) => heard.push(`b:${p.promptId}`));
  assert.deepEqual(ipc.sent, [['skein:subscribe', 'onHostKeyPrompt']]);
  ipc.emit('skein:event:onHostKeyPrompt', [], { promptId: 'hk1' });
  offA();
  offA();
  assert.equal(ipc.sent.length, 1, 'b still listens');
  ipc.emit('skein:event:onHostKeyPrompt', [], { promptId: 'hk2' });
  offB();
  assert.deepEqual(ipc.sent.at(-1), ['skein:unsubscribe', 'onHostKeyPrompt']);
  ipc.emit('skein:event:onHostKeyPrompt', [], { promptId: 'hk3' });
  assert.deepEqual(heard, ['a:hk1', 'b:hk1', 'b:hk2']);
});

test('desktop events sent before the page listens wait for it; the tab port is handed on as it came', () => {
  const ipc = new RecordingIpc();
  const handed: unknown[][] = [];
  const desktop = desktopPreload(ipc, (ports) => handed.push([...ports]));
  ipc.emit('skein:desktop:onQuickConnectPrefill', [], { username: 'a', host: 'h', port: 22 });
  const prefills: unknown[] = [];
  desktop.onQuickConnectPrefill((p) => prefills.push(p));
  ipc.emit('skein:desktop:onQuickConnectPrefill', [], { username: 'b', host: 'h', port: 2222 });
  assert.deepEqual(prefills, [{ username: 'a', host: 'h', port: 22 }, { username: 'b', host: 'h', port: 2222 }]);
  desktop.requestTabPort();
  assert.deepEqual(ipc.sent, [['skein:tab-port']]);
  const port = { fake: 'port' };
  ipc.emit('skein:tab-port', [port]);
  assert.deepEqual(handed, [[port]]);
});
