// IPC reaches the core only from the top frame of a Skein window on Skein's page, with arguments the core's schemas accept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkIpcCall, ipcSenderRefusal, type IpcSender } from './ipcCall.js';

const page: IpcSender = { knownWindow: true, frame: { url: 'skein://app/index.html', isTopFrame: true } };

test('a call from the page is parsed by the schemas web mode uses', () => {
  const check = checkIpcCall(page, 'searchHosts', ['  db ']);
  assert.deepEqual(check, { ok: true, call: { method: 'searchHosts', args: ['  db '] } });
  const openTab = checkIpcCall(page, 'openTab', ['h1', { cols: 80, rows: 24 }]);
  assert.ok(openTab.ok);
});

test('a foreign frame is refused with the error shape, before its arguments are looked at', () => {
  const foreign: IpcSender[] = [
    { knownWindow: true, frame: { url: 'https://evil.example/', isTopFrame: true } },
    { knownWindow: true, frame: { url: 'skein://app/index.html', isTopFrame: false } },
    { knownWindow: true, frame: { url: 'file:///opt/skein/index.html', isTopFrame: true } },
    { knownWindow: true, frame: null },
    { knownWindow: false, frame: { url: 'skein://app/index.html', isTopFrame: true } },
  ];
  for (const sender of foreign) {
    const check = checkIpcCall(sender, 'listHosts', []);
    assert.equal(check.ok, false);
    if (check.ok) continue;
    assert.equal(check.error.code, 'INVALID_INPUT');
    assert.equal(check.error.field, 'sender');
    assert.match(check.error.message, /refused an IPC message from .*only Skein's own page/);
    assert.deepEqual(ipcSenderRefusal(sender), check.error);
  }
  assert.equal(ipcSenderRefusal(page), undefined);
});

test('a malformed argument is refused with its field, as web mode refuses it', () => {
  const check = checkIpcCall(page, 'openTab', ['h1', { cols: 0, rows: 24 }]);
  assert.equal(check.ok, false);
  if (check.ok) return;
  assert.equal(check.error.code, 'INVALID_INPUT');
  assert.equal(check.error.field, 'size.cols');
  assert.match(check.error.message, /openTab\(hostId, size(, opts)?\): size\.cols: must be a whole number from 1 to 10000/);
  const many = checkIpcCall(page, 'deleteHost', ['a', 'b']);
  assert.ok(!many.ok && many.error.field === 'args');
});

test('only the calls the preload exposes: not terminal bytes, not object internals', () => {
  for (const method of ['writeTab', 'ackTab', 'constructor', '__proto__', 'close', 'revalidate', 'onTabData']) {
    const check = checkIpcCall(page, method, []);
    assert.ok(!check.ok && check.error.field === 'method', method);
  }
});
