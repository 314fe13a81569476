// One terminal tab: its shell channel, output batching and flow control, and reopening after a reconnect.
import type { TabCloseReason } from '../../app/api.js';
import type { ConnectionKey } from '../../app/hosts.js';
import type { ChannelCloseReason, PoolError, PoolShell } from '../pool/index.js';

export interface TabEvents {
  data(tabId: string, data: Uint8Array): void;
  reconnecting(tabId: string, message: string): void;
  restored(tabId: string): void;
  closed(tabId: string, reason: TabCloseReason): void;
}

export interface TabFlow {
  /** Output is gathered this long before it is sent (fewer, larger messages to the renderer). */
  batchMs: number;
  /** ...or until this many bytes are waiting. */
  batchBytes: number;
  /** Unacknowledged bytes above which the server is asked to wait. */
  highWater: number;
  /** ...and below which it may send again. */
  lowWater: number;
}

/**
 * What is in flight to a tab is drawn after Ctrl-C before the prompt shows: with the shell's SSH
 * window (pool option shellWindowBytes) 256 KiB in all, under 100 ms at the 3-7 MB/s a terminal
 * draws here. VS Code's terminal keeps 100,000 characters in flight for the same reason.
 */
export const DEFAULT_TAB_FLOW: TabFlow = Object.freeze({ batchMs: 5, batchBytes: 64 * 1024, highWater: 128 * 1024, lowWater: 32 * 1024 });

export class ShellTab {
  private shell: PoolShell | undefined;
  private batch: Buffer[] = [];
  private batchSize = 0;
  private batchTimer: NodeJS.Timeout | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private unacked = 0;
  private paused = false;
  private closedByUser = false;
  private ended = false;
  private size: { cols: number; rows: number };

  constructor(
    readonly tabId: string,
    private readonly open: (size: { cols: number; rows: number }) => Promise<PoolShell>,
    private readonly events: TabEvents,
    private readonly flow: TabFlow,
    size: { cols: number; rows: number },
  ) {
    this.size = { ...size };
  }

  /** The pool key its shell lives on; there is one once start() has resolved. */
  get key(): ConnectionKey {
    if (!this.shell) throw new Error(`tab ${this.tabId} has no shell yet: its key is known once start() resolves`);
    return this.shell.key;
  }

  async start(): Promise<void> {
    this.attach(await this.open(this.size));
  }

  write(data: Uint8Array): void {
    this.shell?.write(data);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.shell?.resize(cols, rows);
  }

  ack(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes <= 0) return;
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked <= this.flow.lowWater) {
      this.paused = false;
      this.shell?.resume();
    }
  }

  close(): void {
    this.closedByUser = true;
    if (this.shell?.isOpen) this.shell.close();
    else this.end({ type: 'closed' });
  }

  private attach(shell: PoolShell): void {
    this.shell = shell;
    this.unacked = 0;
    this.paused = false;
    shell.onData((chunk) => this.collect(chunk));
    shell.onClose((reason) => void this.onShellClosed(reason));
  }

  private collect(chunk: Uint8Array): void {
    this.batch.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.batchSize += chunk.byteLength;
    if (this.batchSize >= this.flow.batchBytes) return this.flush();
    if (this.batchTimer !== undefined) return;
    // Output after a quiet moment (a keystroke's echo) goes at once; what follows it within batchMs is gathered.
    const wait = this.lastFlush + this.flow.batchMs - performance.now();
    if (wait <= 0) this.flush();
    else this.batchTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.batchSize === 0) return;
    this.lastFlush = performance.now();
    const data = this.batch.length === 1 ? (this.batch[0] as Buffer) : Buffer.concat(this.batch, this.batchSize);
    this.batch = [];
    this.batchSize = 0;
    this.unacked += data.byteLength;
    this.events.data(this.tabId, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!this.paused && this.unacked > this.flow.highWater) {
      this.paused = true;
      this.shell?.pause();
    }
  }

  private async onShellClosed(reason: ChannelCloseReason): Promise<void> {
    this.flush();
    if (reason.type !== 'connection-lost' || this.closedByUser) {
      this.end(toTabReason(reason));
      return;
    }
    this.events.reconnecting(this.tabId, reason.error.message);
    const back = await reason.restored;
    if (this.closedByUser) return this.end({ type: 'closed' });
    if (back !== true) return this.end(notRestored(back));
    try {
      const shell = await this.open(this.size);
      if (this.ended) {
        // Closed while the shell was reopening: the new one would hold a slot and talk to nobody.
        shell.close();
        return;
      }
      this.attach(shell);
      this.events.restored(this.tabId);
    } catch (err) {
      this.end({ type: 'connection-lost', message: `the connection came back but the shell could not be reopened: ${(err as Error).message}` });
    }
  }

  private end(reason: TabCloseReason): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.batchTimer);
    this.events.closed(this.tabId, reason);
  }
}

/** Why a tab whose link dropped is not coming back: the person disconnected, the core is closing, or the pool gave up. */
function notRestored(error: PoolError): TabCloseReason {
  if (error.code === 'DISCONNECTED') return { type: 'disconnected' };
  if (error.code === 'POOL_CLOSED') return { type: 'closed' };
  return { type: 'connection-lost', message: error.message };
}

function toTabReason(reason: ChannelCloseReason): TabCloseReason {
  switch (reason.type) {
    case 'exit':
    case 'signal':
      return reason;
    case 'connection-lost':
      return { type: 'connection-lost', message: reason.error.message };
    case 'disconnected':
      return { type: 'disconnected' };
    case 'overrun':
      return { type: 'overrun', message: reason.message };
    default:
      return { type: 'closed' };
  }
}
