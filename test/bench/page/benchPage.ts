// The UI bench's probe inside the page, injected before the app: taps the app's WebSocket (read-only), times keys to frames, and runs the reference terminal.
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import { decodeTabFrame } from '../../../app/webProtocol.js';
import { DEFAULT_TERMINAL_SETTINGS, terminalOptions } from '../../../renderer/terminal/terminalOptions.js';
import { terminalColours } from '../../../renderer/terminal/terminalTheme.js';
import { XtermInternals } from '../../../renderer/terminal/xtermInternals.js';
import { BENCH_PAGE_GLOBAL, type BenchPage, type ThroughputLeg } from '../benchPageApi.js';

interface TerminalBuffer {
  length: number;
  baseY: number;
  cursorY: number;
  getLine(y: number): { translateToString(trimRight?: boolean): string } | undefined;
}

interface Recording {
  tabId: string;
  /** The tab's output received before recording began: acks count from the start of the tab, so they are offset by it. */
  before: number;
  frames: { at: number; data: Uint8Array }[];
  received: number;
  /** Acknowledged bytes of the recorded stream after each ack, with its time. */
  acks: { at: number; total: number }[];
  acked: number;
}

const encoder = new TextEncoder();
/** How far back from the newest output recordStatus looks for the end marker (the prompt and a little more follow it). */
const TAIL_SEARCH_BYTES = 256 * 1024;
let recording: Recording | undefined;
/** Every tab's output received and acknowledged since the page opened. */
const receivedByTab = new Map<string, number>();
const ackedByTab = new Map<string, number>();
let lastInputTab: string | undefined;
/** The first input frame after the last keydown names the tab it typed into. */
let keyTab: string | undefined;
let keyOutputSeen = false;
let keyAckAt: number | undefined;
/** Output bytes of that tab received since its input frame: what was still in flight when the key went out. */
let keyBytes = 0;

addEventListener('keydown', (event) => {
  // The event's own time: when the browser got the key, before the page's busy thread could look at it.
  // Modifiers alone are not the key: Ctrl-C is timed from the C.
  if (['Control', 'Shift', 'Alt', 'Meta'].includes(event.key)) return;
  if (watch && watch.keyAt === undefined) watch.keyAt = event.timeStamp;
  keyTab = undefined;
  keyOutputSeen = false;
  keyAckAt = undefined;
  keyBytes = 0;
}, { capture: true });

function onOutgoing(data: unknown): void {
  if (!(data instanceof Uint8Array)) return;
  const frame = decodeTabFrame(data);
  if (frame.kind === 'input') {
    lastInputTab = frame.tabId;
    keyTab ??= frame.tabId;
  } else if (frame.kind === 'ack') {
    const at = performance.now();
    if (frame.tabId === keyTab && keyOutputSeen) keyAckAt ??= at;
    const acked = (ackedByTab.get(frame.tabId) ?? 0) + frame.bytes;
    ackedByTab.set(frame.tabId, acked);
    if (recording?.tabId === frame.tabId) {
      recording.acked = acked - recording.before;
      recording.acks.push({ at, total: recording.acked });
    }
  }
}

function onIncoming(data: unknown): void {
  if (!(data instanceof ArrayBuffer)) return;
  const frame = decodeTabFrame(new Uint8Array(data));
  if (frame.kind !== 'output') return;
  receivedByTab.set(frame.tabId, (receivedByTab.get(frame.tabId) ?? 0) + frame.data.byteLength);
  if (frame.tabId === keyTab) {
    keyOutputSeen = true;
    keyBytes += frame.data.byteLength;
  }
  if (recording?.tabId === frame.tabId) {
    recording.frames.push({ at: performance.now(), data: frame.data });
    recording.received += frame.data.byteLength;
  }
}

/** The app's own WebSocket, unchanged, with a listener on what it receives and a look at what it sends. */
class TappedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event: MessageEvent<unknown>) => onIncoming(event.data));
  }

  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    onOutgoing(data);
    super.send(data);
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Where a marker starts in the recorded stream: frame index and offset in the whole stream. Searches frame pairs, so a marker split across two frames is found. */
function findMarker(rec: Recording, marker: string, fromEnd: boolean): { frame: number; offset: number } {
  const needle = encoder.encode(marker);
  const starts: number[] = [];
  let total = 0;
  for (const f of rec.frames) {
    starts.push(total);
    total += f.data.byteLength;
  }
  const order = rec.frames.map((_, i) => i);
  if (fromEnd) order.reverse();
  for (const i of order) {
    const here = rec.frames[i]?.data as Uint8Array;
    const next = rec.frames[i + 1]?.data.subarray(0, needle.length - 1) ?? new Uint8Array();
    const joined = new Uint8Array(here.byteLength + next.byteLength);
    joined.set(here);
    joined.set(next, here.byteLength);
    const at = indexOf(joined, needle);
    if (at >= 0 && at < here.byteLength) return { frame: i, offset: (starts[i] as number) + at };
  }
  throw new Error(`the recorded output of tab ${rec.tabId} has no ${JSON.stringify(marker)}`);
}

