// Checks one IPC call from a renderer: it must come from Skein's own page and name a known API call.
import { SKEIN_CALLS, type SkeinCall } from '../../app/api.js';

export type IpcCallCheck = { ok: true; method: SkeinCall; args: unknown[] } | { ok: false; error: string };

const calls = new Set<string>(SKEIN_CALLS);

/** `senderUrl` is the URL of the frame that sent the call; only the app's own page may call the core. */
export function checkIpcCall(senderUrl: string, appPageUrl: string, payload: unknown): IpcCallCheck {
  if (senderUrl !== appPageUrl) return { ok: false, error: `refused an IPC call from ${senderUrl || 'an unknown frame'}: only Skein's own page may call the core` };
  if (typeof payload !== 'object' || payload === null) return { ok: false, error: 'an IPC call must be an object { method, args }' };
  const { method, args } = payload as { method?: unknown; args?: unknown };
  if (typeof method !== 'string' || !calls.has(method)) return { ok: false, error: `unknown API call ${String(method)}` };
  if (!Array.isArray(args)) return { ok: false, error: `arguments of ${method} must be a list` };
  return { ok: true, method: method as SkeinCall, args };
}
