// One pooled SSH link: connect, keep-alive with round trips, loss detection, reconnect with backoff, idle close.
import type { Duplex } from 'node:stream';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import type { ConnectionHealth, ConnectionState, ConnectStage, HostCounters } from '../../app/health.js';
import type { ConnectionKey } from '../../app/hosts.js';
import { orderHostKeyAlgorithms } from './orderHostKeyAlgorithms.js';
import { classifySsh2Error } from './classifySsh2Error.js';
import { PoolError } from './poolError.js';
import { reconnectDelayMs, type PoolOptions } from './poolOptions.js';
import type { PoolTarget } from './poolTarget.js';
import type { Ssh2Internals } from './ssh2Internals.js';
import { parsePrivateKey, sshHandshake } from './sshHandshake.js';

/** Settings of one pool key: the pool's options with the target's overrides applied. */
export interface HostSettings extends PoolOptions {
  key: ConnectionKey;
}

/** A channel living on a connection, told when the link goes away. */
export interface ChannelOnLink {
  /** EOF and close, used by pool.close(). */
  shutdown(): void;
  /** Exec channels are waited for on pool.close(); shells are not. */
  readonly inFlight: Promise<unknown> | undefined;
  /** The link under the channel died; ssh2 will close the channel once its output is read. */
  linkLost?(): void;
  /** ssh2 has just handled bytes the link read: a channel checks what it now holds unread. */
  transportRead?(): void;
}

/** How a link was lost, shared by every channel that was on it. */
export interface LinkLoss {
  generation: number;
  error: PoolError;
  /**
   * Resolves true when the connection is back (reopen the tab), or with the error that ended it
   * instead: the pool gave up reconnecting (and why), or was closed or disconnected meanwhile.
   */
  restored: Promise<true | PoolError>;
}

/**
 * What a connection needs from the pool: one object per pool key, shared by its connections, so a
 * connection carries no callbacks of its own.
 */
export interface ConnectionOwner {
  readonly settings: HostSettings;
  /** The latest credentials: a reconnect logs in with what the person saved last. */
  readonly target: PoolTarget;
  readonly counters: HostCounters;
  /** A fresh transport to the host: TCP with TCP_NODELAY, or a tunnel through the jump chain. */
  openTransport(): Promise<Duplex>;
  connectionChanged(conn: PooledConnection): void;
  /** The connection reached closed or failed and leaves the pool. */
  connectionRemoved(conn: PooledConnection): void;
  /** Session slots or idleness changed: waiting requests may proceed. */
  slotsChanged(): void;
}

/** Errors that another attempt cannot fix, so reconnecting stops at once. */
const FINAL_ERRORS = new Set(['AUTH_FAILED', 'HOST_KEY_REFUSED', 'KEY_UNUSABLE', 'PROMPT_TIMEOUT']);

/**
 * How long a revalidation waits for its keep-alive (or a few round trips, if longer). A live link
 * answers in one round trip; this decides how soon a tab on a dead one is back after a wake.
 */
const REVALIDATE_DEADLINE_MS = 1000;

/** A promise settled from outside. */
class Deferred<T> {
  readonly promise: Promise<T>;
  resolve: (value: T) => void = () => undefined;
  reject: (err: Error) => void = () => undefined;
  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody may be waiting when a connection fails; that must not be an unhandled rejection.
    this.promise.catch(() => undefined);
  }
}

export class PooledConnection {
  readonly key: ConnectionKey;
  state: ConnectionState = 'connecting';
  /** Session slots reserved: open channels plus opens in progress. */
  sessions = 0;
  tunnels = 0;
  cap: number;
  rttMs: number | null = null;
  keepaliveMisses = 0;
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  reconnectAttempt = 0;
  /** Where the running (re)connect attempt is, 'ready' once logged in; null while no attempt runs. */
  stage: ConnectStage | null = 'tcp';
  /** The login method being tried while authenticating. */
  authMethod: string | null = null;
  /** Epoch ms of the next reconnect attempt while one is scheduled. */
  nextAttemptAt: number | null = null;
  lastError: string | null = null;
  /** Increases with every established link; channels remember the one they were opened on. */
  generation = 0;
  lastLoss: LinkLoss | undefined;
  /** Why shutdown() ends this connection: pool.close(), pool.disconnect() or idleness. */
  shutdownReason: PoolError | undefined;

