// Local port forwards through a real sshd: real HTTP bytes, concurrent sockets, busy ports, refusals, a reconnect.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer, request, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ForwardHealth } from '../../app/health.js';
import { FaultProxy } from '../../test/fixtures/faultProxy.js';
import { freePort, OpenSshServer } from '../../test/fixtures/openSshServer.js';
import { sleep, waitFor } from '../../test/fixtures/waitFor.js';
import { ConnectionPool } from '../pool/index.js';
import type { ForwardError } from './forwardError.js';
import { LocalForward } from './localForward.js';

const MB = 1024 * 1024;
const BLOB = randomBytes(5 * MB);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const BLOB_SHA = sha256(BLOB);

/** The "remote" service: GET /blob sends 5 MB of random bytes, POST /upload answers with the body's size and sha256. */
class Backend {
  /** Every TCP connection sshd opened to it, in arrival order. */
  readonly connections: Socket[] = [];
  private constructor(
    private readonly server: HttpServer,
    readonly port: number,
  ) {}

  static async start(port = 0): Promise<Backend> {
    const server = createHttpServer((req, res) => {
      if (req.method === 'GET' && req.url === '/blob') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BLOB.length });
        res.end(BLOB);
        return;
      }
      if (req.method === 'POST' && req.url === '/upload') {
        const hash = createHash('sha256');
        let bytes = 0;
        req.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          hash.update(chunk);
        });
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ bytes, sha256: hash.digest('hex') }));
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const addr = server.address();
    if (!addr || typeof addr !== 'object') throw new Error('backend has no port');
    const backend = new Backend(server, addr.port);
    server.on('connection', (sock) => backend.connections.push(sock));
    return backend;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Reply {
  status: number;
  body: Buffer;
}

/** One HTTP request on its own socket (agent: false), as a browser or curl pointed at the forward would make. */
function httpRequest(port: number, method: 'GET' | 'POST', path: string, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw client socket to the forward, resolved once connected locally. */
function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port }, () => resolve(sock));
    sock.once('error', reject);
  });
}

function closed(sock: Socket): Promise<number> {
  return new Promise((resolve) => (sock.destroyed && sock.readyState === 'closed' ? resolve(Date.now()) : sock.once('close', () => resolve(Date.now()))));
}

