// A shell tab's channel on a pooled connection: bytes in and out, resize, and why it closed.
import type { ClientChannel } from 'ssh2';
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

// Bits of PoolShell.flags: one small integer instead of an 8-byte field per boolean.
const USER_PAUSED = 1;
const CLOSE_REQUESTED = 2;
const POOL_CLOSING = 4;
/** received() is walking dataListeners: a listener added meanwhile must go into that array. */
const DISPATCHING = 8;

/**
 * The stream's listeners are shared functions that find their shell through this property, so
 * a tab costs no closures of its own: people keep dozens of tabs open for days.
 */
const OWNER = Symbol('PoolShell');
type Owned = { [OWNER]?: PoolShell };

function onStreamData(this: Owned, chunk: Buffer): void {
  this[OWNER]?.received(chunk);
}
/**
 * stderr reaches its shell through the channel (ssh2's ClientStderr keeps it in _channel) rather
 * than a property of its own: ssh2 objects have no spare room once exec channels have been made,
 * so each added property costs a 40-byte backing store.
 */
function onStderrData(this: { _channel: Owned }, chunk: Buffer): void {
  this._channel[OWNER]?.received(chunk);
}
/** ssh2 passes a session's exit status to 'close' (code, or null and the signal), so no 'exit' listener is needed. */
function onStreamClose(this: Owned, code?: number | null, signal?: string): void {
  this[OWNER]?.closed(code, signal);
}

export class PoolShell implements ChannelOnLink {
  /**
   * Listener lists are built at their exact length ([cb], concat): a push onto an empty or short
   * array reserves 16 spare slots, 128 bytes per list per tab.
   */
  private dataListeners: Array<(data: Uint8Array) => void> | undefined;
  private closeListeners: Array<(reason: ChannelCloseReason) => void> | undefined;
  /** Output that arrived before anyone listened, with its size; one field, as most tabs never need it. */
  private pending: { chunks: Buffer[]; bytes: number } | undefined;
  private flags = 0;
  private reason: ChannelCloseReason | undefined;
  private readonly generation: number;

  /**
   * @param seq the pool's channel number; the id string is made when asked for, not kept in
   *   every tab (24 bytes each).
   */
  constructor(
    private readonly seq: number,
    private readonly stream: ClientChannel,
    private readonly conn: PooledConnection,
  ) {
    this.generation = conn.generation;
    (stream as Owned)[OWNER] = this;
    // Always read, so ssh2 can report the close (it waits for the output to be consumed); output
    // is held until the first onData listener. With a pty the server merges stderr into stdout.
    stream.on('data', onStreamData);
    stream.stderr.on('data', onStderrData);
    stream.on('close', onStreamClose);
    conn.attach(this);
  }

  /** The pool's name for this channel: s1, s2, ... */
  get id(): string {
    return `s${this.seq}`;
  }

  get key(): string {
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
    if (this.reason || this.flags & CLOSE_REQUESTED) return;
    this.flags |= CLOSE_REQUESTED;
    this.pending = undefined;
    this.stream.close();
    // Unread output would hold back ssh2's close event; the tab is going away, so let it drain.
    this.stream.resume();
  }

  /** Stops reading from the server (the server then stops sending once the SSH window is used up). */
  pause(): void {
    this.flags |= USER_PAUSED;
    this.stream.pause();
  }

  resume(): void {
    this.flags &= ~USER_PAUSED;
    if (this.dataListeners?.length) this.stream.resume();
  }

  onData(cb: (data: Uint8Array) => void): () => void {
    let listeners = this.dataListeners;
    if (!listeners) listeners = this.dataListeners = [cb];
    // In place only while received() walks the array, so that walk still reaches the newcomer.
    else if (this.flags & DISPATCHING) listeners.push(cb);
    else listeners = this.dataListeners = listeners.concat([cb]);
    if (listeners.length === 1 && this.pending) {
      const held = this.pending;
      this.pending = undefined;
      for (const chunk of held.chunks) cb(chunk);
      if (!(this.flags & USER_PAUSED)) this.stream.resume();
    }
    return () => remove(this.dataListeners, cb);
  }

  onClose(cb: (reason: ChannelCloseReason) => void): () => void {
    const reason = this.reason;
    if (reason) {
      queueMicrotask(() => cb(reason));
      return () => undefined;
    }
    // Never walked while it changes: closed() detaches the list before calling it.
    const listeners = this.closeListeners;
    this.closeListeners = listeners ? listeners.concat([cb]) : [cb];
    return () => remove(this.closeListeners, cb);
  }

  /** pool.close(): EOF, then close. */
  shutdown(): void {
    this.flags |= POOL_CLOSING;
    this.stream.end();
    this.stream.close();
    this.stream.resume();
  }

  /** ssh2 reports a channel's close only once its output is read; a paused tab must still learn of the loss. */
  linkLost(): void {
    this.stream.resume();
  }

  /** @internal stream listener */
  received(chunk: Buffer): void {
    const listeners = this.dataListeners;
    if (listeners && listeners.length > 0) {
      const nested = this.flags & DISPATCHING;
      this.flags |= DISPATCHING;
      try {
        for (const listener of listeners) listener(chunk);
      } finally {
        if (!nested) this.flags &= ~DISPATCHING;
      }
      return;
    }
    if (this.flags & CLOSE_REQUESTED) return;
    const held = (this.pending ??= { chunks: [], bytes: 0 });
    held.chunks.push(chunk);
    held.bytes += chunk.length;
    if (held.bytes > PENDING_LIMIT) this.stream.pause();
  }

  /** @internal stream listener */
  closed(code?: number | null, signal?: string): void {
    if (this.reason) return;
    const loss = this.conn.lastLoss;
    let reason: ChannelCloseReason;
    if (this.flags & POOL_CLOSING) reason = this.conn.shutdownReason?.code === 'DISCONNECTED' ? { type: 'disconnected' } : { type: 'pool-closed' };
    else if (this.flags & CLOSE_REQUESTED) reason = { type: 'closed' };
    else if (typeof code === 'number') reason = { type: 'exit', code };
    else if (signal) reason = { type: 'signal', signal };
    else if (loss && loss.generation === this.generation) reason = { type: 'connection-lost', error: loss.error, restored: loss.restored };
    else reason = { type: 'closed' };
    this.reason = reason;
    this.conn.detach(this);
    this.conn.release('session');
    const listeners = this.closeListeners ?? [];
    this.closeListeners = undefined;
    this.dataListeners = undefined;
    this.pending = undefined;
    for (const cb of listeners) cb(reason);
  }
}

function remove<T>(list: T[] | undefined, item: T): void {
  const i = list?.indexOf(item) ?? -1;
  if (i >= 0) list?.splice(i, 1);
}