  private client: Client | undefined;
  /** A TCP socket counts the bytes it carried; a tunnel channel through a jump host does not. */
  private sock: (Duplex & { bytesRead?: number; bytesWritten?: number }) | undefined;
  private ready = new Deferred<Client>();
  private restored: Deferred<true | PoolError> | undefined;
  private readonly channels = new Set<ChannelOnLink>();
  private keepaliveTimer: NodeJS.Timeout | undefined;
  /** The keep-alive probe awaiting its answer: when it was sent, and the socket's bytesRead then. */
  private probeSentAt: number | undefined;
  private bytesAtProbe = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Set just before we destroy the socket ourselves, so the loss names the real cause. */
  private pendingLossError: PoolError | undefined;
  /** The next reconnect skips its backoff: the link was just found dead after a wake, not failing again and again. */
  private reconnectAtOnce = false;
  /** The revalidation probe awaiting its answer; settle() ends the wait early (shutdown). */
  private revalidation: { done: Promise<void>; settle: () => void } | undefined;
  private bytesInBefore = 0;
  private bytesOutBefore = 0;

  constructor(
    readonly id: string,
    private readonly owner: ConnectionOwner,
    private readonly ssh2: Ssh2Internals,
  ) {
    this.key = owner.settings.key;
    this.cap = owner.settings.maxChannelsPerConnection;
  }

  /** Accepts new channels (possibly after it finishes connecting). */
  get accepting(): boolean {
    return this.state === 'connecting' || this.state === 'ready' || this.state === 'reconnecting';
  }

  get idle(): boolean {
    return this.state === 'ready' && this.sessions === 0 && this.tunnels === 0;
  }

  start(): void {
    void this.attempt();
  }

  /** The authenticated client, once the link is (re)established. */
  whenReady(): Promise<Client> {
    return this.ready.promise;
  }

  reserve(kind: 'session' | 'tunnel'): void {
    if (kind === 'session') this.sessions++;
    else this.tunnels++;
    this.lastUsedAt = Date.now();
    this.clearIdle();
    this.owner.connectionChanged(this);
  }

  release(kind: 'session' | 'tunnel'): void {
    if (kind === 'session') this.sessions = Math.max(0, this.sessions - 1);
    else this.tunnels = Math.max(0, this.tunnels - 1);
    this.lastUsedAt = Date.now();
    this.armIdle();
    this.owner.connectionChanged(this);
    this.owner.slotsChanged();
  }

  /** The server refused a session: it accepts no more than the ones still held. */
  lowerCap(): void {
    this.cap = Math.min(this.cap, this.sessions);
    this.owner.connectionChanged(this);
  }

  /** Returns the function that detaches the channel again. */
  attach(channel: ChannelOnLink): () => void {
    this.channels.add(channel);
    return () => this.channels.delete(channel);
  }

  health(): ConnectionHealth {
    const sock = this.sock;
    return {
      id: this.id,
      state: this.state,
      channels: this.sessions,
      channelCap: this.cap,
      tunnels: this.tunnels,
      rttMs: this.rttMs,
      keepaliveMisses: this.keepaliveMisses,
      keepalive: this.owner.settings.keepaliveIntervalMs === 0 ? null : { intervalMs: this.owner.settings.keepaliveIntervalMs, countMax: this.owner.settings.keepaliveCountMax },
      bytesIn: this.bytesInBefore + (sock?.bytesRead ?? 0),
      bytesOut: this.bytesOutBefore + (sock?.bytesWritten ?? 0),
      createdAt: this.createdAt,
      lastUsedAt: this.lastUsedAt,
      stage: this.stage,
      authMethod: this.authMethod,
      reconnectAttempt: this.reconnectAttempt,
      reconnectAttempts: this.owner.settings.reconnect.attempts,
      nextAttemptAt: this.nextAttemptAt,
      lastError: this.lastError,
    };
  }

  /** Graceful close: EOF to channels, wait for exec up to graceMs, SSH disconnect, socket closed. */
  async shutdown(graceMs: number, reason: PoolError): Promise<void> {
    if (this.state === 'closed' || this.state === 'failed') return;
    const wasLive = this.state === 'ready';
    this.state = 'closing';
    this.shutdownReason = reason;
    this.clearTimers();
    this.ready.reject(reason);
    this.restored?.resolve(reason);
    this.owner.connectionChanged(this);
    if (wasLive && this.client) {
      const inFlight = [...this.channels].map((c) => c.inFlight).filter((p): p is Promise<unknown> => p !== undefined);
      for (const c of this.channels) if (!c.inFlight) c.shutdown();
      if (inFlight.length > 0) await waitAtMost(Promise.allSettled(inFlight), graceMs);
      for (const c of this.channels) c.shutdown();
      const sock = this.sock;
      const closed = sock ? new Promise<void>((res) => (sock.destroyed ? res() : sock.once('close', () => res()))) : Promise.resolve();
      this.client.end(); // sends SSH_MSG_DISCONNECT
      if (!(await waitAtMost(closed, 1000))) sock?.destroy();
      await closed;
    } else {
      this.sock?.destroy();
    }
    this.finish('closed');
  }

