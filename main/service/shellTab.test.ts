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
