// What the UI bench's page-side probe (page/benchPage.ts, injected before the app loads) offers the bench runner.

/** The probe hangs itself on the page's global object under this name. */
export const BENCH_PAGE_GLOBAL = 'skeinBench';

export interface ThroughputLeg {
  /** Bytes from the first byte of the begin marker to the last byte of the end marker. */
  sourceBytes: number;
  /** SHA-256 (hex) of those bytes as the page's WebSocket handed them to the renderer. */
  sha256: string;
  /** First source byte received to xterm.js's write callback for the last one. */
  ms: number;
  /** Of that, the time the terminal had written all it had received and waited for more. */
  starvedMs: number;
}

export interface BenchPage {
  /** The tab id of the last input frame the page sent: the tab just typed into. */
  lastInputTab(): string | undefined;
  /** Starts keeping every output frame of `tabId` (and the page's acks for it), dropping what was kept before. */
  record(tabId: string): void;
  /** Bytes received and acknowledged for the recorded tab, and whether the end marker has come and been written. */
  recordStatus(endMarker: string): { received: number; acked: number; done: boolean };
  /** The recorded source between the markers: its hash and how long the app took to receive and write it. */
  recordedLeg(beginMarker: string, endMarker: string): Promise<ThroughputLeg>;
  /** When the end never came: bytes written (acknowledged) from the begin marker on, and the milliseconds since its frame arrived. */
  partialLeg(beginMarker: string): { writtenBytes: number; ms: number };
  /**
   * The same recorded frames, from the begin marker's frame to the end marker's (undefined: to the
   * last frame the app had written whole), written into a
   * fresh xterm.js terminal of the app's size and renderer on top of the page, at most `windowBytes`
   * unacknowledged (as the core's flow control allows); resolves with the milliseconds it took.
   */
  referenceWrite(beginMarker: string, endMarker: string | undefined, windowBytes: number, timeoutMs: number): Promise<number>;
  /** Lets go of the recorded frames. */
  forget(): void;
  /** Watches, from the next keydown on, for the visible terminal's cursor line to read `prompt`. */
  armPrompt(prompt: string): void;
  /** Watches, from the next keydown on, for xterm.js's write callback (the page's ack) on output of the tab the key typed into. */
  armEcho(): void;
  /** Watches, from the next keydown on, for the host list's count to read `countText`. */
  armHostCount(countText: string): void;
  /**
   * Milliseconds from the keydown to the first animation frame at which the armed watch held, and
   * the output bytes of the key's tab received from the key's input frame until then.
   */
  armed(timeoutMs: number): Promise<{ ms: number; bytesAfterKey: number }>;
  /** How many terminals draw with each renderer (`data-renderer` of each terminal element). */
  renderers(): Record<string, number>;
}
