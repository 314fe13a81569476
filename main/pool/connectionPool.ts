// The pooled ssh2 connection manager: one connection per key carries many channels, spills, waits, evicts.
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import type { ForwardHealth, HostCounters, HostHealth, PoolSnapshot } from '../../app/health.js';
import { connectionKeyOf, formatEndpoint, formatHostPort, type ConnectionKey } from '../../app/hosts.js';
import { Listeners } from '../../app/listeners.js';
import { classifySsh2Error } from './classifySsh2Error.js';
import { PoolError } from './poolError.js';
import { checkInteger, checkKeepaliveInterval, resolvePoolOptions, type PoolOptions, type PoolOptionsInput } from './poolOptions.js';
import { PooledConnection, type ConnectionOwner, type HostSettings } from './pooledConnection.js';
import { PoolShell, type ShellOptions } from './poolShell.js';
import type { PoolTarget } from './poolTarget.js';
import { Ssh2Internals } from './ssh2Internals.js';
import { WakeWatcher } from './wakeWatcher.js';

export interface ExecOptions {
  /** How long the remote command may run once started; then it is signalled and the channel closed. */
  timeoutMs?: number;
  /** Limit on stdout + stderr kept in memory. Default 16 MiB. */
  maxBufferBytes?: number;
  /** Written to the command's stdin, then EOF. */
  stdin?: string | Uint8Array;
}

export interface ExecResult {
  /** Exit status, or null when the command died of a signal. */
  code: number | null;
  signal: string | null;
  /** Output decoded as UTF-8; the exact bytes are in stdoutBytes and stderrBytes. */
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  stderrBytes: Buffer;
}

export interface TunnelChannel {
  stream: ClientChannel;
  /** True once the SSH connection under the tunnel died (rather than the far end closing it). */
  linkLost(): boolean;
}

/** A forward's place in the snapshot: `changed` announces a state change, `untrack` removes it. */
export interface ForwardTracking {
  changed(): void;
  untrack(): void;
}

/** What the pool lends its host entries so they can serve their connections. */
interface PoolHooks {
  emit(): void;
  pump(): void;
  openTransport(target: PoolTarget): Promise<Duplex>;
  /** The entry may have nothing left: drop it, and the credentials it holds. */
  forgetIfUnused(host: HostEntry): void;
}

/** One pool key: its settings, connections, counters and forwards; the owner of its connections. */
class HostEntry implements ConnectionOwner {
  readonly connections: PooledConnection[] = [];
  readonly counters: HostCounters = { handshakes: 0, reuses: 0, channelOpens: 0, channelOpenFailures: 0, reconnects: 0, errors: 0 };
  readonly forwards = new Set<() => ForwardHealth>();
  lastError: string | null = null;

  constructor(
    readonly key: ConnectionKey,
    /** Replaced on every request: an edited host's settings apply to its next connection. */
    public settings: HostSettings,
    public target: PoolTarget,
    private readonly hooks: PoolHooks,
  ) {}

  openTransport(): Promise<Duplex> {
    return this.hooks.openTransport(this.target);
  }

  connectionChanged(conn: PooledConnection): void {
    if (conn.lastError) this.lastError = conn.lastError;
    this.hooks.emit();
  }

  connectionRemoved(conn: PooledConnection): void {
    const i = this.connections.indexOf(conn);
    if (i >= 0) this.connections.splice(i, 1);
    this.hooks.forgetIfUnused(this);
    this.hooks.emit();
    this.hooks.pump();
  }

  slotsChanged(): void {
    this.hooks.pump();
  }
}

