// The desktop app's IPC contract: what the preload exposes, on which channels, and the messages of the terminal-bytes port.
import { SKEIN_CALLS, SKEIN_EVENTS, type SkeinApi, type SkeinCall, type SkeinEvent } from './api.js';
import type { SkeinErrorShape } from './skeinError.js';

/**
 * SkeinApi's terminal bytes travel on a MessagePort per window, not over IPC calls: output from
 * the core, input and acknowledgements from the renderer. They are nowhere else on the preload.
 */
export const TAB_PORT_CALLS = ['writeTab', 'ackTab'] as const satisfies readonly SkeinCall[];
export const TAB_PORT_EVENTS = ['onTabData'] as const satisfies readonly SkeinEvent[];
export type TabPortCall = (typeof TAB_PORT_CALLS)[number];
export type TabPortEvent = (typeof TAB_PORT_EVENTS)[number];

export type PreloadCall = Exclude<SkeinCall, TabPortCall>;
export type PreloadEvent = Exclude<SkeinEvent, TabPortEvent>;

const onPort = new Set<string>([...TAB_PORT_CALLS, ...TAB_PORT_EVENTS]);
/** The calls the preload exposes, one function each, in SKEIN_CALLS order. */
export const PRELOAD_CALLS = SKEIN_CALLS.filter((m): m is PreloadCall => !onPort.has(m));
/** The events the preload exposes, one subscription each. */
export const PRELOAD_EVENTS = SKEIN_EVENTS.filter((e): e is PreloadEvent => !onPort.has(e));

/** A call's outcome as it crosses IPC: Electron would flatten a thrown error to its message, so the shape travels as data. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: SkeinErrorShape };

/** window.skein: SkeinApi, call by call and event by event, minus what the tab port carries. */
export type SkeinPreload = {
  [K in PreloadCall]: (...args: Parameters<SkeinApi[K]>) => Promise<IpcReply<Awaited<ReturnType<SkeinApi[K]>>>>;
} & {
  [E in PreloadEvent]: SkeinApi[E];
};

/** A `ssh://user@host:port` handed to Skein by a second launch: it fills in quick connect and runs nothing. */
export interface QuickConnectPrefill {
  username: string;
  host: string;
  port: number;
}

/** Views the desktop shell (tray, app menu) may ask the window to show. */
export const DESKTOP_VIEWS = ['health'] as const;
export type DesktopView = (typeof DESKTOP_VIEWS)[number];

/**
 * window.skeinDesktop: what only the desktop shell has to say to the page. Its events are kept by
 * the preload until the page subscribes, so one sent while the page was still loading is not lost.
 */
export interface DesktopPreload {
  /** Asks for this page's tab port; it arrives as a window message whose data is TAB_PORT_MESSAGE. */
  requestTabPort(): void;
  /** A second launch handed over a quick-connect target: put it in the quick connect bar. */
  onQuickConnectPrefill(cb: (prefill: QuickConnectPrefill) => void): () => void;
  /** The tray asked for a tab on this saved host. */
  onOpenHost(cb: (hostId: string) => void): () => void;
  onShowView(cb: (view: DesktopView) => void): () => void;
}

export const DESKTOP_CALLS = ['requestTabPort'] as const satisfies readonly (keyof DesktopPreload)[];
export const DESKTOP_EVENTS = ['onQuickConnectPrefill', 'onOpenHost', 'onShowView'] as const satisfies readonly (keyof DesktopPreload)[];
export type DesktopEvent = (typeof DESKTOP_EVENTS)[number];
export type DesktopEventArgs = { [E in DesktopEvent]: Parameters<Parameters<DesktopPreload[E]>[0]> };

export const SKEIN_PRELOAD_GLOBAL = 'skein';
export const DESKTOP_PRELOAD_GLOBAL = 'skeinDesktop';
/** The data of the window message that hands the page its tab port. */
export const TAB_PORT_MESSAGE = 'skein:tab-port';

/** IPC channel names; the method or event name is part of the channel, so each has its own handler in main. */
export const IPC_CHANNELS = {
  call: (method: PreloadCall): string => `skein:call:${method}`,
  event: (event: PreloadEvent): string => `skein:event:${event}`,
  desktop: (event: DesktopEvent): string => `skein:desktop:${event}`,
  /** renderer -> main, with an event name: the page now listens to it (prompts reach only a window that listens). */
  subscribe: 'skein:subscribe',
  unsubscribe: 'skein:unsubscribe',
  /** renderer -> main asks for the port; main -> renderer brings it. */
  tabPort: 'skein:tab-port',
} as const;

/**
 * Messages on the tab port. Bytes are ArrayBuffers of exactly their length (the renderer transfers
 * its input; main's output is copied out of Node's shared pool first, see tabOutputBuffer).
 */
export type TabPortMessage =
  | { kind: 'output'; tabId: string; data: ArrayBuffer }
  | { kind: 'input'; tabId: string; data: ArrayBuffer }
  | { kind: 'ack'; tabId: string; bytes: number }
  /** main -> renderer: a message from the page was refused (what, and why). */
  | { kind: 'error'; error: SkeinErrorShape };
