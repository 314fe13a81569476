// Checks one IPC call from a renderer: the top frame of a Skein window showing Skein's page, and arguments the core accepts.
import { PRELOAD_CALLS } from '../../app/electronIpc.js';
import { parseSkeinCall, type ParsedSkeinCall } from '../../app/skeinCallSchemas.js';
import { SkeinError, type SkeinErrorShape } from '../../app/skeinError.js';
import { isAppUrl } from './appProtocol.js';

/** What main knows of a message's sender (from event.sender and event.senderFrame). */
export interface IpcSender {
  /** event.sender is the webContents of a window Skein opened. */
  knownWindow: boolean;
  /** event.senderFrame: null once the frame navigated away or was destroyed. */
  frame: { url: string; isTopFrame: boolean } | null;
}

export type IpcCallCheck = { ok: true; call: ParsedSkeinCall } | { ok: false; error: SkeinErrorShape };

const preloadCalls = new Set<string>(PRELOAD_CALLS);

/** Why a sender may not talk to the core, or undefined when it may. */
export function ipcSenderRefusal(sender: IpcSender): SkeinErrorShape | undefined {
  const refused = (from: string): SkeinErrorShape => ({
    code: 'INVALID_INPUT',
    message: `refused an IPC message from ${from}: only Skein's own page, in its window's top frame, may call the core`,
    field: 'sender',
  });
  if (!sender.knownWindow) return refused('a window Skein did not open');
  if (!sender.frame) return refused('a frame that is gone');
  if (!sender.frame.isTopFrame) return refused(`a subframe (${sender.frame.url || 'no URL'})`);
  if (!isAppUrl(sender.frame.url)) return refused(sender.frame.url || 'a frame without a URL');
  return undefined;
}

/** The sender first, then the method (only those the preload exposes), then the arguments by SkeinApi's schemas. */
export function checkIpcCall(sender: IpcSender, method: string, args: unknown[]): IpcCallCheck {
  const refusal = ipcSenderRefusal(sender);
  if (refusal) return { ok: false, error: refusal };
  if (!preloadCalls.has(method)) {
    const message = `${JSON.stringify(method.slice(0, 100))} is not a call of Skein's preload (terminal bytes go over the tab port)`;
    return { ok: false, error: { code: 'INVALID_INPUT', message, field: 'method' } };
  }
  try {
    return { ok: true, call: parseSkeinCall(method, args) };
  } catch (err) {
    if (err instanceof SkeinError) return { ok: false, error: err.toShape() };
    throw err;
  }
}