interface Waiter {
  host: HostEntry;
  kind: 'session' | 'tunnel';
  resolve: (conn: PooledConnection) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;

/**
 * The longest exec command sent. sshd drops the whole connection (every tab on it) on a packet
 * over 256 KiB; well under that, a command this long is a mistake, not a command line.
 */
const MAX_COMMAND_BYTES = 32 * 1024;
/** How much of a command an error message quotes. */
const QUOTED_COMMAND_CHARS = 200;

/** A command as error messages show it: quoted, and cut short when long. */
function quoteCommand(command: string): string {
  if (command.length <= QUOTED_COMMAND_CHARS) return `"${command}"`;
  return `"${command.slice(0, QUOTED_COMMAND_CHARS)}..." (${command.length} characters)`;
}

export class ConnectionPool {
  private readonly options: PoolOptions;
  private readonly ssh2: Ssh2Internals;
  private readonly hosts = new Map<ConnectionKey, HostEntry>();
  private readonly waiters: Waiter[] = [];
  /** A failing listener must not break the pool or the other listeners; the pool keeps no log to report it to. */
  private readonly listeners = new Listeners<[]>();
  private nextConnectionId = 1;
  private nextChannelId = 1;
  private closing: Promise<void> | undefined;
  private readonly hooks: PoolHooks = {
    emit: () => this.emit(),
    pump: () => this.pump(),
    openTransport: (target) => this.openTransport(target),
    forgetIfUnused: (host) => this.forgetIfUnused(host),
  };
  private readonly wake = new WakeWatcher({ onWake: () => void this.revalidate() });

  constructor(options: PoolOptionsInput = {}) {
    this.options = resolvePoolOptions(options);
    // Fails here, at startup, if the installed ssh2 lacks a private field the pool relies on.
    this.ssh2 = new Ssh2Internals();
    this.wake.start();
  }

  /**
   * Opens a pty shell on a pooled connection to the target. newConnection: on a connection of
   * its own, opened for it (POOL_EXHAUSTED when the host is at maxConnectionsPerHost).
   */
  async openShell(target: PoolTarget, opts: ShellOptions, placement: { newConnection?: boolean } = {}): Promise<PoolShell> {
    const cols = checkDimension('cols', opts?.cols);
    const rows = checkDimension('rows', opts?.rows);
    return this.withSession(target, 'opening a shell', placement.newConnection === true, async (client, conn) => {
      // The wrapper is built inside ssh2's callback: exit and close can follow in the same read.
      return new Promise<PoolShell>((resolve, reject) =>
        client.shell({ cols, rows, term: opts.term ?? 'xterm-256color' }, { env: opts.env ?? {} }, (err, ch) => {
          if (err) return reject(err);
          const grantWindow = this.ssh2.limitWindow(client, ch, this.options.shellWindowBytes);
          resolve(new PoolShell(this.nextChannelId++, ch, conn, grantWindow));
        }),
      );
    });
  }

  /** Runs one command on a pooled connection and collects its output. */
  async exec(target: PoolTarget, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    if (typeof command !== 'string' || command.length === 0) throw new TypeError('exec needs a non-empty command');
    checkTarget(target);
    const commandBytes = Buffer.byteLength(command, 'utf8');
    if (commandBytes > MAX_COMMAND_BYTES) {
      throw new PoolError(
        'EXEC_COMMAND_TOO_LONG',
        `exec ${quoteCommand(command)} is ${commandBytes} bytes; commands are limited to ${MAX_COMMAND_BYTES} bytes (32 KiB): send long input as stdin instead`,
        connectionKeyOf(target),
      );
    }
    const maxBuffer = opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
    if (!Number.isInteger(maxBuffer) || maxBuffer < 0) throw new RangeError(`exec option maxBufferBytes must be a non-negative integer, got ${String(maxBuffer)}`);
    if (opts.timeoutMs !== undefined && !(Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0)) {
      throw new RangeError(`exec option timeoutMs must be a positive number, got ${String(opts.timeoutMs)}`);
    }
    // Boxed so the channel-open step resolves when the channel is open, not when the command ends.
    const running = await this.withSession(target, `exec ${quoteCommand(command)}`, false, (client, conn) =>
      new Promise<{ result: Promise<ExecResult> }>((resolve, reject) =>
        client.exec(command, (err, stream) => {
          if (err) return reject(err);
          try {
            this.ssh2.checkChannel(stream);
          } catch (e) {
            stream.close();
            return reject(e instanceof Error ? e : new Error(String(e)));
          }
          // Collect inside ssh2's callback: a fast command's output, exit status and close can
          // arrive in the same read as the open confirmation.
          const kill = (): void => {
            try {
              this.ssh2.signal(client, stream, 'KILL');
            } catch {
              // the link is going away; the close that follows is all that is left to do
            }
          };
          resolve({ result: collectExec(stream, conn, command, maxBuffer, opts, kill) });
        }),
      ),
    );
    return running.result;
  }

