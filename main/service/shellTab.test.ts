// A terminal tab over a real pool and sshd: what closing it while its shell is reopened leaves behind.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FaultProxy } from '../../test/fixtures/faultProxy.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from '../pool/index.js';
import { DEFAULT_TAB_FLOW, ShellTab } from './shellTab.js';

let server: OpenSshServer;
before(async () => {
  server = await OpenSshServer.start();
});
after(async () => {
  await server.stop();
});

test('a tab closed while its shell is being reopened after a reconnect ends for good: no shell left, no slot held, no event after it closed', async () => {
  const proxy = await FaultProxy.start(server.port);
  const pool = new ConnectionPool({ reconnect: { attempts: 5, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 } });
  const target = { ...server.target(), port: proxy.port };
  const events: string[] = [];
  let closed = false;
  let afterClose = 0;
  let reopening = false;
  const tab: ShellTab = new ShellTab(
    't1',
    async (size) => {
      const shell = await pool.openShell(target, size);
      // The person closes the tab just as its shell is open again, before the tab has it.
      if (reopening) tab.close();
      return shell;
    },
    {
      data: () => (closed ? afterClose++ : undefined),
      reconnecting: (id) => events.push(`reconnecting ${id}`),
      restored: (id) => events.push(`restored ${id}`),
      closed: (id, reason) => {
        events.push(`closed ${id} ${reason.type}`);
        closed = true;
      },
    },
    DEFAULT_TAB_FLOW,
    { cols: 80, rows: 24 },
  );
  const channels = (): number => pool.snapshot().hosts.flatMap((h) => h.connections).reduce((n, c) => n + c.channels, 0);
  try {
    await tab.start();
    assert.equal(channels(), 1);
    reopening = true;
    proxy.reset();
    await waitFor('the tab to close', () => closed, 10_000);
    await waitFor('the reopened shell to close and free its slot', () => channels() === 0 && pool.snapshot().hosts[0]?.connections[0]?.state === 'ready', 5000);
    // Time for a prompt from a shell left attached to reach the tab.
    await sleep(500);
    assert.deepEqual(events, ['reconnecting t1', 'closed t1 closed']);
    assert.equal(afterClose, 0, 'no output may arrive for a tab that is gone');
    assert.equal(channels(), 0);
  } finally {
    await pool.close({ graceMs: 100 });
    await proxy.stop();
  }
});

test("a keystroke's echo after a quiet moment is sent at once, while a flood is still gathered into batches", async () => {
  const pool = new ConnectionPool();
  // A batch delay no echo could hide in: the echo must not wait for it.
  const flow = { ...DEFAULT_TAB_FLOW, batchMs: 300 };
  const sent: { at: number; bytes: number; text: string }[] = [];
  const tab = new ShellTab('t1', (size) => pool.openShell(server.target(), size), {
    data: (_id, data) => sent.push({ at: performance.now(), bytes: data.byteLength, text: Buffer.from(data).toString('latin1') }),
    reconnecting: () => undefined,
    restored: () => undefined,
    closed: () => undefined,
  }, flow, { cols: 80, rows: 24 });
  try {
    await tab.start();
    await waitFor('the prompt', () => sent.length > 0, 10_000);
    await sleep(flow.batchMs + 200);
    const typedAt = performance.now();
    const before = sent.length;
    tab.write(new TextEncoder().encode('x'));
    await waitFor('the echo of x', () => sent.slice(before).some((s) => s.text.includes('x')), 5000);
    const echoMs = (sent.slice(before).find((s) => s.text.includes('x'))?.at ?? Infinity) - typedAt;
    assert.ok(echoMs < flow.batchMs / 2, `the echo came ${echoMs.toFixed(0)} ms after the key, behind a ${flow.batchMs} ms batch`);

    // A flood: after the first chunk, output waits for the batch and goes in few, large messages.
    tab.write(new TextEncoder().encode('\u0015stty -echo; seq 1 20000; stty echo\n'));
    const floodFrom = sent.length;
    await waitFor('the end of seq', () => sent.slice(floodFrom).some((s) => s.text.includes('20000')), 10_000);
    const messages = sent.length - floodFrom;
    assert.ok(messages <= 8, `seq's 109 KB came in ${messages} messages: not gathered`);
  } finally {
    tab.close();
    await pool.close({ graceMs: 100 });
  }
});
