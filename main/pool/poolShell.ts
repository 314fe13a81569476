// A shell tab's channel on a pooled connection: bytes in and out, resize, and why it closed.
import type { ClientChannel } from 'ssh2';
import type { ConnectionKey } from '../../app/hosts.js';
import { Listeners } from '../../app/listeners.js';
import type { PoolError } from './poolError.js';
import type { ChannelOnLink, PooledConnection } from './pooledConnection.js';

export type ChannelCloseReason =
  /** The remote shell exited. */
  | { type: 'exit'; code: number }
  /** Signal name as Node spells it, e.g. SIGHUP. */
  | { type: 'signal'; signal: string }
  /** Closed by close(), or by the server without an exit status. */
  | { type: 'closed' }
  /**
   * The connection under the channel died. `restored` resolves true once it is back (reopen the
   * tab then), or with the error that ended the reconnecting (gave up, disconnected, pool closed).
   */
  | { type: 'connection-lost'; error: PoolError; restored: Promise<true | PoolError> }
  /** The server sent far more than a paused tab allows (it ignored SSH flow control): the pool closed the channel. */
  | { type: 'overrun'; message: string }
  /** pool.close() ended it. */
  | { type: 'pool-closed' }
  /** pool.disconnect() ended its connection (the person chose Disconnect, or deleted the host). */
  | { type: 'disconnected' };

export interface ShellOptions {
  cols: number;
  rows: number;
  /** TERM for the remote pty. Default xterm-256color. */
  term?: string;
  /** Environment sent with the session (the server applies only what its AcceptEnv allows). */
  env?: Record<string, string>;
}

/** Output held for a tab that has not started listening; beyond it the server is asked to wait. */
const PENDING_LIMIT = 1024 * 1024;

/**
 * What a paused tab may hold unread. The pool keeps a shell's SSH window small (shellWindowBytes),
 * but the 2 MiB ssh2 granted when the channel opened stand, so an honest server stops under 4 MiB
 * (with a pty, stderr comes merged into stdout). ssh2 refuses data only when the window is
 * exactly 0, so a server whose packets overshoot the window is never stopped by it; past this
 * limit the channel is closed instead.
 */
const PAUSED_HOLD_LIMIT = 4 * 1024 * 1024;

export class PoolShell implements ChannelOnLink {
  /** The pool's name for this channel: s1, s2, ... */
  readonly id: string;
  // A listener that throws must not reach ssh2's stream (and take the connection's other tabs with it).
  private readonly dataListeners = new Listeners<[Uint8Array]>();
  private readonly closeListeners = new Listeners<[ChannelCloseReason]>();
  /** Output that arrived before anyone listened. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private userPaused = false;
  private closeRequested = false;
  private poolClosing = false;
  /** Set when the server overran the paused tab: why the pool closed the channel. */
  private overrun: string | undefined;
  private reason: ChannelCloseReason | undefined;
  private readonly generation: number;
  private readonly detach: () => void;

  /** `grantWindow`: lets the server send again after a pause (the pool keeps a shell's SSH window small). */
  constructor(
    seq: number,
    private readonly stream: ClientChannel,
    private readonly conn: PooledConnection,
    private readonly grantWindow: () => void = () => undefined,
  ) {
    this.id = `s${seq}`;
    this.generation = conn.generation;
    // Always read, so ssh2 can report the close (it waits for the output to be consumed); output
    // is held until the first onData listener. With a pty the server merges stderr into stdout.
    stream.on('data', (chunk: Buffer) => this.received(chunk));
    stream.stderr.on('data', (chunk: Buffer) => this.received(chunk));
    // ssh2 passes a session's exit status to 'close' (code, or null and the signal), so no 'exit' listener is needed.
    stream.on('close', (code?: number | null, signal?: string) => this.closed(code, signal));
    this.detach = conn.attach(this);
  }

  get key(): ConnectionKey {
    return this.conn.key;
  }

  get connectionId(): string {
    return this.conn.id;
  }

  get isOpen(): boolean {
    return this.reason === undefined;
  }

  /** Shells are not waited for on pool.close(); only exec is. */
  get inFlight(): undefined {
    return undefined;
  }