  /** A reconnect waiting out its backoff starts now (the person pressed Retry). False when none is waiting. */
  retryNow(): boolean {
    if (this.state !== 'reconnecting' || this.reconnectTimer === undefined) return false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    void this.attempt();
    return true;
  }

  private async attempt(): Promise<void> {
    this.owner.counters.handshakes++;
    this.nextAttemptAt = null;
    this.stageChanged('tcp', null);
    // The target as it is now: a password or key saved meanwhile is used by the next attempt.
    const target = this.owner.target;
    let sock: Duplex;
    let client: Client;
    try {
      // A key that cannot be decrypted fails here, before a socket or a jump-host tunnel is opened.
      const privateKey = parsePrivateKey(this.key, target);
      const serverHostKeyAlgorithms = await this.hostKeyAlgorithms();
      sock = await this.owner.openTransport();
      if (!this.accepting) {
        sock.destroy();
        return;
      }
      client = await sshHandshake({
        key: this.key,
        target,
        privateKey,
        sock,
        readyTimeoutMs: this.owner.settings.readyTimeoutMs,
        promptTimeoutMs: this.owner.settings.promptTimeoutMs,
        verifyHostKey: this.owner.settings.verifyHostKey,
        serverHostKeyAlgorithms,
        answerPrompts: this.owner.settings.answerPrompts,
        onStage: this.stageChanged.bind(this),
      });
    } catch (err) {
      this.attemptFailed(asPoolError(err, this.key));
      return;
    }
    if (!this.accepting) {
      client.on('error', () => undefined);
      client.end();
      return;
    }
    this.established(client, sock);
  }

  /** Known key types first (see orderHostKeyAlgorithms); ssh2's default when none are known. */
  private async hostKeyAlgorithms(): Promise<ServerHostKeyAlgorithm[] | undefined> {
    const lookup = this.owner.settings.knownHostKeyTypes;
    if (!lookup) return undefined;
    const { host, port = 22 } = this.owner.target;
    let known: readonly string[];
    try {
      known = await lookup(host, port);
    } catch {
      // Only a preference: the host-key check reads the same files and names what is wrong.
      return undefined;
    }
    return known.length > 0 ? orderHostKeyAlgorithms(known) : undefined;
  }

  private established(client: Client, sock: Duplex): void {
    const wasReconnect = this.state === 'reconnecting';
    this.client = client;
    this.sock = sock;
    this.generation++;
    this.state = 'ready';
    this.keepaliveMisses = 0;
    this.reconnectAttempt = 0;
    this.stage = 'ready';
    this.authMethod = null;
    this.lastUsedAt = Date.now();
    if (wasReconnect) this.owner.counters.reconnects++;
    const generation = this.generation;
    let socketError: Error | undefined;
    // Errors surface here and in 'close'; ssh2's own 'error' must have a listener or it would throw.
    // ssh2 re-emits every socket 'error' on the client, so this one listener sees those too.
    client.on('error', (err) => (socketError ??= err));
    client.once('close', () => this.linkLost(generation, socketError));
    // ssh2's own 'data' listener came first, so the bytes have reached their channels by now.
    sock.on('data', () => {
      for (const c of this.channels) c.transportRead?.();
    });
    this.startKeepalive();
    this.ready.resolve(client);
    this.restored?.resolve(true);
    this.restored = undefined;
    this.armIdle();
    this.owner.connectionChanged(this);
    this.owner.slotsChanged();
  }

  private linkLost(generation: number, socketError: Error | undefined): void {
    // Only this generation's first 'close' counts: linkLost clears this.client, established sets it.
    if (generation !== this.generation || !this.client) return;
    this.stopKeepalive();
    const sock = this.sock;
    this.bytesInBefore += sock?.bytesRead ?? 0;
    this.bytesOutBefore += sock?.bytesWritten ?? 0;
    this.client = undefined;
    this.sock = undefined;
    if (this.state === 'closing' || this.state === 'closed') return;
    const error = this.pendingLossError ?? describeLoss(this.key, socketError);
    this.pendingLossError = undefined;
    this.lastError = error.message;
    this.owner.counters.errors++;
    const carried = this.channels.size > 0 || this.sessions > 0 || this.tunnels > 0;
    const policy = this.owner.settings.reconnect;
    if (!carried || policy.attempts === 0) {
      this.lastLoss = { generation, error, restored: Promise.resolve(error) };
      for (const c of this.channels) c.linkLost?.();
      this.ready.reject(error);
      this.finish(carried ? 'failed' : 'closed');
      return;
    }
    this.state = 'reconnecting';
    this.ready = new Deferred<Client>();
    this.restored = new Deferred<true | PoolError>();
    // Channels learn of the loss through lastLoss when ssh2 closes their streams right after this.
    this.lastLoss = { generation, error, restored: this.restored.promise };
    for (const c of this.channels) c.linkLost?.();
    this.channels.clear();
    this.scheduleReconnect();
    this.owner.connectionChanged(this);
  }

