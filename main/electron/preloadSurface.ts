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
  const listeners = new Set<Listener>();
  const deliver: PreloadIpcListener = (_event, ...args) => {
    for (const cb of [...listeners]) cb(...args);
  };
  return (cb) => {
    // A listener added twice must be removable twice, as with the web bridge.
    const own: Listener = (...args) => cb(...args);
    if (listeners.size === 0) {
      ipc.on(IPC_CHANNELS.event(event), deliver);
      ipc.send(IPC_CHANNELS.subscribe, event);
    }
    listeners.add(own);
    return () => {
      if (!listeners.delete(own) || listeners.size > 0) return;
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
  const listeners = new Set<Listener>();
  const waiting: unknown[][] = [];
  ipc.on(IPC_CHANNELS.desktop(name), (_event, ...args) => {
    if (listeners.size === 0) {
      if (waiting.push(args) > MAX_WAITING) waiting.shift();
      return;
    }
    for (const cb of [...listeners]) cb(...args);
  });
  return (cb) => {
    const own: Listener = (...args) => cb(...(args as DesktopEventArgs[E]));
    listeners.add(own);
    for (const args of waiting.splice(0)) own(...args);
    return () => void listeners.delete(own);
  };
}