  /** Sends keystrokes or pasted bytes. Returns false when the channel's buffer is full (flow control). */
  write(data: string | Uint8Array): boolean {
    if (this.reason) return false;
    return this.stream.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.reason) return;
    this.stream.setWindow(rows, cols, 0, 0);
  }

  close(): void {
    if (this.reason || this.closeRequested) return;
    this.closeRequested = true;
    this.dropPending();
    this.stream.close();
    // Unread output would hold back ssh2's close event; the tab is going away, so let it drain.
    this.flow();
  }

  /** Stops reading from the server (the server then stops sending once the SSH window is used up). */
  pause(): void {
    this.userPaused = true;
    this.stream.pause();
    this.stream.stderr.pause();
  }

  resume(): void {
    this.userPaused = false;
    if (this.dataListeners.size > 0) this.flow();
  }

  onData(cb: (data: Uint8Array) => void): () => void {
    const unsubscribe = this.dataListeners.add(cb);
    if (this.dataListeners.size === 1 && this.pending.length > 0) {
      const held = this.pending;
      this.dropPending();
      for (const chunk of held) this.dataListeners.emit(chunk);
      if (!this.userPaused) this.flow();
    }
    return unsubscribe;
  }

  onClose(cb: (reason: ChannelCloseReason) => void): () => void {
    const reason = this.reason;
    if (reason) {
      queueMicrotask(() => cb(reason));
      return () => undefined;
    }
    return this.closeListeners.add(cb);
  }

  /** pool.close(): EOF, then close. */
  shutdown(): void {
    this.poolClosing = true;
    this.stream.end();
    this.stream.close();
    this.flow();
  }

  /** ssh2 reports a channel's close only once its output is read; a paused tab must still learn of the loss. */
  linkLost(): void {
    this.flow();
  }

  /** After every read of the link: a server that overran this paused tab gets its channel closed. */
  transportRead(): void {
    if (this.reason || this.overrun !== undefined) return;
    const held = this.stream.readableLength + this.stream.stderr.readableLength;
    if (held <= PAUSED_HOLD_LIMIT) return;
    this.overrun =
      `${this.conn.key} sent more than ${PAUSED_HOLD_LIMIT / (1024 * 1024)} MiB to a paused tab, ignoring SSH flow control; ` +
      'the tab was closed to keep the memory in bounds';
    this.dropPending();
    this.stream.close();
    // What ssh2 holds is dropped as it flows (received() ignores it now), and ssh2 can report the close.
    this.flow();
  }

  private flow(): void {
    this.stream.resume();
    this.stream.stderr.resume();
    this.grantWindow();
  }

  private dropPending(): void {
    this.pending = [];
    this.pendingBytes = 0;
  }

  private received(chunk: Buffer): void {
    if (this.overrun !== undefined) return;
    if (this.dataListeners.size > 0) {
      this.dataListeners.emit(chunk);
      return;
    }
    if (this.closeRequested) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes > PENDING_LIMIT) {
      this.stream.pause();
      this.stream.stderr.pause();
    }
  }

  private closed(code?: number | null, signal?: string): void {
    if (this.reason) return;
    const loss = this.conn.lastLoss;
    let reason: ChannelCloseReason;
    if (this.poolClosing) reason = this.conn.shutdownReason?.code === 'DISCONNECTED' ? { type: 'disconnected' } : { type: 'pool-closed' };
    else if (this.overrun !== undefined) reason = { type: 'overrun', message: this.overrun };
    else if (this.closeRequested) reason = { type: 'closed' };
    else if (typeof code === 'number') reason = { type: 'exit', code };
    else if (signal) reason = { type: 'signal', signal };
    else if (loss && loss.generation === this.generation) reason = { type: 'connection-lost', error: loss.error, restored: loss.restored };
    else reason = { type: 'closed' };
    this.reason = reason;
    this.detach();
    this.conn.release('session');
    this.dataListeners.clear();
    this.dropPending();
    // onClose from here on answers from this.reason, so no listener joins during this emit.
    this.closeListeners.emit(reason);
    this.closeListeners.clear();
  }
}
