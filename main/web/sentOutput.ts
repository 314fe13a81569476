// One tab's output sent to the browser and not yet acknowledged: kept so a dropped socket loses no byte.

/**
 * The core stops the shell once enough output is unacknowledged (ShellTab's high watermark), so
 * what is kept here is bounded by that mark and never grows with the size of the output.
 */
export class SentOutput {
  private chunks: Uint8Array[] = [];
  private retained = 0;
  /** Bytes acknowledged since the tab opened: where a resumed socket's copy starts. */
  acked = 0;

  push(data: Uint8Array): void {
    this.chunks.push(data);
    this.retained += data.byteLength;
  }

  /** Drops the first `bytes` kept; returns how many there were to drop (a client cannot acknowledge more than it was sent). */
  ack(bytes: number): number {
    const dropped = Math.min(bytes, this.retained);
    let left = dropped;
    while (left > 0) {
      const first = this.chunks[0] as Uint8Array;
      if (first.byteLength <= left) {
        this.chunks.shift();
        left -= first.byteLength;
      } else {
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.retained -= dropped;
    this.acked += dropped;
    return dropped;
  }

  /** Everything sent and not acknowledged, oldest first. */
  unacknowledged(): readonly Uint8Array[] {
    return this.chunks;
  }
}