  /**
   * Opens connections ahead of need (pinned hosts, the tray) and waits until they are ready.
   * newConnection: one more connection, logged in with this target's credentials whatever is
   * open already (quick connect tests a login that way), within maxConnectionsPerHost.
   */
  async warm(target: PoolTarget, opts: { connections?: number; newConnection?: boolean } = {}): Promise<void> {
    this.assertOpen();
    const asked = opts.connections ?? 1;
    if (!Number.isInteger(asked) || asked < 1) throw new RangeError(`warm option connections must be a positive integer, got ${String(opts.connections)}`);
    const host = this.hostFor(target);
    if (opts.newConnection === true) {
      await this.newConnection(host).whenReady();
      return;
    }
    const wanted = Math.min(asked, host.settings.maxConnectionsPerHost);
    while (host.connections.filter((c) => c.accepting).length < wanted) {
      if (this.liveConnections() >= this.options.maxConnections && !this.evictIdle()) break;
      this.createConnection(host);
    }
    await Promise.all(host.connections.filter((c) => c.accepting).map((c) => c.whenReady()));
  }

  /**
   * A direct-tcpip channel from the target's host to dstHost:dstPort: the transport of jump hops
   * and local port forwards. It is not a session, so it does not count against the channel cap.
   */
  async openTunnel(target: PoolTarget, dstHost: string, dstPort: number): Promise<TunnelChannel> {
    const host = this.hostFor(target);
    const conn = await this.acquire(host, 'tunnel');
    let stream: ClientChannel;
    try {
      const client = await conn.whenReady();
      stream = await new Promise<ClientChannel>((resolve, reject) =>
        client.forwardOut('127.0.0.1', 0, dstHost, dstPort, (err, ch) => (err ? reject(err) : resolve(ch))),
      );
    } catch (err) {
      conn.release('tunnel');
      if (err instanceof PoolError) throw err;
      throw new PoolError('CONNECT_FAILED', `${host.key} could not open a tunnel to ${formatHostPort(dstHost, dstPort)}: ${(err as Error).message}`, host.key, { cause: err });
    }
    let linkLost = false;
    const detach = conn.attach({ inFlight: undefined, shutdown: () => stream.close(), linkLost: () => (linkLost = true) });
    stream.once('close', () => {
      detach();
      conn.release('tunnel');
    });
    return { stream, linkLost: () => linkLost };
  }

  /**
   * Hands the pool a target's latest settings and credentials without opening anything: an edited
   * keep-alive reaches the live links of its key and of its jump hops at once, not at their next
   * channel. Keys the pool holds nothing for are left alone. False when the target's own is one.
   */
  applyTarget(target: PoolTarget): boolean {
    const jump = target.jump ?? [];
    const keys = [...jump.map((hop, i) => ({ ...hop, jump: jump.slice(0, i) })), target];
    const known = keys.filter((t) => this.hosts.has(connectionKeyOf(t)));
    for (const t of known) this.hostFor(t);
    if (known.length > 0) this.emit();
    return known.includes(target);
  }

  /** The key's connections waiting out a reconnect backoff try now. Harmless when none is waiting; returns how many did. */
  reconnectNow(key: ConnectionKey): number {
    const host = this.hosts.get(key);
    if (!host) return 0;
    return host.connections.filter((c) => c.retryNow()).length;
  }

  snapshot(): PoolSnapshot {
    const hosts: HostHealth[] = [...this.hosts.values()].map((h) => ({
      key: h.key,
      connections: h.connections.map((c) => c.health()),
      counters: { ...h.counters },
      waiting: this.waiters.filter((w) => w.host === h).length,
      lastError: h.lastError,
      forwards: [...h.forwards].map((health) => health()),
    }));
    hosts.sort((a, b) => a.key.localeCompare(b.key));
    return { hosts };
  }