function forwardIn(pool: ConnectionPool, id: string): ForwardHealth | undefined {
  return pool.snapshot().hosts.flatMap((h) => h.forwards).find((f) => f.id === id);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

describe('local port forwards over a real sshd', () => {
  let server: OpenSshServer;
  let backend: Backend;
  before(async () => {
    server = await OpenSshServer.start();
    backend = await Backend.start();
  });
  after(async () => {
    await backend.stop();
    await server.stop();
  });

  test('a 5 MB download and a 5 MB upload cross the forward byte for byte and show in the snapshot', async (t) => {
    const pool = new ConnectionPool();
    const forward = new LocalForward({ pool, target: server.target(), spec: { id: 'web', bindPort: 0, remoteHost: '127.0.0.1', remotePort: backend.port } });
    try {
      await forward.start();
      const port = forward.health().bindPort;
      assert.ok(port > 0, 'port 0 picks a free port and reports it');
      assert.deepEqual(forwardIn(pool, 'web'), {
        id: 'web',
        bindAddress: '127.0.0.1',
        bindPort: port,
        remoteHost: '127.0.0.1',
        remotePort: backend.port,
        state: 'listening',
        openSockets: 0,
        totalConnections: 0,
        bytesIn: 0,
        bytesOut: 0,
        lastError: null,
      });

      let started = performance.now();
      const down = await httpRequest(port, 'GET', '/blob');
      const downMs = performance.now() - started;
      assert.equal(down.status, 200);
      assert.equal(down.body.length, BLOB.length);
      assert.equal(sha256(down.body), BLOB_SHA);

      const upload = randomBytes(5 * MB);
      started = performance.now();
      const up = await httpRequest(port, 'POST', '/upload', upload);
      const upMs = performance.now() - started;
      assert.equal(up.status, 200);
      assert.deepEqual(JSON.parse(up.body.toString('utf8')), { bytes: upload.length, sha256: sha256(upload) });

      await waitFor('both sockets closed', () => forwardIn(pool, 'web')?.openSockets === 0);
      const fwd = forwardIn(pool, 'web') as ForwardHealth;
      // HTTP headers ride on top of the 5 MB each way.
      assert.ok(fwd.bytesIn >= 5 * MB && fwd.bytesIn < 5 * MB + 4096, `bytesIn ${fwd.bytesIn}`);
      assert.ok(fwd.bytesOut >= 5 * MB && fwd.bytesOut < 5 * MB + 4096, `bytesOut ${fwd.bytesOut}`);
      assert.equal(fwd.totalConnections, 2);
      assert.equal(fwd.lastError, null);
      const host = pool.snapshot().hosts[0];
      assert.equal(host?.connections.length, 1, 'both sockets rode one pooled SSH connection');
      // A tunnel is released when sshd confirms its channel closed, which can come after the local socket is gone.
      await waitFor('the tunnels released', () => pool.snapshot().hosts[0]?.connections[0]?.tunnels === 0);
      t.diagnostic(`download 5 MiB sha256 ok in ${downMs.toFixed(0)} ms (${((5 * 1000) / downMs).toFixed(1)} MiB/s)`);
      t.diagnostic(`upload 5 MiB sha256 ok in ${upMs.toFixed(0)} ms (${((5 * 1000) / upMs).toFixed(1)} MiB/s)`);
      t.diagnostic(`forward counters: bytesIn ${fwd.bytesIn}, bytesOut ${fwd.bytesOut}`);
    } finally {
      await forward.stop();
      await pool.close({ graceMs: 100 });
    }
  });

  test('eight concurrent downloads arrive intact, and open sockets are counted while they last', async () => {
    const pool = new ConnectionPool();
    const forward = new LocalForward({ pool, target: server.target(), spec: { id: 'web', bindPort: 0, remoteHost: 'localhost', remotePort: backend.port } });
    try {
      await forward.start();
      const port = forward.health().bindPort;
      const replies = await Promise.all(Array.from({ length: 8 }, () => httpRequest(port, 'GET', '/blob')));
      for (const r of replies) assert.equal(sha256(r.body), BLOB_SHA);
      // A reply can be complete before the forward has seen its socket close and sshd its channel.
      await waitFor('the downloads gone from the snapshot', () => forwardIn(pool, 'web')?.openSockets === 0);
      await waitFor('the downloads released their tunnels', () => pool.snapshot().hosts[0]?.connections[0]?.tunnels === 0);

      const seen = backend.connections.length;
      const held = await Promise.all([0, 1, 2].map(() => openSocket(port)));
      await waitFor('three sockets reached the remote service', () => backend.connections.length - seen === 3);
      let fwd = forwardIn(pool, 'web') as ForwardHealth;
      assert.equal(fwd.openSockets, 3);
      assert.equal(fwd.totalConnections, 11);
      assert.equal(pool.snapshot().hosts[0]?.connections[0]?.tunnels, 3, 'each socket is one tunnel channel');

      for (const s of held) s.destroy();
      await waitFor('sockets gone from the snapshot', () => forwardIn(pool, 'web')?.openSockets === 0);
      await waitFor('tunnels released', () => pool.snapshot().hosts[0]?.connections[0]?.tunnels === 0);
      fwd = forwardIn(pool, 'web') as ForwardHealth;
      assert.ok(fwd.bytesIn >= 8 * 5 * MB, `bytesIn ${fwd.bytesIn}`);
      assert.equal(fwd.state, 'listening');
    } finally {
      await forward.stop();
      await pool.close({ graceMs: 100 });
    }
  });

  test('stop() closes the sockets through the forward, frees the port and leaves the snapshot', async () => {
    const pool = new ConnectionPool();
    const forward = new LocalForward({ pool, target: server.target(), spec: { id: 'db', bindPort: await freePort(), remoteHost: '127.0.0.1', remotePort: backend.port } });
    try {
      await forward.start();
      const port = forward.health().bindPort;
      const seen = backend.connections.length;
      const sock = await openSocket(port);
      await waitFor('the socket reached the remote service', () => backend.connections.length > seen);
      const gone = closed(sock);
      await forward.stop();
      await gone;
      assert.equal(forward.state, 'stopped');
      assert.equal(await canListen(port), true, `port ${port} is free again`);
      assert.equal(forwardIn(pool, 'db'), undefined);
      assert.deepEqual(pool.snapshot().hosts[0]?.forwards, []);
      await assert.rejects(openSocket(port), /ECONNREFUSED/);
    } finally {
      await forward.stop();
      await pool.close({ graceMs: 100 });
    }
  });

  test('a local port already in use fails with a message naming the port, the remote end and the host', async () => {
    const pool = new ConnectionPool();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    const forward = new LocalForward({ pool, target: server.target(), spec: { id: 'pg', bindPort: taken, remoteHost: 'db.internal', remotePort: 5432 } });
    const expected = `cannot forward 127.0.0.1:${taken} → db.internal:5432 for ${server.username}@127.0.0.1:${server.port}: local port ${taken} is already in use`;
    try {
      await assert.rejects(forward.start(), (err: ForwardError) => {
        assert.equal(err.name, 'ForwardError');
        assert.equal(err.code, 'PORT_IN_USE');
        assert.equal(err.forwardId, 'pg');
        assert.equal(err.message, expected);
        return true;
      });
      const fwd = forwardIn(pool, 'pg');
      assert.equal(fwd?.state, 'failed');
      assert.equal(fwd?.lastError, expected);
      // Nothing was dialled: a busy port costs no SSH connection.
      assert.equal(pool.snapshot().hosts[0]?.connections.length, 0);
      await forward.stop();
      assert.equal(forwardIn(pool, 'pg'), undefined);
    } finally {
      await forward.stop();
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
      await pool.close({ graceMs: 100 });
    }
  });

  test('a closed remote port closes the local socket, lastError says the remote end refused, and the listener keeps working', async (t) => {
    const pool = new ConnectionPool();
    const remotePort = await freePort();
    const forward = new LocalForward({ pool, target: server.target(), spec: { id: 'api', bindPort: 0, remoteHost: '127.0.0.1', remotePort } });
    let late: Backend | undefined;
    try {
      await forward.start();
      const port = forward.health().bindPort;
      const sock = await openSocket(port);
      const at = Date.now();
      await closed(sock);
      assert.ok(Date.now() - at < 2000, `closed after ${Date.now() - at} ms`);
      const fwd = forwardIn(pool, 'api') as ForwardHealth;
      assert.match(
        fwd.lastError ?? '',
        new RegExp(`^remote end refused: ${server.username}@127\\.0\\.0\\.1:${server.port} could not connect to 127\\.0\\.0\\.1:${remotePort} \\(.+\\)$`),
      );
      assert.equal(fwd.state, 'listening');
      assert.equal(fwd.openSockets, 0);
      t.diagnostic(`lastError: ${fwd.lastError}`);

      // The service comes up on the remote side: the same listener now carries real bytes.
      late = await Backend.start(remotePort);
      const reply = await httpRequest(port, 'GET', '/blob');
      assert.equal(sha256(reply.body), BLOB_SHA);
      assert.equal(forwardIn(pool, 'api')?.totalConnections, 2);
    } finally {
      await forward.stop();
      await late?.stop();
      await pool.close({ graceMs: 100 });
    }
  });

  test('the forward survives a reconnect: open sockets close, sockets accepted in the outage wait and then work', async (t) => {
    const proxy = await FaultProxy.start(server.port);
    const pool = new ConnectionPool({ reconnect: { attempts: 20, baseDelayMs: 50, maxDelayMs: 200, jitter: 0 } });
    const target = { ...server.target(), port: proxy.port };
    const forward = new LocalForward({ pool, target, spec: { id: 'web', bindPort: 0, remoteHost: '127.0.0.1', remotePort: backend.port } });
    try {
      // Only a connection that carries channels is reconnected; a shell tab carries this one.
      const shell = await pool.openShell(target, { cols: 80, rows: 24 });
      await forward.start();
      const port = forward.health().bindPort;
      assert.equal(sha256((await httpRequest(port, 'GET', '/blob')).body), BLOB_SHA);

      const seen = backend.connections.length;
      const held = await openSocket(port);
      await waitFor('held socket reached the remote service', () => backend.connections.length > seen);
      const heldClosed = closed(held);

      proxy.refuse(); // the host stays unreachable for a while
      const droppedAt = Date.now();
      proxy.reset();
      const heldClosedAt = await heldClosed;
      await waitFor('connection reconnecting', () => pool.snapshot().hosts[0]?.connections[0]?.state === 'reconnecting');

      // Accepted while the host is down: waits for the connection instead of failing.
      let settled = false;
      const during = httpRequest(port, 'GET', '/blob').finally(() => (settled = true));
      await sleep(400);
      assert.equal(settled, false, 'the request waits for the connection');
      assert.equal(forwardIn(pool, 'web')?.openSockets, 1);
      assert.equal(forwardIn(pool, 'web')?.state, 'listening');

      proxy.refuse(false);
      const backAt = Date.now();
      const reply = await during;
      assert.equal(reply.status, 200);
      assert.equal(sha256(reply.body), BLOB_SHA);
      const again = await httpRequest(port, 'GET', '/blob');
      assert.equal(sha256(again.body), BLOB_SHA);

      const host = pool.snapshot().hosts[0];
      assert.ok((host?.counters.reconnects ?? 0) >= 1, `reconnects ${host?.counters.reconnects}`);
      await waitFor('all sockets closed', () => forwardIn(pool, 'web')?.openSockets === 0);
      const fwd = forwardIn(pool, 'web') as ForwardHealth;
      assert.equal(fwd.state, 'listening');
      assert.equal(fwd.bindPort, port, 'same local port throughout');
      assert.equal(fwd.totalConnections, 4);
      assert.ok(fwd.bytesIn >= 3 * 5 * MB);
      assert.match(fwd.lastError ?? '', new RegExp(`the SSH connection to ${server.username}@127\\.0\\.0\\.1:\\d+ was lost; sockets open through it were closed`));
      t.diagnostic(`held socket closed ${heldClosedAt - droppedAt} ms after the reset; outage request done ${Date.now() - backAt} ms after the host came back`);
      shell.close();
    } finally {
      await forward.stop();
      await pool.close({ graceMs: 100 });
      await proxy.stop();
    }
  });
});