  private attemptFailed(error: PoolError): void {
    this.lastError = error.message;
    this.owner.counters.errors++;
    if (this.state === 'reconnecting' && !FINAL_ERRORS.has(error.code) && this.reconnectAttempt < this.owner.settings.reconnect.attempts) {
      this.scheduleReconnect();
      this.owner.connectionChanged(this);
      return;
    }
    if (this.state !== 'connecting' && this.state !== 'reconnecting') return;
    const giveUp =
      this.state === 'reconnecting'
        ? new PoolError(
            // A final cause (a refused host key) keeps its code, so whoever waits on this link stops too.
            FINAL_ERRORS.has(error.code) ? error.code : 'CONNECTION_LOST',
            `gave up reconnecting to ${this.key} after ${this.reconnectAttempt} attempts: ${error.message}`,
            this.key,
            { cause: error },
          )
        : error;
    this.lastError = giveUp.message;
    this.ready.reject(giveUp);
    this.restored?.resolve(giveUp);
    this.finish('failed');
  }

  /** Each step of an attempt is a pool change, so a tab can say what it waits for. */
  private stageChanged(stage: ConnectStage, authMethod: string | null): void {
    if (this.stage === stage && this.authMethod === authMethod) return;
    this.stage = stage;
    this.authMethod = authMethod;
    this.owner.connectionChanged(this);
  }