  /** Shows a port forward's live counts under the target's host in every snapshot. */
  trackForward(target: PoolTarget, health: () => ForwardHealth): ForwardTracking {
    const host = this.hostFor(target);
    // Wrapped so the same provider registered twice is two entries, each removed by its own untrack.
    const entry = (): ForwardHealth => health();
    host.forwards.add(entry);
    this.emit();
    return {
      changed: () => this.emit(),
      untrack: () => {
        if (!host.forwards.delete(entry)) return;
        this.forgetIfUnused(host);
        this.emit();
      },
    };
  }

  /** Fires on every state or count change. Returns the unsubscribe function. */
  onChange(cb: () => void): () => void {
    return this.listeners.add(cb);
  }

  /**
   * Ends one key's connections as close() ends them all (EOF, up to graceMs for running exec, SSH
   * disconnect): their shells close with reason 'disconnected' and requests waiting for the key
   * reject. The key is then forgotten with its credentials, unless a forward still tracks it (stop
   * it first). The next request for the key connects afresh.
   */
  async disconnect(key: ConnectionKey, opts: { graceMs?: number } = {}): Promise<void> {
    const host = this.hosts.get(key);
    if (!host) return;
    const reason = new PoolError('DISCONNECTED', `the connection to ${key} was closed on request (Disconnect); connect again to use it`, key);
    for (const w of this.waiters.filter((x) => x.host === host)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      clearTimeout(w.timer);
      w.reject(reason);
    }
    this.forgetIfUnused(host);
    this.emit();
    await Promise.all([...host.connections].map((c) => c.shutdown(opts.graceMs ?? 2000, reason)));
  }

  /**
   * Probes every connection now with a keep-alive and a short deadline, closing the dead ones and
   * reconnecting those that carry channels; links waiting to reconnect try at once. The pool does
   * this by itself when it notices the computer slept; the desktop shell calls it on resume and
   * on a network change. Resolves once every live link answered or was found dead.
   */
  async revalidate(): Promise<void> {
    if (this.closing) return;
    await Promise.all([...this.hosts.values()].flatMap((h) => [...h.connections]).map((c) => c.revalidate()));
  }

  /**
   * EOF to every channel, waits up to graceMs for running exec, sends the SSH disconnect and
   * closes every socket. Afterwards no timer or socket of the pool is left.
   */
  close(opts: { graceMs?: number } = {}): Promise<void> {
    if (this.closing) return this.closing;
    this.wake.stop();
    const graceMs = opts.graceMs ?? 5000;
    const reason = new PoolError('POOL_CLOSED', 'the connection pool is closing');
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(reason);
    }
    for (const h of [...this.hosts.values()]) this.forgetIfUnused(h);
    const all = [...this.hosts.values()].flatMap((h) => h.connections);
    this.closing = Promise.all(all.map((c) => c.shutdown(graceMs, reason))).then(() => {
      this.emit();
      this.listeners.clear();
    });
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new PoolError('POOL_CLOSED', 'the connection pool is closed');
  }

  private emit(): void {
    this.listeners.emit();
  }

  private hostFor(target: PoolTarget): HostEntry {
    checkTarget(target);
    const key = connectionKeyOf(target);
    const settings = this.settingsFor(key, target);
    const existing = this.hosts.get(key);
    if (!existing) {
      const entry = new HostEntry(key, settings, target, this.hooks);
      this.hosts.set(key, entry);
      return entry;
    }
    // Credentials may have changed (a new password typed); reconnects use the latest. So do new
    // connections with edited settings, and open ones with an edited keep-alive interval.
    const intervalChanged = existing.settings.keepaliveIntervalMs !== settings.keepaliveIntervalMs;
    existing.target = target;
    existing.settings = settings;
    if (intervalChanged) for (const c of existing.connections) c.keepaliveChanged();
    return existing;
  }

