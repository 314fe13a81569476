// Builds the typed SkeinApi on the two generic IPC doors the Electron preload exposes.
import { SKEIN_CALLS, SKEIN_EVENTS, type SkeinApi } from '../../app/api.js';

export interface SkeinIpc {
  call(method: string, args: unknown[]): Promise<unknown>;
  subscribe(listener: (event: string, args: unknown[]) => void): () => void;
}

export function ipcBridge(ipc: SkeinIpc): SkeinApi {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  ipc.subscribe((event, args) => {
    for (const cb of listeners.get(event) ?? []) cb(...args);
  });
  const api: Record<string, unknown> = {};
  for (const method of SKEIN_CALLS) api[method] = (...args: unknown[]) => ipc.call(method, args);
  for (const event of SKEIN_EVENTS) {
    api[event] = (cb: (...args: unknown[]) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb);
      return () => set.delete(cb);
    };
  }
  return api as unknown as SkeinApi;
}
