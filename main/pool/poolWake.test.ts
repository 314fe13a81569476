// Wake from sleep: a process stopped while its link died notices on resume and brings the shell back in seconds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { FaultProxy } from '../../test/fixtures/faultProxy.js';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';

interface ChildEvent {
  event: string;
  at: number;
  reason?: string;
  message?: string;
}

let server: OpenSshServer;
before(async () => {
  server = await OpenSshServer.start();
});
after(async () => {
  await server.stop();
});

test('stopped for 5 s while its link died (SIGSTOP, as a sleeping laptop), the pool tells the tab and has the shell back within 2 s of the resume', async () => {
  const proxy = await FaultProxy.start(server.port);
  const child = fileURLToPath(new URL('../../test/fixtures/poolWakeChild.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', child, server.host, String(proxy.port), server.username, server.clientKey.privateKeyPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: ChildEvent[] = [];
  let pending = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as ChildEvent);
  });
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const seen = (name: string): ChildEvent | undefined => events.find((e) => e.event === name);
  try {
    await waitFor('the child to open its shell', () => seen('ready') !== undefined, 20_000);
    proc.kill('SIGSTOP');
    // While it sleeps the NAT forgets the link: nothing comes through it any more, and no RST says so.
    proxy.silenceOpen();
    await sleep(5000);
    const resumedAt = Date.now();
    proc.kill('SIGCONT');
    await waitFor(`the shell to be back (events so far: ${JSON.stringify(events)}; stderr: ${err})`, () => seen('back') !== undefined || seen('gave-up') !== undefined, 20_000);
    const closed = seen('closed');
    assert.equal(closed?.reason, 'connection-lost', 'the tab is told its connection was lost and is being brought back');
    assert.match(closed?.message ?? '', /did not answer a keep-alive within \d+ ms after a wake from sleep or a network change/);
    const back = seen('back');
    assert.ok(back, `the shell did not come back: ${JSON.stringify(events)}`);
    assert.ok(back.at - resumedAt < 2000, `the shell was back ${back.at - resumedAt} ms after the resume`);
    console.log(`wake: lost ${(closed?.at ?? 0) - resumedAt} ms and back ${back.at - resumedAt} ms after SIGCONT`);
  } finally {
    proc.kill('SIGKILL');
    await proxy.stop();
  }
});