/** Time between `from` and `to` during which the terminal had written everything it had received: it waited for data (from the core, the socket, or the browser's WebSocket intake). */
function starvedMs(rec: Recording, from: number, to: number): number {
  const events = [...rec.frames.map((f) => ({ at: f.at, received: f.data.byteLength, acked: -1 })), ...rec.acks.map((a) => ({ at: a.at, received: 0, acked: a.total }))].sort((a, b) => a.at - b.at);
  let received = 0;
  let acked = 0;
  let idleSince: number | undefined;
  let starved = 0;
  for (const e of events) {
    if (e.acked >= 0) acked = e.acked;
    else {
      if (idleSince !== undefined && e.at > from && e.at <= to) starved += e.at - Math.max(idleSince, from);
      idleSince = undefined;
      received += e.received;
    }
    if (acked === received) idleSince ??= e.at;
  }
  return starved;
}

function recorded(): Recording {
  if (!recording) throw new Error('nothing is recorded: call record(tabId) first');
  return recording;
}

function visibleTerminal(): HTMLElement {
  const element = [...document.querySelectorAll<HTMLElement>('[data-testid="terminal"]')].find((e) => e.offsetParent !== null);
  if (!element) throw new Error('no terminal is on screen');
  return element;
}

function bufferOf(element: HTMLElement): TerminalBuffer {
  const buffer = (element as HTMLElement & { xtermBuffer?: TerminalBuffer }).xtermBuffer;
  if (!buffer) throw new Error('the terminal element has no xtermBuffer to read');
  return buffer;
}

/**
 * A condition watched from the next keydown on, at every animation frame: the first frame at which
 * it holds is when the person sees the result. Armed before the key is pressed, so a fast answer
 * cannot slip past the watch.
 */
interface Watch {
  check: () => boolean;
  what: string;
  keyAt: number | undefined;
  ms: number | undefined;
  bytes: number;
}
let watch: Watch | undefined;

const everyFrame = (now: number): void => {
  if (watch && watch.keyAt !== undefined && watch.ms === undefined && watch.check()) {
    watch.ms = now - watch.keyAt;
    watch.bytes = keyBytes;
  }
  requestAnimationFrame(everyFrame);
};
requestAnimationFrame(everyFrame);

function arm(check: () => boolean, what: string): void {
  watch = { check, what, keyAt: undefined, ms: undefined, bytes: 0 };
}

const hex = (buffer: ArrayBuffer): string => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

