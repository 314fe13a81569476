// Heap and external bytes per idle connection and per idle shell channel: raw ssh2 against the pool.
import type { ClientChannel } from 'ssh2';
import type { ConnectionPool, PoolShell, PoolTarget } from '../../main/pool/index.js';
import { RawSsh2Client, type RawTarget } from './RawSsh2Client.js';
import { settledMemory, type MemorySample } from './settledMemory.js';

export interface PerItemMemory {
  heap: number;
  external: number;
}

/** raw ssh2; the pool as tsc emits it (what ships); the pool as tsx loads it (esbuild keepNames). */
export type MemorySide = 'raw' | 'pool' | 'poolTsx';

export interface MemoryFigures {
  /** Median over the measured repeats. */
  median: Record<MemorySide, PerItemMemory>;
  samples: Record<MemorySide, PerItemMemory[]>;
}

export interface IdleMemory {
  connection: MemoryFigures;
  shellChannel: MemoryFigures;
}

export interface IdleMemoryOptions {
  target: PoolTarget & RawTarget;
  pools: Record<Exclude<MemorySide, 'raw'>, typeof ConnectionPool>;
  connections: number;
  shells: number;
  /** The server's MaxSessions: shells are spread over shells / this many connections on both sides. */
  sessionsPerConnection: number;
  repeats: number;
  /** Called with every pool created, so the caller can close it if a step fails. */
  track: (pool: ConnectionPool) => void;
  withTimeout: <T>(p: Promise<T>, what: string) => Promise<T>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Lets sockets and sshd of the previous step finish closing before a baseline is read. */
const QUIET_MS = 300;
/** Enough for shells to print their motd and prompt and go idle. */
const SHELL_SETTLE_MS = 500;

function perItem(before: MemorySample, after: MemorySample, n: number): PerItemMemory {
  return { heap: (after.heapUsed - before.heapUsed) / n, external: (after.external - before.external) / n };
}

function median(xs: PerItemMemory[]): PerItemMemory {
  const mid = (v: number[]): number => {
    const s = [...v].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  return { heap: mid(xs.map((x) => x.heap)), external: mid(xs.map((x) => x.external)) };
}

function firstData(ch: ClientChannel): Promise<void> {
  return new Promise((resolve) => ch.once('data', () => resolve()));
}

/** The permanent listener both sides leave on a shell: one shared function, so neither side pays for a closure per item. */
const ignore = (): void => undefined;

/**
 * Resolves at the first output, then leaves the shared no-op listener, as the raw side does, so the
 * shell keeps draining like an open tab. The permanent listener is added outside the promise, so
 * it keeps no part of this function's scope alive (that cost ~360 B per shell, charged to the pool).
 */
function poolFirstData(shell: PoolShell): Promise<void> {
  const first = new Promise<void>((resolve) => {
    let seen = false;
    // onData may deliver held output synchronously, before it returns.
    const off = shell.onData(() => {
      if (seen) return;
      seen = true;
      resolve();
      queueMicrotask(() => off());
    });
  });
  shell.onData(ignore);
  return first;
}

// Each measurement is its own function: a local of a long-running async function can stay
// reachable after its last use and would count against the next baseline.

async function rawConnections(o: IdleMemoryOptions): Promise<PerItemMemory> {
  await sleep(QUIET_MS);
  const before = await settledMemory();
  const clients = await o.withTimeout(Promise.all(Array.from({ length: o.connections }, () => RawSsh2Client.connect(o.target))), 'raw ssh2 connects');
  try {
    await sleep(200);
    const after = await settledMemory();
    return perItem(before, after, o.connections);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function poolConnections(o: IdleMemoryOptions, Pool: typeof ConnectionPool): Promise<PerItemMemory> {
  const pool = new Pool({ maxConnectionsPerHost: o.connections });
  o.track(pool);
  try {
    await sleep(QUIET_MS);
    const before = await settledMemory();
    await o.withTimeout(pool.warm(o.target, { connections: o.connections }), 'pool warm for memory');
    await sleep(200);
    const after = await settledMemory();
    const ready = pool.snapshot().hosts[0]?.connections.filter((c) => c.state === 'ready').length;
    if (ready !== o.connections) throw new Error(`pool memory: expected ${o.connections} ready connections, got ${ready}`);
    return perItem(before, after, o.connections);
  } finally {
    await pool.close({ graceMs: 1000 });
  }
}

async function rawShells(o: IdleMemoryOptions): Promise<PerItemMemory> {
  const conns = Math.ceil(o.shells / o.sessionsPerConnection);
  const clients = await o.withTimeout(Promise.all(Array.from({ length: conns }, () => RawSsh2Client.connect(o.target))), 'raw ssh2 connects');
  try {
    await sleep(QUIET_MS);
    const before = await settledMemory();
    const channels: ClientChannel[] = [];
    for (let i = 0; i < o.shells; i++) {
      const client = clients[Math.floor(i / o.sessionsPerConnection)] as RawSsh2Client;
      const ch = await o.withTimeout(client.shell(), 'raw ssh2 shell for memory');
      channels.push(ch);
      const first = firstData(ch);
      // Drain the way a pool shell does once a tab listens, so neither side keeps output buffered.
      ch.on('data', ignore);
      ch.stderr.on('data', ignore);
      await o.withTimeout(first, 'raw ssh2 shell first byte for memory');
    }
    await sleep(SHELL_SETTLE_MS);
    const after = await settledMemory();
    if (channels.length !== o.shells) throw new Error('raw shell memory: a shell went missing');
    return perItem(before, after, o.shells);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

async function poolShells(o: IdleMemoryOptions, Pool: typeof ConnectionPool): Promise<PerItemMemory> {
  const conns = Math.ceil(o.shells / o.sessionsPerConnection);
  const pool = new Pool({ maxConnectionsPerHost: conns });
  o.track(pool);
  try {
    await o.withTimeout(pool.warm(o.target, { connections: conns }), 'pool warm for shells');
    await sleep(QUIET_MS);
    const before = await settledMemory();
    const shells: PoolShell[] = [];
    for (let i = 0; i < o.shells; i++) {
      const shell = await o.withTimeout(pool.openShell(o.target, { cols: 80, rows: 24 }), 'pool openShell for memory');
      shells.push(shell);
      await o.withTimeout(poolFirstData(shell), 'pool shell first byte for memory');
    }
    await sleep(SHELL_SETTLE_MS);
    const after = await settledMemory();
    const host = pool.snapshot().hosts[0];
    if (host?.connections.length !== conns) throw new Error(`pool shell memory: expected ${conns} connections, got ${host?.connections.length}`);
    if (shells.length !== o.shells) throw new Error('pool shell memory: a shell went missing');
    return perItem(before, after, o.shells);
  } finally {
    await pool.close({ graceMs: 1000 });
  }
}

/** One unmeasured round first (code of the first batch gets optimised and would be counted), then `repeats` rounds. */
export async function idleMemory(o: IdleMemoryOptions): Promise<IdleMemory> {
  const conn: Record<MemorySide, PerItemMemory[]> = { raw: [], pool: [], poolTsx: [] };
  const chan: Record<MemorySide, PerItemMemory[]> = { raw: [], pool: [], poolTsx: [] };
  for (let round = 0; round <= o.repeats; round++) {
    const c = { raw: await rawConnections(o), pool: await poolConnections(o, o.pools.pool), poolTsx: await poolConnections(o, o.pools.poolTsx) };
    const s = { raw: await rawShells(o), pool: await poolShells(o, o.pools.pool), poolTsx: await poolShells(o, o.pools.poolTsx) };
    if (round === 0) continue;
    for (const side of ['raw', 'pool', 'poolTsx'] as const) {
      conn[side].push(c[side]);
      chan[side].push(s[side]);
    }
  }
  const figures = (samples: Record<MemorySide, PerItemMemory[]>): MemoryFigures => ({
    median: { raw: median(samples.raw), pool: median(samples.pool), poolTsx: median(samples.poolTsx) },
    samples,
  });
  return { connection: figures(conn), shellChannel: figures(chan) };
}