  /** The pool's options with the target's overrides, each checked. */
  private settingsFor(key: ConnectionKey, target: PoolTarget): HostSettings {
    const o = this.options;
    return {
      ...o,
      key,
      keepaliveIntervalMs: target.keepaliveIntervalMs === undefined ? o.keepaliveIntervalMs : checkKeepaliveInterval(target.keepaliveIntervalMs),
      keepaliveCountMax: target.keepaliveCountMax === undefined ? o.keepaliveCountMax : checkInteger('keepaliveCountMax', target.keepaliveCountMax),
      maxChannelsPerConnection:
        target.maxChannelsPerConnection === undefined ? o.maxChannelsPerConnection : checkInteger('maxChannelsPerConnection', target.maxChannelsPerConnection),
      maxConnectionsPerHost:
        target.maxConnectionsPerHost === undefined ? o.maxConnectionsPerHost : checkInteger('maxConnectionsPerHost', target.maxConnectionsPerHost),
    };
  }

  /** A key with no connection, no waiting request and no forward is dropped, and its credentials with it. */
  private forgetIfUnused(host: HostEntry): void {
    if (host.connections.length > 0 || host.forwards.size > 0 || this.waiters.some((w) => w.host === host)) return;
    if (this.hosts.get(host.key) === host) this.hosts.delete(host.key);
  }

  /** Reserves a session slot, opens the channel with `open`, and moves on when a server refuses it. */
  private async withSession<T>(
    target: PoolTarget,
    what: string,
    newConnection: boolean,
    open: (client: Client, conn: PooledConnection) => Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    for (let attempt = 0; ; attempt++) {
      // Looked up again each attempt: the entry is dropped whenever nothing is left of it.
      const host = this.hostFor(target);
      // A server refusing the channel on the new connection sends the retry through the usual placement.
      const conn = newConnection && attempt === 0 ? this.newConnection(host, 'session') : await this.acquire(host, 'session');
      let client: Client;
      try {
        client = await conn.whenReady();
      } catch (err) {
        conn.release('session');
        host.lastError = (err as Error).message;
        throw err;
      }
      try {
        const result = await open(client, conn);
        host.counters.channelOpens++;
        this.emit();
        return result;
      } catch (err) {
        // OpenSSH answers a session beyond MaxSessions with reason 2 and "open failed"; others use 1 or 4.
        if (classifySsh2Error(err).kind === 'channel-refused') {
          host.counters.channelOpenFailures++;
          // Release first: the sessions still held are what the server accepted.
          conn.release('session');
          conn.lowerCap();
          if (attempt < host.settings.maxConnectionsPerHost) continue;
          throw new PoolError('CHANNEL_REFUSED', `${host.key} refused to open a channel on every connection: ${(err as Error).message}`, host.key, { cause: err });
        }
        conn.release('session');
        if (err instanceof PoolError) throw err;
        const loss = conn.lastLoss;
        const cause = loss && loss.generation === conn.generation ? loss.error : (err as Error);
        throw new PoolError('CONNECTION_LOST', `${what} on ${host.key} failed: ${cause.message}`, host.key, { cause });
      }
    }
  }

