// One local port forward: listens on bindAddress:bindPort and carries each socket over a pooled direct-tcpip tunnel.
import { createServer, type Server, type Socket } from 'node:net';
import type { ClientChannel } from 'ssh2';
import type { ForwardHealth, ForwardState } from '../../app/health.js';
import { connectionKeyOf, DEFAULT_BIND_ADDRESS, formatHostPort } from '../../app/hosts.js';
import { classifySsh2Error, type PoolTarget, type TunnelChannel } from '../pool/index.js';
import { ForwardError } from './forwardError.js';

/** What a forward needs from the connection pool. */
export interface ForwardPool {
  /** Waits for a reconnecting connection, up to the pool's limits, before it opens the tunnel. */
  openTunnel(target: PoolTarget, dstHost: string, dstPort: number): Promise<TunnelChannel>;
  /** Shows the forward under its host in the pool snapshot while tracked. */
  trackForward(target: PoolTarget, health: () => ForwardHealth): { changed(): void; untrack(): void };
}

export interface LocalForwardSpec {
  /** The forward's id as saved with the host. */
  id: string;
  /** Default 127.0.0.1: only this machine may use the forward. */
  bindAddress?: string;
  /** 0 picks a free port; health().bindPort tells which. */
  bindPort: number;
  /** Resolved by the SSH server, so a name only the remote network knows works. */
  remoteHost: string;
  remotePort: number;
}

export interface LocalForwardDeps {
  pool: ForwardPool;
  target: PoolTarget;
  spec: LocalForwardSpec;
}

/** Socket and byte counts reach pool listeners at most this often; snapshots read them live. */
const COUNTS_NOTIFY_MS = 250;

export class LocalForward {
  readonly id: string;
  private readonly bindAddress: string;
  private readonly remoteHost: string;
  private readonly remotePort: number;
  private readonly requestedPort: number;
  private port: number;
  private current: ForwardState = 'stopped';
  private server: Server | undefined;
  private tracking: { changed(): void; untrack(): void } | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly channels = new Set<ClientChannel>();
  private queue: Promise<void> = Promise.resolve();
  private notifyTimer: NodeJS.Timeout | undefined;
  private totalConnections = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  private lastError: string | null = null;

  constructor(private readonly deps: LocalForwardDeps) {
    const spec = checkSpec(deps.spec);
    this.id = spec.id;
    this.bindAddress = spec.bindAddress ?? DEFAULT_BIND_ADDRESS;
    this.requestedPort = spec.bindPort;
    this.port = spec.bindPort;
    this.remoteHost = spec.remoteHost;
    this.remotePort = spec.remotePort;
  }

  get state(): ForwardState {
    return this.current;
  }

  health(): ForwardHealth {
    return {
      id: this.id,
      bindAddress: this.bindAddress,
      bindPort: this.port,
      remoteHost: this.remoteHost,
      remotePort: this.remotePort,
      state: this.current,
      openSockets: this.sockets.size,
      totalConnections: this.totalConnections,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      lastError: this.lastError,
    };
  }

  /** Listens; rejects with a ForwardError that says which port, where to, and why not. */
  start(): Promise<void> {
    return this.serially(() => (this.current === 'listening' ? Promise.resolve() : this.listen()));
  }

  /** Closes the listener and every socket through it; resolves once all are closed. */
  stop(): Promise<void> {
    return this.serially(() => this.close());
  }

