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
  /** The connection under the channel died. `restored` resolves true once it is back: reopen the tab then. */
  | { type: 'connection-lost'; error: PoolError; restored: Promise<boolean> }
  /** pool.close() ended it. */
  | { type: 'pool-closed' };

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
 * The stream's listeners are shared functions that find their shell through this property, so
 * a tab costs no closures of its own: people keep dozens of tabs open for days.
 */
const OWNER = Symbol('PoolShell');
type Owned = { [OWNER]?: PoolShell };

function onStreamData(this: Owned, chunk: Buffer): void {
  this[OWNER]?.received(chunk);
}
/** ssh2 passes a session's exit status to 'close' (code, or null and the signal), so no 'exit' listener is needed. */
function onStreamClose(this: Owned, code?: number | null, signal?: string): void {
  this[OWNER]?.closed(code, signal);
}

export class PoolShell implements ChannelOnLink {
  private dataListeners: Array<(data: Uint8Array) => void> | undefined;
  private closeListeners: Array<(reason: ChannelCloseReason) => void> | undefined;
  /** Output that arrived before anyone listened. */
  private pending: Buffer[] | undefined;
  private pendingBytes = 0;
  private userPaused = false;
  private closeRequested = false;
  private poolClosing = false;
  private reason: ChannelCloseReason | undefined;
  private readonly generation: number;

  constructor(
    readonly id: string,
    private readonly stream: ClientChannel,
    private readonly conn: PooledConnection,
  ) {
    this.generation = conn.generation;
    (stream as Owned)[OWNER] = this;
    (stream.stderr as Owned)[OWNER] = this;
    // Always read, so ssh2 can report the close (it waits for the output to be consumed); output
    // is held until the first onData listener. With a pty the server merges stderr into stdout.
    stream.on('data', onStreamData);
    stream.stderr.on('data', onStreamData);
    stream.on('close', onStreamClose);
    conn.attach(this);
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
    if (this.reason || this.closeRequested) return;
    this.closeRequested = true;
    this.pending = undefined;
    this.stream.close();
    // Unread output would hold back ssh2's close event; the tab is going away, so let it drain.
    this.stream.resume();
  }

  /** Stops reading from the server (the server then stops sending once the SSH window is used up). */
  pause(): void {
    this.userPaused = true;
    this.stream.pause();
  }

  resume(): void {
    this.userPaused = false;
    if (this.dataListeners?.length) this.stream.resume();
  }

  onData(cb: (data: Uint8Array) => void): () => void {
    const listeners = (this.dataListeners ??= []);
    listeners.push(cb);
    if (listeners.length === 1 && this.pending) {
      const held = this.pending;
      this.pending = undefined;
      this.pendingBytes = 0;
      for (const chunk of held) cb(chunk);
      if (!this.userPaused) this.stream.resume();
    }
    return () => remove(this.dataListeners, cb);
  }

  onClose(cb: (reason: ChannelCloseReason) => void): () => void {
    const reason = this.reason;
    if (reason) {
      queueMicrotask(() => cb(reason));
      return () => undefined;
    }
    (this.closeListeners ??= []).push(cb);
    return () => remove(this.closeListeners, cb);
  }

  /** pool.close(): EOF, then close. */
  shutdown(): void {
    this.poolClosing = true;
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
      for (const listener of listeners) listener(chunk);
      return;
    }
    if (this.closeRequested) return;
    (this.pending ??= []).push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes > PENDING_LIMIT) this.stream.pause();
  }

  /** @internal stream listener */
  closed(code?: number | null, signal?: string): void {
    if (this.reason) return;
    const loss = this.conn.lastLoss;
    let reason: ChannelCloseReason;
    if (this.poolClosing) reason = { type: 'pool-closed' };
    else if (this.closeRequested) reason = { type: 'closed' };
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