const page: BenchPage = {
  lastInputTab: () => lastInputTab,

  record(tabId) {
    const before = receivedByTab.get(tabId) ?? 0;
    recording = { tabId, before, frames: [], received: 0, acks: [], acked: (ackedByTab.get(tabId) ?? 0) - before };
  },

  recordStatus(endMarker) {
    const rec = recorded();
    let done = false;
    if (rec.acked === rec.received && rec.frames.length > 0) {
      // Only the tail can hold the end marker once everything is written: no search through 100 MB.
      const tail: Uint8Array[] = [];
      let tailBytes = 0;
      for (let i = rec.frames.length - 1; i >= 0 && tailBytes < TAIL_SEARCH_BYTES; i--) {
        const data = (rec.frames[i] as { data: Uint8Array }).data;
        tail.unshift(data);
        tailBytes += data.byteLength;
      }
      const joined = new Uint8Array(tailBytes);
      let at = 0;
      for (const d of tail) {
        joined.set(d, at);
        at += d.byteLength;
      }
      done = indexOf(joined, encoder.encode(endMarker)) >= 0;
    }
    return { received: rec.received, acked: rec.acked, done };
  },

  async recordedLeg(beginMarker, endMarker): Promise<ThroughputLeg> {
    const rec = recorded();
    const begin = findMarker(rec, beginMarker, false);
    const end = findMarker(rec, endMarker, true);
    const endOffset = end.offset + encoder.encode(endMarker).byteLength;
    const source = new Uint8Array(endOffset - begin.offset);
    let streamAt = 0;
    for (const f of rec.frames) {
      const from = Math.max(begin.offset - streamAt, 0);
      const to = Math.min(endOffset - streamAt, f.data.byteLength);
      if (to > from) source.set(f.data.subarray(from, to), streamAt + from - begin.offset);
      streamAt += f.data.byteLength;
    }
    const written = rec.acks.find((a) => a.total >= endOffset);
    if (!written) throw new Error(`xterm.js never acknowledged the end marker of tab ${rec.tabId}`);
    const firstAt = (rec.frames[begin.frame] as { at: number }).at;
    return { sourceBytes: source.byteLength, sha256: hex(await crypto.subtle.digest('SHA-256', source)), ms: written.at - firstAt, starvedMs: starvedMs(rec, firstAt, written.at) };
  },

  partialLeg(beginMarker) {
    const rec = recorded();
    const begin = findMarker(rec, beginMarker, false);
    const last = rec.acks[rec.acks.length - 1];
    if (!last || last.total <= begin.offset) return { writtenBytes: 0, ms: 0 };
    return { writtenBytes: last.total - begin.offset, ms: last.at - (rec.frames[begin.frame] as { at: number }).at };
  },

  referenceWrite(beginMarker, endMarker, windowBytes, timeoutMs) {
    const rec = recorded();
    const first = findMarker(rec, beginMarker, false).frame;
    let end: number;
    if (endMarker !== undefined) end = findMarker(rec, endMarker, true).frame + 1;
    else {
      // Only the frames the app wrote whole: the same work the app did before it ran out of time.
      end = 0;
      for (let at = 0; end < rec.frames.length && at + (rec.frames[end] as { data: Uint8Array }).data.byteLength <= rec.acked; end++) at += (rec.frames[end] as { data: Uint8Array }).data.byteLength;
    }
    const frames = rec.frames.slice(first, end).map((f) => f.data);
    if (frames.length === 0) return Promise.reject(new Error('there are no written frames to give the reference terminal'));
    const app = visibleTerminal();
    const appBuffer = bufferOf(app);
    const host = document.createElement('div');
    const box = app.getBoundingClientRect();
    Object.assign(host.style, { position: 'fixed', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px`, zIndex: '10000' });
    document.body.appendChild(host);
    const cols = appBuffer.getLine(0)?.translateToString(false).length ?? 80;
    const rows = appBuffer.length - appBuffer.baseY;
    // The app's options and colours (read from the page's CSS variables, as the app reads them), at the app's size.
    const style = getComputedStyle(document.documentElement);
    const { theme } = terminalColours((name) => style.getPropertyValue(name));
    const terminal = new Terminal({ ...terminalOptions(DEFAULT_TERMINAL_SETTINGS, { activate: () => undefined }), theme, cols, rows });
    terminal.loadAddon(new Unicode11Addon());
    terminal.unicode.activeVersion = '11';
    terminal.open(host);
    // The app's renderer, with the app's CSP fix for the DOM renderer's colours: the best this xterm.js does in this page.
    if (app.dataset.renderer === 'webgl') terminal.loadAddon(new WebglAddon());
    else new XtermInternals().cspSafeDomColours(terminal);
    const finish = (): void => {
      terminal.dispose();
      host.remove();
    };
    return new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`the reference terminal did not write ${frames.length} frames within ${timeoutMs} ms`));
      }, timeoutMs);
      let next = 0;
      let inFlight = 0;
      let written = 0;
      const pump = (): void => {
        while (next < frames.length && inFlight < windowBytes) {
          const data = frames[next++] as Uint8Array;
          inFlight += data.byteLength;
          terminal.write(data, () => {
            inFlight -= data.byteLength;
            if (++written === frames.length) {
              clearTimeout(timer);
              const ms = performance.now() - started;
              finish();
              resolve(ms);
            } else pump();
          });
        }
      };
      pump();
    });
  },

  forget() {
    recording = undefined;
  },

  armPrompt(prompt) {
    const buffer = bufferOf(visibleTerminal());
    arm(() => buffer.getLine(buffer.baseY + buffer.cursorY)?.translateToString(true).trimEnd() === prompt.trimEnd(), `the prompt ${JSON.stringify(prompt)}`);
  },

  armEcho() {
    arm(() => keyAckAt !== undefined, 'the echo of the key');
  },

  armHostCount(countText) {
    const count = document.querySelector('.hosts-count');
    if (!count) throw new Error('the host list shows no count of hosts');
    arm(() => count.textContent === countText, `the host count ${JSON.stringify(countText)}`);
  },

  async armed(timeoutMs) {
    const w = watch;
    if (!w) throw new Error('nothing is armed');
    const deadline = performance.now() + timeoutMs;
    while (w.ms === undefined) {
      if (performance.now() > deadline) throw new Error(`${w.what} was not on screen within ${timeoutMs} ms ${w.keyAt === undefined ? 'of arming (no key came)' : 'of the key'}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return { ms: w.ms, bytesAfterKey: w.bytes };
  },

  renderers() {
    const kinds: Record<string, number> = {};
    for (const e of document.querySelectorAll<HTMLElement>('[data-testid="terminal"]')) kinds[e.dataset.renderer ?? '?'] = (kinds[e.dataset.renderer ?? '?'] ?? 0) + 1;
    return kinds;
  },
};

globalThis.WebSocket = TappedWebSocket;
(globalThis as unknown as Record<string, BenchPage>)[BENCH_PAGE_GLOBAL] = page;
