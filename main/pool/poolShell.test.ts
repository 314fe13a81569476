// A shell tab's flow control against a server that ignores it (in-process ssh2 fault server).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FaultSshServer } from '../../test/fixtures/faultSshServer.js';
import { waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from './connectionPool.js';
import type { ChannelCloseReason } from './poolShell.js';

const MiB = 1024 * 1024;

test('a server flooding a paused tab past the SSH window: the tab is closed with a reason, memory stays bounded, other tabs carry on', async (t) => {
  // 33,000-byte packets against ssh2's 32 KiB packet size: its window drops below 0, never to
  // exactly 0, and ssh2 stops taking data only at exactly 0.
  const offered = 64 * MiB;
  const server = await FaultSshServer.start({ flood: { trigger: 'FLOOD', chunkBytes: 33_000, totalBytes: offered } });
  const pool = new ConnectionPool({ reconnect: { attempts: 0 } });
  const target = { host: server.host, port: server.port, username: 'u', password: 'any' };
  let sampler: NodeJS.Timeout | undefined;
  try {
    const flooded = await pool.openShell(target, { cols: 80, rows: 24 });
    const other = await pool.openShell(target, { cols: 80, rows: 24 });
    assert.equal(flooded.connectionId, other.connectionId, 'both tabs share one connection');
    let otherOut = '';
    other.onData((d) => (otherOut += Buffer.from(d).toString('utf8')));
    let delivered = 0;
    flooded.onData((d) => (delivered += d.byteLength));
    let reason: ChannelCloseReason | undefined;
    flooded.onClose((r) => (reason = r));
    await waitFor('the prompt', () => delivered > 0);
    const deliveredAtPause = delivered;
    flooded.pause();

    const base = process.memoryUsage().arrayBuffers;
    let peak = base;
    sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
    flooded.write('FLOOD');
    await waitFor('the flooded tab to be closed', () => reason !== undefined, 30_000);
    clearInterval(sampler);

    assert.equal(reason?.type, 'overrun');
    if (reason?.type === 'overrun') {
      assert.match(reason.message, /^u@127\.0\.0\.1:\d+ sent more than 4 MiB to a paused tab, ignoring SSH flow control; the tab was closed/);
    }
    assert.equal(delivered, deliveredAtPause, 'nothing reached the paused tab');
    assert.ok(server.floodCutShort, 'the close stopped the flood');
    const grew = peak - base;
    t.diagnostic(`server sent ${(server.floodSentBytes / MiB).toFixed(1)} MiB of ${offered / MiB}; memory peaked ${(grew / MiB).toFixed(1)} MiB above the start`);
    assert.ok(grew < 24 * MiB, `memory grew by ${(grew / MiB).toFixed(1)} MiB while the server sent ${(server.floodSentBytes / MiB).toFixed(1)} MiB`);

    other.write('still-here\n');
    await waitFor('the other tab to echo', () => otherOut.includes('still-here'));
    assert.ok(other.isOpen);
    assert.equal(pool.snapshot().hosts[0]?.connections[0]?.state, 'ready');
  } finally {
    clearInterval(sampler);
    await pool.close({ graceMs: 100 });
    await server.stop();
  }
});

test("a tab's data listener that throws costs neither its other listeners nor the other tabs on the connection", async () => {
  const server = await FaultSshServer.start();
  const pool = new ConnectionPool({ reconnect: { attempts: 0 } });
  const target = { host: server.host, port: server.port, username: 'u', password: 'any' };
  try {
    const broken = await pool.openShell(target, { cols: 80, rows: 24 });
    const other = await pool.openShell(target, { cols: 80, rows: 24 });
    assert.equal(broken.connectionId, other.connectionId, 'both tabs share one connection');
    let throws = 0;
    broken.onData(() => {
      throws++;
      throw new Error('a renderer that went away');
    });
    let brokenOut = '';
    broken.onData((d) => (brokenOut += Buffer.from(d).toString('utf8')));
    let otherOut = '';
    other.onData((d) => (otherOut += Buffer.from(d).toString('utf8')));

    broken.write('first-tab\n');
    await waitFor("the throwing tab's other listener to see its echo", () => brokenOut.includes('first-tab'));
    other.write('second-tab\n');
    await waitFor('the other tab to echo', () => otherOut.includes('second-tab'));
    assert.ok(throws > 0);
    assert.ok(broken.isOpen && other.isOpen);
    assert.equal(pool.snapshot().hosts[0]?.connections[0]?.state, 'ready');
  } finally {
    await pool.close({ graceMs: 100 });
    await server.stop();
  }
});