  /** start and stop run in call order, so stop, start, stop always ends stopped. */
  private serially(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async listen(): Promise<void> {
    this.tracking ??= this.deps.pool.trackForward(this.deps.target, () => this.health());
    // Paused until the tunnel is open, so nothing the client sends early is lost.
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (local) => this.accept(local));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: this.bindAddress, port: this.requestedPort, exclusive: true }, () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      const error = this.listenError(err as NodeJS.ErrnoException);
      this.current = 'failed';
      this.lastError = error.message;
      this.tracking.changed();
      throw error;
    }
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    // Accept errors (out of file descriptors) leave the listener up; the person should still see them.
    server.on('error', (err) => {
      this.lastError = `accepting a connection on ${this.describe()} failed: ${err.message}`;
      this.tracking?.changed();
    });
    this.server = server;
    this.current = 'listening';
    this.lastError = null;
    this.tracking.changed();
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.current = 'stopped';
    // The server's close callback fires only once every accepted socket has closed.
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const local of this.sockets) local.destroy();
    for (const channel of this.channels) closeChannel(channel);
    await closed;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.tracking?.untrack();
    this.tracking = undefined;
  }

  private accept(local: Socket): void {
    if (this.current !== 'listening') {
      local.destroy();
      return;
    }
    this.sockets.add(local);
    this.totalConnections++;
    local.setNoDelay(true);
    let channel: ClientChannel | undefined;
    // A client that resets its socket is normal traffic, not a forward failure; close settles it.
    local.on('error', () => undefined);
    local.once('close', () => {
      this.sockets.delete(local);
      if (channel) closeChannel(channel);
      this.countsChanged();
    });
    this.countsChanged();
    const { target } = this.deps;
    this.deps.pool.openTunnel(target, this.remoteHost, this.remotePort).then(
      (tunnel) => {
        if (local.destroyed || this.current !== 'listening') {
          // The client left, or the forward stopped, while the tunnel was opening.
          closeChannel(tunnel.stream);
          return;
        }
        channel = tunnel.stream;
        this.carry(local, tunnel);
      },
      (err: unknown) => {
        this.lastError = this.tunnelError(err);
        local.destroy();
        this.tracking?.changed();
      },
    );
  }

  /** Pipes both ways with backpressure; EOF passes through each way on its own (half-close). */
  private carry(local: Socket, tunnel: TunnelChannel): void {
    const channel = tunnel.stream;
    this.channels.add(channel);
    channel.on('data', (chunk: Buffer) => {
      this.bytesIn += chunk.length;
      this.countsChanged();
    });
    local.on('data', (chunk: Buffer) => {
      this.bytesOut += chunk.length;
      this.countsChanged();
    });
    channel.pipe(local);
    local.pipe(channel);
    channel.on('error', (err: Error) => {
      this.lastError = `tunnel to ${formatHostPort(this.remoteHost, this.remotePort)} failed: ${err.message}`;
      local.destroy();
      this.tracking?.changed();
    });
    channel.once('close', () => {
      this.channels.delete(channel);
      if (tunnel.linkLost()) {
        this.lastError = `the SSH connection to ${connectionKeyOf(this.deps.target)} was lost; sockets open through it were closed`;
        this.tracking?.changed();
      }
      // The remote end is gone for good: let what it sent reach the client, then close.
      if (local.destroyed) return;
      if (local.writableFinished) local.destroy();
      else {
        local.once('finish', () => local.destroy());
        local.end();
      }
    });
  }

  private countsChanged(): void {
    if (this.notifyTimer || !this.tracking) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.tracking?.changed();
    }, COUNTS_NOTIFY_MS);
    this.notifyTimer.unref();
  }

  private describe(): string {
    return `${formatHostPort(this.bindAddress, this.port)} → ${formatHostPort(this.remoteHost, this.remotePort)} for ${connectionKeyOf(this.deps.target)}`;
  }

  private listenError(err: NodeJS.ErrnoException): ForwardError {
    const port = this.requestedPort;
    const prefix = `cannot forward ${this.describe()}`;
    const fail = (code: ForwardError['code'], why: string): ForwardError => new ForwardError(code, `${prefix}: ${why}`, this.id, { cause: err });
    switch (err.code) {
      case 'EADDRINUSE':
        return fail('PORT_IN_USE', `local port ${port} is already in use`);
      case 'EACCES':
      case 'EPERM':
        return fail(
          'PERMISSION_DENIED',
          port > 0 && port < 1024
            ? `permission denied to listen on local port ${port} (ports below 1024 need administrator rights)`
            : `permission denied to listen on local port ${port}`,
        );
      case 'EADDRNOTAVAIL':
        return fail('ADDRESS_UNAVAILABLE', `${this.bindAddress} is not an address of this machine`);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return fail('ADDRESS_UNAVAILABLE', `the bind address ${this.bindAddress} cannot be resolved`);
      default:
        return fail('LISTEN_FAILED', err.message);
    }
  }

  private tunnelError(err: unknown): string {
    const e = err as Error & { cause?: unknown };
    const cause = classifySsh2Error(e?.cause ?? e);
    const remote = formatHostPort(this.remoteHost, this.remotePort);
    // The server's own refusal (nothing listening, forwarding prohibited): its words, without ssh2's prefix.
    if (cause.kind === 'channel-refused') {
      return `remote end refused: ${connectionKeyOf(this.deps.target)} could not connect to ${remote} (${cause.description})`;
    }
    return `tunnel to ${remote} failed: ${e?.message ?? String(err)}`;
  }
}

/** A close that can no longer reach a dead link must not throw. */
function closeChannel(channel: ClientChannel): void {
  try {
    channel.close();
  } catch {
    // the link is gone; ssh2 has already dropped the channel
  }
}

function checkSpec(spec: LocalForwardSpec): LocalForwardSpec {
  if (!spec || typeof spec !== 'object') throw new TypeError('forward spec must be an object');
  if (typeof spec.id !== 'string' || spec.id === '') throw new TypeError('forward id must be a non-empty string');
  if (spec.bindAddress !== undefined && (typeof spec.bindAddress !== 'string' || spec.bindAddress.trim() === '')) {
    throw new TypeError(`forward ${spec.id}: bindAddress must be a non-empty string`);
  }
  if (!Number.isInteger(spec.bindPort) || spec.bindPort < 0 || spec.bindPort > 65535) {
    throw new RangeError(`forward ${spec.id}: bindPort must be an integer from 0 to 65535, got ${String(spec.bindPort)}`);
  }
  if (typeof spec.remoteHost !== 'string' || spec.remoteHost.trim() === '') throw new TypeError(`forward ${spec.id}: remoteHost must be a non-empty string`);
  if (!Number.isInteger(spec.remotePort) || spec.remotePort < 1 || spec.remotePort > 65535) {
    throw new RangeError(`forward ${spec.id}: remotePort must be an integer from 1 to 65535, got ${String(spec.remotePort)}`);
  }
  return spec;
}
