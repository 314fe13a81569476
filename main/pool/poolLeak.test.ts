// Long use must not grow: 1000 open/close cycles leave no channels, no heap growth, no piling listeners.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { ConnectionPool } from './connectionPool.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

function activeHandles(): string[] {
  return process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap').sort();
}

let server: OpenSshServer;
before(async () => {
  server = await OpenSshServer.start({ maxSessions: 10 });
});
after(async () => {
  await server.stop();
});

test('1000 open/close cycles of shells and execs leave zero channels, a flat heap and no piling listeners', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => {
    warnings.push(`${w.name}: ${w.message}`);
  };
  process.on('warning', onWarning);
  const pool = new ConnectionPool({ keepaliveIntervalMs: 1000 });
  try {
    // Warm up: connection, JIT and ssh2 buffers exist before the baseline is taken.
    for (let i = 0; i < 20; i++) {
      const s = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      const closed = new Promise((r) => s.onClose(r));
      s.close();
      await closed;
      await pool.exec(server.target(), 'true');
    }
    const handlesBefore = activeHandles();
    const heapBefore = await settledHeap();
    for (let i = 0; i < 500; i++) {
      const shell = await pool.openShell(server.target(), { cols: 80, rows: 24 });
      shell.onData(() => undefined);
      const closed = new Promise((r) => shell.onClose(r));
      shell.close();
      await closed;
      const r = await pool.exec(server.target(), 'true');
      assert.equal(r.code, 0);
    }
    const host = pool.snapshot().hosts[0];
    assert.equal(host?.connections.reduce((n, c) => n + c.channels, 0), 0);
    assert.equal(host?.connections.length, 1, 'the cycles ran on one connection');
    assert.equal(host?.counters.channelOpens, 1040);
    const heapAfter = await settledHeap();
    const growthMb = (heapAfter - heapBefore) / 1024 / 1024;
    assert.ok(growthMb < 4, `heap grew ${growthMb.toFixed(2)} MB over 1000 cycles`);
    assert.deepEqual(activeHandles(), handlesBefore);
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
    await pool.close({ graceMs: 100 });
  }
});
