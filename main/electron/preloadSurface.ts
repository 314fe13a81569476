// What the preload puts on window: SkeinApi one function per call and one subscription per event, and the desktop shell's few extras.
import {
  DESKTOP_EVENTS,
  IPC_CHANNELS,
  PRELOAD_CALLS,
  PRELOAD_EVENTS,
  type DesktopEvent,
  type DesktopEventArgs,
  type DesktopPreload,
  type PreloadEvent,
  type SkeinPreload,
} from '../../app/electronIpc.js';
import { Listeners } from '../../app/listeners.js';

/** What the surface needs of ipcRenderer (the preload passes the real one). */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: PreloadIpcListener): unknown;
  removeListener(channel: string, listener: PreloadIpcListener): unknown;
}

export type PreloadIpcListener = (event: { ports: readonly unknown[] }, ...args: unknown[]) => void;

type Listener = (...args: unknown[]) => void;

/**
 * Listeners are kept here, so main hears one subscribe when the page starts listening to an event
 * and one unsubscribe when it stops: the core asks a host-key question only while a page listens.
 */
function subscription(ipc: PreloadIpc, event: PreloadEvent): (cb: Listener) => () => void {
  const listeners = new Listeners<unknown[]>(rethrowInPage);
  const deliver: PreloadIpcListener = (_event, ...args) => listeners.emit(...args);
  return (cb) => {
    if (listeners.size === 0) {
      ipc.on(IPC_CHANNELS.event(event), deliver);
      ipc.send(IPC_CHANNELS.subscribe, event);
    }
    const remove = listeners.add(cb);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      remove();
      if (listeners.size > 0) return;
      ipc.removeListener(IPC_CHANNELS.event(event), deliver);
      ipc.send(IPC_CHANNELS.unsubscribe, event);
    };
  };
}

export function skeinPreload(ipc: PreloadIpc): SkeinPreload {
  const surface: Record<string, unknown> = {};
  for (const method of PRELOAD_CALLS) surface[method] = (...args: unknown[]) => ipc.invoke(IPC_CHANNELS.call(method), ...args);
  for (const event of PRELOAD_EVENTS) surface[event] = subscription(ipc, event);
  // Built from the lists; the type follows app/api.ts, and preloadSurface.test.ts holds the two to each other.
  return Object.freeze(surface) as SkeinPreload;
}

/**
 * `postPort` hands the port to the page's own world (window.postMessage with the port transferred):
 * a MessagePort cannot cross the context bridge. Desktop events that come before the page listens
 * (a second launch's prefill while the window loads) wait here for the first listener.
 */
export function desktopPreload(ipc: PreloadIpc, postPort: (ports: readonly unknown[]) => void): DesktopPreload {
  ipc.on(IPC_CHANNELS.tabPort, (event) => postPort(event.ports));
  const surface: Record<string, unknown> = { requestTabPort: () => ipc.send(IPC_CHANNELS.tabPort) };
  for (const name of DESKTOP_EVENTS) surface[name] = desktopEvent(ipc, name);
  return Object.freeze(surface) as unknown as DesktopPreload;
}

const MAX_WAITING = 20;

function desktopEvent<E extends DesktopEvent>(ipc: PreloadIpc, name: E): (cb: (...args: DesktopEventArgs[E]) => void) => () => void {
  const listeners = new Listeners<DesktopEventArgs[E]>(rethrowInPage);
  const waiting: DesktopEventArgs[E][] = [];
  ipc.on(IPC_CHANNELS.desktop(name), (_event, ...args) => {
    const event = args as DesktopEventArgs[E];
    if (listeners.size > 0) return listeners.emit(...event);
    if (waiting.push(event) > MAX_WAITING) waiting.shift();
  });
  return (cb) => {
    const remove = listeners.add(cb);
    for (const args of waiting.splice(0)) cb(...args);
    return remove;
  };
}

/** A page callback's error belongs to the page: thrown again on its own, after the others heard the event. */
function rethrowInPage(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
