// A shell tab's channel on a pooled connection: bytes in and out, resize, and why it closed.
import type { ClientChannel } from 'ssh2';
import type { PoolError } from './poolError.js';
import type { PooledConnection } from './pooledConnection.js';

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

export class PoolShell {
  private readonly dataListeners = new Set<(data: Uint8Array) => void>();
  private readonly closeListeners = new Set<(reason: ChannelCloseReason) => void>();
  /** Output that arrived before anyone listened. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private userPaused = false;
  private exit: ChannelCloseReason | undefined;
  private reason: ChannelCloseReason | undefined;
  private closeRequested = false;
  private poolClosing = false;
  private readonly generation: number;
  private readonly detach: () => void;

  constructor(
    readonly id: string,
    private readonly stream: ClientChannel,
    private readonly conn: PooledConnection,
  ) {
    this.generation = conn.generation;
    this.detach = conn.attach({
      inFlight: undefined,
      shutdown: () => {
        this.poolClosing = true;
        this.stream.end();
        this.stream.close();
        this.stream.resume();
      },
      // ssh2 reports a channel's close only once its output is read; a paused tab must still learn of the loss.
      linkLost: () => this.stream.resume(),
    });
    stream.on('exit', (code: number | null, signal?: string) => {
      this.exit = code !== null && code !== undefined ? { type: 'exit', code } : { type: 'signal', signal: signal ?? 'unknown' };
    });
    // Always read, so ssh2 can report the close; output is held until the first onData listener.
    const onChunk = (chunk: Buffer): void => {
      if (this.dataListeners.size > 0) {
        for (const listener of this.dataListeners) listener(chunk);
        return;
      }
      if (this.closeRequested) return;
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes > PENDING_LIMIT) stream.pause();
    };
    stream.on('data', onChunk);
    // With a pty the server merges stderr into the output; without one, show it all the same.
    stream.stderr.on('data', onChunk);
    stream.once('close', () => this.closed());
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
    this.pending = [];
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
    if (this.dataListeners.size > 0) this.stream.resume();
  }

  onData(cb: (data: Uint8Array) => void): () => void {
    const first = this.dataListeners.size === 0;
    this.dataListeners.add(cb);
    if (first && this.pending.length > 0) {
      const held = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      for (const chunk of held) cb(chunk);
      if (!this.userPaused) this.stream.resume();
    }
    return () => this.dataListeners.delete(cb);
  }

  onClose(cb: (reason: ChannelCloseReason) => void): () => void {
    const reason = this.reason;
    if (reason) {
      queueMicrotask(() => cb(reason));
      return () => undefined;
    }
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  private closed(): void {
    if (this.reason) return;
    const loss = this.conn.lastLoss;
    if (this.poolClosing) this.reason = { type: 'pool-closed' };
    else if (this.closeRequested) this.reason = { type: 'closed' };
    else if (this.exit) this.reason = this.exit;
    else if (loss && loss.generation === this.generation) {
      this.reason = { type: 'connection-lost', error: loss.error, restored: loss.restored };
    } else this.reason = { type: 'closed' };
    this.detach();
    this.conn.release('session');
    const reason = this.reason;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.dataListeners.clear();
    this.pending = [];
    for (const cb of listeners) cb(reason);
  }
}