  private acquire(host: HostEntry, kind: 'session' | 'tunnel'): Promise<PooledConnection> {
    this.assertOpen();
    const conn = this.tryReserve(host, kind);
    if (conn) return Promise.resolve(conn);
    return new Promise<PooledConnection>((resolve, reject) => {
      const waiter: Waiter = {
        host,
        kind,
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(this.exhausted(host));
          this.forgetIfUnused(host);
          this.emit();
        }, this.options.acquireTimeoutMs),
      };
      this.waiters.push(waiter);
      this.emit();
    });
  }

  private exhausted(host: HostEntry): PoolError {
    const n = host.connections.filter((c) => c.accepting).length;
    if (n < host.settings.maxConnectionsPerHost) {
      return new PoolError(
        'POOL_EXHAUSTED',
        `pool exhausted for ${host.key}: all ${this.options.maxConnections} connections (maxConnections) are busy`,
        host.key,
      );
    }
    return new PoolError(
      'POOL_EXHAUSTED',
      `pool exhausted for ${host.key} (${n} connections x ${host.settings.maxChannelsPerConnection} channels busy)`,
      host.key,
    );
  }

  /** Places a request on a connection with room (ready ones first), or a new one, or nothing. */
  private tryReserve(host: HostEntry, kind: 'session' | 'tunnel'): PooledConnection | undefined {
    const usable = host.connections.filter((c) => c.accepting);
    const ordered = [...usable.filter((c) => c.state === 'ready'), ...usable.filter((c) => c.state !== 'ready')];
    const fits = (c: PooledConnection): boolean => kind === 'tunnel' || c.sessions < c.cap;
    // Tunnels never wait for a slot, but still prefer an existing connection to a new handshake.
    const found = ordered.find(fits);
    if (found) {
      host.counters.reuses++;
      found.reserve(kind);
      return found;
    }
    if (usable.length >= host.settings.maxConnectionsPerHost) return undefined;
    if (this.liveConnections() >= this.options.maxConnections && !this.evictIdle()) return undefined;
    return this.createConnection(host, kind);
  }

  private liveConnections(): number {
    let n = 0;
    for (const h of this.hosts.values()) n += h.connections.filter((c) => c.accepting).length;
    return n;
  }

  /** Closes the least recently used connection without channels. False when there is none. */
  private evictIdle(): boolean {
    let victim: PooledConnection | undefined;
    for (const h of this.hosts.values()) {
      for (const c of h.connections) if (c.idle && (!victim || c.lastUsedAt < victim.lastUsedAt)) victim = c;
    }
    if (!victim) return false;
    void victim.shutdown(0, new PoolError('POOL_CLOSED', `idle connection to ${victim.key} closed to make room (maxConnections)`, victim.key));
    return true;
  }

  /** A connection opened on request even when others have room; refused when the host or the pool is full. */
  private newConnection(host: HostEntry, reserveFor?: 'session'): PooledConnection {
    const open = host.connections.filter((c) => c.accepting).length;
    const cap = host.settings.maxConnectionsPerHost;
    if (open >= cap) {
      throw new PoolError(
        'POOL_EXHAUSTED',
        `${host.key} already has ${open} connection${open === 1 ? '' : 's'}, its limit (maxConnectionsPerHost ${cap}): open the tab on an existing connection, or raise the host's limit`,
        host.key,
      );
    }
    if (this.liveConnections() >= this.options.maxConnections && !this.evictIdle()) {
      throw new PoolError('POOL_EXHAUSTED', `cannot open another connection to ${host.key}: all ${this.options.maxConnections} connections (maxConnections) are busy`, host.key);
    }
    return this.createConnection(host, reserveFor);
  }

  /** A new connection, already holding the slot it was made for, so observers never see it empty. */
  private createConnection(host: HostEntry, reserveFor?: 'session' | 'tunnel'): PooledConnection {
    const conn = new PooledConnection(`c${this.nextConnectionId++}`, host, this.ssh2);
    host.connections.push(conn);
    if (reserveFor) conn.reserve(reserveFor);
    conn.start();
    this.emit();
    return conn;
  }

  /** TCP with TCP_NODELAY (small packets are keystrokes), or a tunnel through the last jump hop. */
  private async openTransport(target: PoolTarget): Promise<Duplex> {
    const jump = target.jump ?? [];
    if (jump.length === 0) {
      const sock = tcpConnect({ host: target.host, port: target.port ?? 22 });
      sock.setNoDelay(true);
      return sock;
    }
    const hop = jump[jump.length - 1] as PoolTarget;
    const hopTarget: PoolTarget = { ...hop, jump: jump.slice(0, -1) };
    try {
      const tunnel = await this.openTunnel(hopTarget, target.host, target.port ?? 22);
      return tunnel.stream;
    } catch (err) {
      const hopKey = connectionKeyOf(hopTarget);
      // The hop's code is kept: a refused host key or failed login on a bastion is just as final
      // for the target, so its reconnects stop instead of asking about the bastion again and again.
      throw new PoolError(
        err instanceof PoolError ? err.code : 'CONNECT_FAILED',
        `cannot reach ${formatEndpoint(target)} through jump host ${hopKey}: ${(err as Error).message}`,
        connectionKeyOf(target),
        { cause: err },
      );
    }
  }

  /** Gives freed slots to waiting requests, oldest first. */
  private pump(): void {
    if (this.waiters.length === 0) return;
    for (let i = 0; i < this.waiters.length; ) {
      const w = this.waiters[i] as Waiter;
      const conn = this.tryReserve(w.host, w.kind);
      if (!conn) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      clearTimeout(w.timer);
      w.resolve(conn);
    }
    this.emit();
  }
}

