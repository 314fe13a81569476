// The renderer's web bridge against the real web server and sshd: typed calls, errors whole, tabs byte-exact across dropped sockets.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { TabCloseReason } from '../app/api.js';
import { SkeinError } from '../app/skeinError.js';
import { WEB_SOCKET_PATH } from '../app/webProtocol.js';
import { WebSocketBridge, type BridgeState, type OpenBridgeSocket } from '../renderer/bridge/webSocketBridge.js';
import { OpenSshServer } from './fixtures/openSshServer.js';
import { sleep, waitFor } from './fixtures/waitFor.js';
import { sshdHost, WebMode } from './fixtures/webMode.js';

/** The `ws` client as a browser page's socket: the cookie and Origin a browser would send; `reachable` false plays a server that is away. */
class PageSockets {
  readonly opened: WebSocket[] = [];
  reachable = true;

  constructor(private readonly web: WebMode) {}

  readonly open: OpenBridgeSocket = (url, handlers) => {
    if (!this.reachable) {
      setTimeout(() => handlers.close(), 5);
      return { send: () => undefined, close: () => undefined };
    }
    const ws = new WebSocket(url, { headers: { Cookie: this.web.cookie(), Origin: this.web.origin } });
    this.opened.push(ws);
    ws.on('open', () => handlers.open());
    ws.on('message', (data: Buffer, isBinary: boolean) =>
      handlers.message(isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString('utf8')),
    );
    ws.on('close', () => handlers.close());
    ws.on('error', () => undefined); // 'close' follows
    return { send: (data) => ws.send(data), close: () => ws.close() };
  };

  /** Cuts the current socket as a network failure would: no close handshake, frames in flight lost. */
  cut(): void {
    this.opened.at(-1)?.terminate();
  }
}

