// Builds the typed SkeinApi on the two generic IPC doors the Electron preload exposes.
import { SKEIN_CALLS, SKEIN_EVENTS, type SkeinApi } from '../../app/api.js';
import { Listeners } from '../../app/listeners.js';
import { rethrowLater } from './rethrowLater.js';

export interface SkeinIpc {
  call(method: string, args: unknown[]): Promise<unknown>;
  subscribe(listener: (event: string, args: unknown[]) => void): () => void;
}

export function ipcBridge(ipc: SkeinIpc): SkeinApi {
  const listeners = new Map<string, Listeners<unknown[]>>();
  ipc.subscribe((event, args) => listeners.get(event)?.emit(...args));
  const api: Record<string, unknown> = {};
  for (const method of SKEIN_CALLS) api[method] = (...args: unknown[]) => ipc.call(method, args);
  for (const event of SKEIN_EVENTS) {
    api[event] = (cb: (...args: unknown[]) => void) => {
      const ofEvent = listeners.get(event) ?? new Listeners<unknown[]>(rethrowLater);
      listeners.set(event, ofEvent);
      return ofEvent.add(cb);
    };
  }
  return api as unknown as SkeinApi;
}
