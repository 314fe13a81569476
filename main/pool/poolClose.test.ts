// pool.close(): EOF to channels, in-flight exec gets its grace, and nothing keeps the process alive afterwards.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';

let server: OpenSshServer;
before(async () => {
  server = await OpenSshServer.start();
});
after(async () => {
  await server.stop();
});

test('after close() the process exits by itself: no timer or socket of the pool is left', async () => {
  const child = fileURLToPath(new URL('../../test/fixtures/poolCloseChild.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', child, server.host, String(server.port), server.username, server.clientKey.privateKeyPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000).unref());
  const outcome = await Promise.race([exited, timeout]);
  if (outcome === 'hung') proc.kill('SIGKILL');
  assert.notEqual(outcome, 'hung', `the process did not exit after pool.close(); stdout: ${out} stderr: ${err}`);
  assert.equal(outcome, 0, err);
  const report = JSON.parse(out.trim().split('\n').pop() as string) as { exec: string; shell: string; closeMs: number; after: number | undefined };
  assert.equal(report.exec, 'finished-in-grace', 'in-flight exec completes within graceMs');
  assert.equal(report.shell, 'pool-closed');
  assert.ok(report.after === 0 || report.after === undefined, 'no connection left in the snapshot');
  assert.ok(report.closeMs < 3000);
});