  private scheduleReconnect(): void {
    this.reconnectAttempt++;
    const { reconnect, random } = this.owner.settings;
    const delay = this.reconnectAtOnce ? 0 : reconnectDelayMs(reconnect, this.reconnectAttempt, random);
    this.reconnectAtOnce = false;
    this.stage = null;
    this.authMethod = null;
    this.nextAttemptAt = Date.now() + delay;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.state === 'reconnecting') void this.attempt();
    }, delay);
  }

  /**
   * Keep-alive through OpenSSH's keepalive@openssh.com global request, timed so rttMs is real.
   * A probe unanswered by the next tick is a miss, unless other bytes arrived meanwhile (a busy
   * link is alive); countMax misses in a row declare the link dead at (countMax + 1) intervals.
   * Interval 0 is "off" (ServerAliveInterval 0): no timer, and a dead link is noticed only by TCP.
   */
  private startKeepalive(): void {
    this.probeSentAt = undefined;
    this.bytesAtProbe = 0;
    const interval = this.owner.settings.keepaliveIntervalMs;
    if (interval === 0) return;
    this.keepaliveTimer = setInterval(() => this.keepaliveTick(), interval);
    this.keepaliveTimer.unref();
  }

  /** The host's keep-alive settings were edited: a live link runs on the new interval from now. */
  keepaliveChanged(): void {
    if (this.state !== 'ready' || !this.client) return;
    this.stopKeepalive();
    this.startKeepalive();
    this.owner.connectionChanged(this);
  }

  /** Runs only while keepaliveTimer is set, which is while this.client and this.sock are the live link. */
  private keepaliveTick(): void {
    const sock = this.sock as Duplex & { bytesRead?: number };
    const { keepaliveIntervalMs: interval, keepaliveCountMax: countMax } = this.owner.settings;
    if (this.probeSentAt !== undefined) {
      if ((sock.bytesRead ?? 0) > this.bytesAtProbe) {
        this.bytesAtProbe = sock.bytesRead ?? 0;
      } else {
        this.keepaliveMisses++;
        this.owner.connectionChanged(this);
        if (this.keepaliveMisses >= countMax) {
          this.pendingLossError = new PoolError(
            'CONNECTION_LOST',
            `${this.key} did not answer ${countMax} keep-alives in ${((countMax + 1) * interval) / 1000} s; the link is dead`,
            this.key,
          );
          sock.destroy();
          return;
        }
      }
    }
    const bytesRead = sock.bytesRead ?? 0;
    if (!this.sendProbe((rttMs) => this.probeAnswered(rttMs))) return;
    if (this.probeSentAt === undefined) {
      this.probeSentAt = performance.now();
      this.bytesAtProbe = bytesRead;
    }
  }

  /**
   * One keep-alive request on the live link; `answered` gets the round trip if the server replies
   * on that same link (success or failure both prove it alive). False when it could not be sent.
   */
  private sendProbe(answered: (rttMs: number) => void): boolean {
    const client = this.client;
    if (!client) return false;
    const t0 = performance.now();
    const generation = this.generation;
    this.ssh2.ping(client, (replied) => {
      // A reply never reaches a later link's fields: the link it was sent on must still be the live one.
      if (!replied || generation !== this.generation || !this.client) return;
      answered(Math.round((performance.now() - t0) * 100) / 100);
    });
    return true;
  }

  private probeAnswered(rttMs: number): void {
    this.rttMs = rttMs;
    this.keepaliveMisses = 0;
    this.probeSentAt = undefined;
    this.owner.connectionChanged(this);
  }

  /**
   * After a wake from sleep or a network change every link is suspect: one keep-alive with a short
   * deadline tells a live link from a dead one now, instead of in (countMax + 1) intervals. A dead
   * link is closed and, carrying channels, reconnected without backoff; one already waiting to
   * reconnect tries at once. Hosts with keep-alives off are left alone: their server may not
   * answer them, and the person chose TCP alone to judge the link.
   */
  revalidate(): Promise<void> {
    if (this.retryNow()) return Promise.resolve();
    if (this.state !== 'ready' || !this.sock || this.owner.settings.keepaliveIntervalMs === 0) return Promise.resolve();
    if (this.revalidation) return this.revalidation.done;
    const sock = this.sock as Duplex & { bytesRead?: number };
    const bytesBefore = sock.bytesRead ?? 0;
    const deadlineMs = Math.max(REVALIDATE_DEADLINE_MS, Math.round(4 * (this.rttMs ?? 0)));
    let resolveDone = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const settle = (): void => {
      clearTimeout(timer);
      if (this.revalidation?.done === done) this.revalidation = undefined;
      resolveDone();
    };
    const expired = (): void => {
      if (this.revalidation?.done !== done) return; // answered, or shut down, meanwhile
      settle();
      // Any byte since the probe (an answer, or output) proves the link alive.
      if (this.sock !== sock || (sock.bytesRead ?? 0) > bytesBefore) return;
      this.pendingLossError = new PoolError(
        'CONNECTION_LOST',
        `${this.key} did not answer a keep-alive within ${deadlineMs} ms after a wake from sleep or a network change; the link is dead`,
        this.key,
      );
      this.reconnectAtOnce = true;
      sock.destroy();
    };
    // Judged after one more turn of the event loop: a process that just woke may run this timer
    // before it reads an answer already waiting in the socket.
    const timer = setTimeout(() => setImmediate(expired), deadlineMs);
    timer.unref();
    this.revalidation = { done, settle };
    const sent = this.sendProbe((rttMs) => {
      settle();
      this.probeAnswered(rttMs);
    });
    if (!sent) settle();
    return done;
  }

  private stopKeepalive(): void {
    clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
  }

  private armIdle(): void {
    this.clearIdle();
    if (!this.idle) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.idle) void this.shutdown(0, new PoolError('POOL_CLOSED', `idle connection to ${this.key} closed`, this.key));
    }, this.owner.settings.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private clearTimers(): void {
    this.stopKeepalive();
    this.revalidation?.settle();
    this.clearIdle();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private finish(state: 'closed' | 'failed'): void {
    this.clearTimers();
    this.state = state;
    this.stage = null;
    this.authMethod = null;
    this.nextAttemptAt = null;
    this.channels.clear();
    this.owner.connectionChanged(this);
    this.owner.connectionRemoved(this);
  }
}

function asPoolError(err: unknown, key: string): PoolError {
  if (err instanceof PoolError) return err;
  const e = err as Error;
  return new PoolError('CONNECT_FAILED', `SSH connection to ${key} failed: ${e?.message ?? String(err)}`, key, { cause: err });
}

function describeLoss(key: string, err: Error | undefined): PoolError {
  if (err && classifySsh2Error(err).kind === 'connection-reset') return new PoolError('CONNECTION_LOST', `connection to ${key} was reset`, key, { cause: err });
  if (err) return new PoolError('CONNECTION_LOST', `connection to ${key} was lost: ${err.message}`, key, { cause: err });
  return new PoolError('CONNECTION_LOST', `${key} closed the connection`, key);
}

/** True if `p` settled within ms. */
async function waitAtMost(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((res) => {
    timer = setTimeout(() => res(false), ms);
  });
  const result = await Promise.race([p.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}