function checkDimension(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new RangeError(`shell option ${name} must be an integer from 1 to 10000, got ${String(value)}`);
  }
  return value;
}

function checkTarget(target: PoolTarget): void {
  if (!target || typeof target !== 'object') throw new TypeError('target must be an object with host and username');
  if (typeof target.host !== 'string' || target.host.trim() === '') throw new TypeError('target.host must be a non-empty string');
  if (typeof target.username !== 'string' || target.username === '') throw new TypeError(`target.username must be a non-empty string (host ${target.host})`);
  if (target.port !== undefined && !(Number.isInteger(target.port) && target.port >= 1 && target.port <= 65535)) {
    throw new RangeError(`target.port must be an integer from 1 to 65535, got ${String(target.port)} (host ${target.host})`);
  }
  for (const hop of target.jump ?? []) checkTarget(hop);
}

/**
 * Gathers one exec channel's output and exit status into an ExecResult, enforcing timeout and
 * size. `kill` signals the remote command (SIGKILL) when either is exceeded.
 */
function collectExec(
  stream: ClientChannel,
  conn: PooledConnection,
  command: string,
  maxBuffer: number,
  opts: ExecOptions,
  kill: () => void,
): Promise<ExecResult> {
  const key = conn.key;
  const quoted = quoteCommand(command);
  const generation = conn.generation;
  let detach = (): void => undefined;
  const result = new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let code: number | null = null;
    let signal: string | null = null;
    let failure: Error | undefined;
    let timer: NodeJS.Timeout | undefined;
    const abort = (e: Error): void => {
      if (failure) return;
      failure = e;
      // Signal first so the remote command stops, then close: the connection stays usable.
      kill();
      stream.close();
      // The caller learns now; the slot is freed when the server confirms the close.
      clearTimeout(timer);
      reject(e);
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBuffer) {
        abort(new PoolError('EXEC_OUTPUT_LIMIT', `exec ${quoted} on ${key} produced more than ${maxBuffer} bytes of output (maxBufferBytes)`, key));
        return;
      }
      into.push(chunk);
    };
    stream.on('data', collect(out));
    stream.stderr.on('data', collect(err));
    stream.on('exit', (c: number | null, s?: string) => {
      code = c ?? null;
      signal = c === null || c === undefined ? (s ?? null) : null;
    });
    if (opts.timeoutMs !== undefined) {
      const ms = opts.timeoutMs;
      timer = setTimeout(() => abort(new PoolError('EXEC_TIMEOUT', `exec ${quoted} on ${key} timed out after ${ms} ms`, key)), ms);
    }
    stream.once('close', () => {
      clearTimeout(timer);
      detach();
      conn.release('session');
      const loss = conn.lastLoss;
      if (failure) return reject(failure);
      if (loss && loss.generation === generation) {
        return reject(new PoolError('CONNECTION_LOST', `exec ${quoted} on ${key} failed: ${loss.error.message}`, key, { cause: loss.error }));
      }
      if (code === null && signal === null) {
        return reject(new PoolError('CONNECTION_LOST', `exec ${quoted} on ${key} ended without an exit status`, key));
      }
      const stdoutBytes = Buffer.concat(out);
      const stderrBytes = Buffer.concat(err);
      resolve({ code, signal, stdout: stdoutBytes.toString('utf8'), stderr: stderrBytes.toString('utf8'), stdoutBytes, stderrBytes });
    });
    if (opts.stdin !== undefined) stream.end(opts.stdin);
    else stream.end();
  });
  detach = conn.attach({ inFlight: result, shutdown: () => stream.close() });
  return result;
}