describe('WebSocketBridge', () => {
  let sshd: OpenSshServer;
  let web: WebMode;
  before(async () => {
    sshd = await OpenSshServer.start();
    web = await WebMode.start({ flow: { batchMs: 5, batchBytes: 64 * 1024, highWater: 256 * 1024, lowWater: 64 * 1024 }, sessionGraceMs: 1500 });
  });
  after(async () => {
    await web.stop();
    await sshd.stop();
  });

  const bridgeFor = (sockets: PageSockets, queueTimeoutMs = 10_000) =>
    new WebSocketBridge({ url: `ws://127.0.0.1:${web.port}${WEB_SOCKET_PATH}`, openSocket: sockets.open, backoff: { firstMs: 30, maxMs: 200 }, queueTimeoutMs });

  test('calls made before the socket opens wait for it; results and errors come back typed and whole', async () => {
    const bridge = bridgeFor(new PageSockets(web));
    try {
      assert.equal(bridge.state, 'connecting');
      const host = await bridge.createHost(sshdHost(sshd));
      assert.equal(bridge.state, 'open');
      assert.deepEqual(await bridge.listHosts(), [host]);
      const err = await bridge.openTab(host.id, { cols: 0, rows: 24 }).then(
        () => assert.fail('cols 0 must be refused'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof SkeinError);
      assert.equal(err.code, 'INVALID_INPUT');
      assert.equal(err.field, 'size.cols');
      assert.deepEqual(await bridge.vaultStatus(), { state: 'absent', backend: 'passphrase-vault' });
      await bridge.deleteHost(host.id);
    } finally {
      bridge.close();
    }
  });

  test('a tab through the bridge: typed input, output acknowledged as xterm.js would, closed with its reason', async () => {
    const bridge = bridgeFor(new PageSockets(web));
    try {
      const host = await bridge.createHost(sshdHost(sshd));
      let out = '';
      const closed: [string, TabCloseReason][] = [];
      bridge.onTabData((id, data) => {
        out += Buffer.from(data).toString('utf8');
        bridge.ackTab(id, data.byteLength);
      });
      bridge.onTabClosed((id, reason) => closed.push([id, reason]));
      const tab = await bridge.openTab(host.id, { cols: 100, rows: 30 });
      bridge.writeTab(tab.tabId, new TextEncoder().encode('stty size; echo via-bridge-$((40+2))\n'));
      await waitFor('the echo', () => out.includes('via-bridge-42'));
      assert.match(out, /30 100/);
      bridge.resizeTab(tab.tabId, 90, 20);
      bridge.writeTab(tab.tabId, new TextEncoder().encode('stty size\n'));
      await waitFor('the new size', () => out.includes('20 90'));
      bridge.writeTab(tab.tabId, new TextEncoder().encode('exit 3\n'));
      await waitFor('the close', () => closed.length === 1);
      assert.deepEqual(closed[0], [tab.tabId, { type: 'exit', code: 3 }]);
      await bridge.deleteHost(host.id);
    } finally {
      bridge.close();
    }
  });

  test('sockets cut in the middle of a flood: the bridge reconnects, resumes the tab, and every byte arrives once, in order', async () => {
    const sockets = new PageSockets(web);
    const bridge = bridgeFor(sockets);
    const states: BridgeState[] = [];
    bridge.onStateChange((s) => states.push(s));
    try {
      const host = await bridge.createHost(sshdHost(sshd));
      const chunks: Buffer[] = [];
      let received = 0;
      const tab = await bridge.openTab(host.id, { cols: 200, rows: 50 });
      bridge.onTabData((id, data) => {
        if (id !== tab.tabId) return;
        chunks.push(Buffer.from(data));
        received += data.byteLength;
        // As xterm.js's write callback would: a little later, not at once.
        setTimeout(() => bridge.ackTab(id, data.byteLength), 2);
      });
      const lines = 400_000;
      bridge.writeTab(tab.tabId, new TextEncoder().encode(`stty -echo; echo START-$((2+2)); seq 1 ${lines}; echo END-$((1+1))-SEQ\n`));
      const text = () => Buffer.concat(chunks).toString('latin1');
      for (let cut = 1; cut <= 4; cut++) {
        const before = received;
        await waitFor(`more output before cut ${cut}`, () => received > before + 100_000, 20_000);
        sockets.cut();
        await waitFor(`reconnected after cut ${cut}`, () => bridge.state === 'open' && sockets.opened.length === cut + 1, 5000);
      }
      await waitFor('the end of the output', () => text().includes('END-2-SEQ'), 60_000);
      const all = text();
      const body = all.slice(all.indexOf('START-4\r\n') + 'START-4\r\n'.length, all.indexOf('END-2-SEQ'));
      const expected = `${Array.from({ length: lines }, (_, i) => i + 1).join('\r\n')}\r\n`;
      assert.equal(body.length, expected.length, 'no byte lost or repeated across the cuts');
      assert.equal(createHash('sha256').update(body).digest('hex'), createHash('sha256').update(expected).digest('hex'));
      assert.ok(states.filter((s) => s === 'reconnecting').length >= 4, `states: ${states.join(', ')}`);
      // Flow control survived the cuts: the shell still answers at once.
      bridge.writeTab(tab.tabId, new TextEncoder().encode('echo after-$((1+1))\n'));
      await waitFor('the shell after the flood', () => text().includes('after-2'), 5000);
      bridge.closeTab(tab.tabId);
      await bridge.deleteHost(host.id).catch(() => undefined);
    } finally {
      bridge.close();
    }
  });

  test('away longer than the grace: the tab is reported lost; with the server gone, calls fail in words after the wait', async () => {
    const sockets = new PageSockets(web);
    const bridge = bridgeFor(sockets, 300);
    try {
      const host = await bridge.createHost(sshdHost(sshd));
      const tab = await bridge.openTab(host.id, { cols: 80, rows: 24 });
      const closed: [string, TabCloseReason][] = [];
      bridge.onTabClosed((id, reason) => closed.push([id, reason]));
      sockets.reachable = false;
      sockets.cut();
      await sleep(2000); // the server's grace is 1.5 s
      const waiting = bridge.listHosts().then(
        () => assert.fail('no server, no answer'),
        (e: unknown) => e,
      );
      const err = await waiting;
      assert.ok(err instanceof SkeinError);
      assert.equal(err.code, 'CONNECTION_LOST');
      assert.match(err.message, /did not answer/);
      sockets.reachable = true;
      await waitFor('the lost tab reported', () => closed.length === 1, 5000);
      assert.equal(closed[0]?.[0], tab.tabId);
      assert.equal(closed[0]?.[1].type, 'connection-lost');
      assert.equal((await web.service.poolSnapshot()).hosts.flatMap((h) => h.connections).reduce((n, c) => n + c.channels, 0), 0, 'the shell was closed on the server');
      await bridge.deleteHost(host.id);
    } finally {
      bridge.close();
    }
  });
});
