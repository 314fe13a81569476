// Web mode's wire protocol: JSON text frames for calls, replies and events; binary frames for terminal bytes.
import type { SkeinEvent } from './api.js';
import { SkeinError, type SkeinErrorShape } from './skeinError.js';

/** Path of the WebSocket endpoint on the web mode server. */
export const WEB_SOCKET_PATH = '/ws';
/** Query parameter of the WebSocket URL that resumes a session after the socket dropped. */
export const WEB_SESSION_PARAM = 'session';

/** Client -> server: one SkeinApi call. Every call gets exactly one reply with the same id. */
export interface CallMessage {
  id: number;
  method: string;
  args: unknown[];
}

/** Server -> client. `id` is null only when a message was too malformed to carry one. */
export type ReplyMessage = { id: number | null; result: unknown } | { id: number | null; error: SkeinErrorShape };

/** Server -> client: a SkeinApi event other than tab output (which travels in binary frames). */
export interface EventMessage {
  event: Exclude<SkeinEvent, 'onTabData'>;
  args: unknown[];
}

/** A tab of the session as the server has it: output beyond `acked` bytes is sent again after a resume. */
export interface SessionTab {
  tabId: string;
  /** Bytes of the tab's output the server has had acknowledged since the tab opened. */
  acked: number;
}

/** Server -> client, the first message on every socket: which session this is and which of its tabs are alive. */
export interface WelcomeMessage {
  welcome: { session: string; resumed: boolean; tabs: SessionTab[] };
}

export type ServerMessage = ReplyMessage | EventMessage | WelcomeMessage;

/**
 * Binary frames: [kind: u8][tab id length: u8][tab id: ASCII][payload]. Output and input carry the
 * terminal's bytes as they are; an ack carries a u32 big-endian count of output bytes written.
 */
export type TabFrame =
  | { kind: 'output'; tabId: string; data: Uint8Array }
  | { kind: 'input'; tabId: string; data: Uint8Array }
  | { kind: 'ack'; tabId: string; bytes: number };

const KIND_CODES = { output: 1, input: 2, ack: 3 } as const;
const KINDS: Record<number, TabFrame['kind']> = { 1: 'output', 2: 'input', 3: 'ack' };
const MAX_ACK = 0xffff_ffff;

function invalid(field: string, message: string): SkeinError {
  return new SkeinError({ code: 'INVALID_INPUT', message, field });
}

/** Tab ids are short printable ASCII (the core makes "t1", "t2", ...), so the header needs no text encoder. */
function isTabId(id: string): boolean {
  return id.length >= 1 && id.length <= 255 && /^[\x21-\x7e]+$/.test(id);
}

export function encodeTabFrame(frame: TabFrame): Uint8Array {
  if (!isTabId(frame.tabId)) throw invalid('tabId', `a tab id must be 1 to 255 printable ASCII characters, not ${JSON.stringify(frame.tabId)}`);
  const header = 2 + frame.tabId.length;
  let bytes: Uint8Array;
  if (frame.kind === 'ack') {
    if (!Number.isInteger(frame.bytes) || frame.bytes < 0 || frame.bytes > MAX_ACK) {
      throw invalid('bytes', `an acknowledgement must be a whole number of bytes from 0 to ${MAX_ACK}, not ${frame.bytes}`);
    }
    bytes = new Uint8Array(header + 4);
    new DataView(bytes.buffer).setUint32(header, frame.bytes);
  } else {
    bytes = new Uint8Array(header + frame.data.byteLength);
    bytes.set(frame.data, header);
  }
  bytes[0] = KIND_CODES[frame.kind];
  bytes[1] = frame.tabId.length;
  for (let i = 0; i < frame.tabId.length; i++) bytes[2 + i] = frame.tabId.charCodeAt(i);
  return bytes;
}

/** The payload of output and input frames is a view into `bytes`, not a copy. */
export function decodeTabFrame(bytes: Uint8Array): TabFrame {
  const kind = KINDS[bytes[0] ?? 0];
  if (bytes.byteLength < 2 || kind === undefined) {
    throw invalid('frame', `a binary frame must start with its kind (1 output, 2 input, 3 ack), not ${bytes[0] ?? 'nothing'}`);
  }
  const idLength = bytes[1] ?? 0;
  const header = 2 + idLength;
  if (idLength === 0 || bytes.byteLength < header) throw invalid('frame', 'a binary frame must carry a tab id after its kind');
  const tabId = String.fromCharCode(...bytes.subarray(2, header));
  if (!isTabId(tabId)) throw invalid('tabId', 'the tab id of a binary frame must be printable ASCII');
  if (kind === 'ack') {
    if (bytes.byteLength !== header + 4) throw invalid('bytes', 'an acknowledgement frame must end in a 4-byte count');
    return { kind, tabId, bytes: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(header) };
  }
  return { kind, tabId, data: bytes.subarray(header) };
}

/** Reads a client's text frame; what is wrong is named by field, as for any other invalid input. */
export function parseCallMessage(text: string): CallMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid('message', `a call must be JSON { id, method, args }: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('message', 'a call must be a JSON object { id, method, args }');
  const { id, method, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw invalid('id', 'a call must have a whole-number id from 0 up');
  if (typeof method !== 'string') throw invalid('method', 'a call must name its method as a string');
  if (!Array.isArray(args)) throw invalid('args', `the arguments of ${method} must be a list`);
  return { id, method, args };
}

/** The id of a malformed call, when it has one, so its reply still reaches the caller. */
export function callIdOf(text: string): number | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
  } catch {
    return null;
  }
}
