// Hands a tab's output to xterm.js: a shown tab's at once; a hidden tab's in small slices, each in a background-priority task.

/**
 * xterm.js parses what it is given in slices of up to 12 ms, and a hidden tab's flood keeps the
 * page's one thread busy with them: a key typed into the shown tab waited behind one, and so did
 * that tab's echo. A hidden tab's output goes to xterm.js a slice at a time instead, each in a
 * task the browser runs after input and the shown tab's work (scheduler.postTask's 'background'
 * priority), so it still parses at full speed when nothing else needs the thread.
 */
export const HIDDEN_SLICE_BYTES = 16 * 1024;

export interface FeedTarget {
  /** Writes to the terminal; `parsed` runs once xterm.js has parsed the bytes (the ack goes there). */
  write(bytes: Uint8Array, parsed: () => void): void;
  /** Runs `task` when the page has nothing more urgent to do. */
  later(task: () => void): void;
}

export class OutputFeed {
  private queue: Uint8Array[] = [];
  private hidden = false;
  /** A hidden slice is scheduled or being parsed: the next waits for it. */
  private sliceOut = false;

  constructor(
    private readonly target: FeedTarget,
    private readonly sliceBytes = HIDDEN_SLICE_BYTES,
  ) {}

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    this.pump();
  }

  push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.queue.push(bytes);
    this.pump();
  }

  /** Writes what waits now, in order: before a divider line or a close. */
  flushNow(): void {
    const parts = this.queue;
    this.queue = [];
    for (const part of parts) this.target.write(part, () => undefined);
  }

  /** Drops what waits: the terminal is going away. */
  dispose(): void {
    this.queue = [];
  }

  private pump(): void {
    if (!this.hidden) return this.flushNow();
    if (this.sliceOut || this.queue.length === 0) return;
    this.sliceOut = true;
    this.target.later(() => {
      const slice = this.takeSlice();
      if (!slice) {
        this.sliceOut = false;
        return;
      }
      this.target.write(slice, () => {
        this.sliceOut = false;
        this.pump();
      });
    });
  }

  private takeSlice(): Uint8Array | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    if (head.byteLength <= this.sliceBytes) return this.queue.shift();
    this.queue[0] = head.subarray(this.sliceBytes);
    return head.subarray(0, this.sliceBytes);
  }
}
