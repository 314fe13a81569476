// ForwardManager against a real sshd: forwards kept per saved host, started, restarted and stopped, as the snapshot shows them.
import assert from 'node:assert/strict';
import { connect, createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { ConnectionPool } from '../pool/index.js';
import type { ForwardError } from './forwardError.js';
import { ForwardManager } from './forwardManager.js';

/** A TCP echo service on the "remote" side. */
async function startEcho(): Promise<{ server: Server; port: number }> {
  const server = createServer({ allowHalfOpen: true }, (sock) => sock.pipe(sock));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** Sends text through a forward, half-closes, and returns all that came back. */
function echoThrough(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port }, () => sock.end(text));
    let out = '';
    sock.on('data', (d: Buffer) => (out += d.toString('utf8')));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
  });
}

function listenable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

describe('forwards per saved host', () => {
  let server: OpenSshServer;
  let echo: { server: Server; port: number };
  before(async () => {
    server = await OpenSshServer.start();
    echo = await startEcho();
  });
  after(async () => {
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
    await server.stop();
  });

  test('start, start again, stop one, stop all: ports and the snapshot follow', async () => {
    const pool = new ConnectionPool();
    const forwards = new ForwardManager({ pool });
    const target = server.target();
    try {
      const a = await forwards.start('host-a', target, { id: 'one', bindPort: 0, bindAddress: '127.0.0.1', remoteHost: '127.0.0.1', remotePort: echo.port });
      const b = await forwards.start('host-a', target, { id: 'two', bindPort: 0, remoteHost: 'localhost', remotePort: echo.port });
      const c = await forwards.start('host-b', target, { id: 'one', bindPort: 0, remoteHost: '127.0.0.1', remotePort: echo.port });
      assert.equal(await echoThrough(a.bindPort, 'hello through one'), 'hello through one');
      assert.equal(await echoThrough(b.bindPort, 'hello through two'), 'hello through two');
      assert.equal(await echoThrough(c.bindPort, 'hello through b'), 'hello through b');

      // Both hosts resolve to the same pool key here, so the snapshot shows all three under it.
      const shown = () => pool.snapshot().hosts[0]?.forwards.map((f) => [f.id, f.state, f.bindPort]);
      assert.deepEqual(shown(), [['one', 'listening', a.bindPort], ['two', 'listening', b.bindPort], ['one', 'listening', c.bindPort]]);

      const again = await forwards.start('host-a', target, { id: 'one', bindPort: 0, remoteHost: '127.0.0.1', remotePort: echo.port });
      assert.equal(again.bindPort, a.bindPort, 'starting a listening forward leaves it as it is');
      assert.equal(pool.snapshot().hosts[0]?.forwards.length, 3);

      await forwards.stop('host-a', 'one');
      await forwards.stop('host-a', 'never-started');
      // host-a's "one" is gone; host-b's forward of the same id is another forward and stays.
      assert.deepEqual(shown(), [['two', 'listening', b.bindPort], ['one', 'listening', c.bindPort]]);
      assert.equal(await listenable(a.bindPort), true);

      await forwards.stopAll();
      assert.deepEqual(pool.snapshot().hosts[0]?.forwards, []);
      for (const port of [b.bindPort, c.bindPort]) assert.equal(await listenable(port), true, `port ${port} freed`);
    } finally {
      await forwards.stopAll();
      await pool.close({ graceMs: 100 });
    }
  });

  test('a forward that failed on a busy port stays in the snapshot as failed and starts once the port is free', async () => {
    const pool = new ConnectionPool();
    const forwards = new ForwardManager({ pool });
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    const spec = { id: 'pg', bindPort: port, remoteHost: '127.0.0.1', remotePort: echo.port };
    try {
      await assert.rejects(forwards.start('db', server.target(), spec), (err: ForwardError) => err.code === 'PORT_IN_USE');
      const [failed] = pool.snapshot().hosts[0]?.forwards ?? [];
      assert.equal(failed?.state, 'failed');
      assert.match(failed?.lastError ?? '', new RegExp(`local port ${port} is already in use$`));

      await new Promise<void>((resolve) => squatter.close(() => resolve()));
      const started = await forwards.start('db', server.target(), spec);
      assert.equal(started.state, 'listening');
      assert.equal(started.bindPort, port);
      assert.equal(started.lastError, null);
      assert.deepEqual(pool.snapshot().hosts[0]?.forwards.map((f) => [f.id, f.state]), [['pg', 'listening']], 'the failed attempt left the snapshot');
      assert.equal(await echoThrough(port, 'psql would connect now'), 'psql would connect now');
    } finally {
      await forwards.stopAll();
      if (squatter.listening) await new Promise<void>((resolve) => squatter.close(() => resolve()));
      await pool.close({ graceMs: 100 });
    }
  });
});
