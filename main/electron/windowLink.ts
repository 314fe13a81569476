// One window's link to the core: the events its page listens to, the tabs it opened, and its tab port for terminal bytes.
import type { SkeinApi, TabCloseReason } from '../../app/api.js';
import {
  IPC_CHANNELS,
  PRELOAD_EVENTS,
  type DesktopEvent,
  type DesktopEventArgs,
  type PreloadEvent,
  type TabPortMessage,
} from '../../app/electronIpc.js';
import { invokeSkeinCall, parseSkeinCall, type ParsedSkeinCall } from '../../app/skeinCallSchemas.js';
import { SkeinError } from '../../app/skeinError.js';
import { toSkeinError } from '../service/toSkeinError.js';
import type { DesktopElectron, ShellPort, ShellWebContents } from './desktopElectron.js';
import { tabOutputBuffer } from './tabOutputBuffer.js';

/** Events about one tab: a page hears them only for tabs it opened. */
const TAB_EVENTS = new Set<PreloadEvent>(['onTabReconnecting', 'onTabRestored', 'onTabClosed']);
/** Calls about one tab: for a tab another page opened they do nothing, as the core does for an unknown tab. */
const TAB_CALLS = new Set<string>(['resizeTab', 'closeTab']);
/** Questions for the person: a hidden window is shown so someone can answer before the question expires. */
const PROMPT_EVENTS = new Set<PreloadEvent>(['onHostKeyPrompt', 'onAuthPrompt']);
const preloadEvents = new Set<string>(PRELOAD_EVENTS);

export interface WindowLinkOptions {
  contents: ShellWebContents;
  api: SkeinApi;
  createMessageChannel: DesktopElectron['createMessageChannel'];
  /** A prompt arrived for this page: show and focus its window. */
  needsAttention(): void;
  /** A tab opened on this saved host (recent use for the tray). */
  tabOpened(hostId: string): void;
  warn(message: string): void;
}

export class WindowLink {
  /** The page's own subscriptions, by event; gone with the page. */
  private readonly pageEvents = new Map<PreloadEvent, () => void>();
  private readonly tabs = new Set<string>();
  private port: ShellPort | undefined;
  /** Output that came before the page asked for its port; ShellTab's watermark bounds it. */
  private portBacklog: TabPortMessage[] = [];
  private loaded = false;
  private desktopBacklog: { event: DesktopEvent; args: unknown[] }[] = [];
  private readonly unsubscribeCore: (() => void)[];

  constructor(private readonly options: WindowLinkOptions) {
    this.unsubscribeCore = [
      options.api.onTabData((tabId, data) => {
        if (this.tabs.has(tabId)) this.post({ kind: 'output', tabId, data: tabOutputBuffer(data) });
      }),
      options.api.onTabClosed((tabId: string, _reason: TabCloseReason) => void this.tabs.delete(tabId)),
    ];
  }

  get id(): number {
    return this.options.contents.id;
  }

  /** Runs a checked call for this page. openTab makes the tab this page's. */
  async call(call: ParsedSkeinCall): Promise<unknown> {
    if (TAB_CALLS.has(call.method) && !this.tabs.has(call.args[0] as string)) return undefined;
    if (call.method === 'openTab') {
      const info = await this.options.api.openTab(...call.args);
      // Nothing of the tab's output can come before this line: openTab resolves in microtasks, bytes arrive with I/O.
      this.tabs.add(info.tabId);
      this.options.tabOpened(info.hostId);
      return info;
    }
    return invokeSkeinCall(this.options.api, call);
  }

  /** The page started listening to an event: only now does the core's event reach it. */
  subscribe(name: unknown): void {
    if (typeof name !== 'string' || !preloadEvents.has(name)) return this.options.warn(`ignored a subscription to ${String(name).slice(0, 100)}: not an event of Skein's preload`);
    const event = name as PreloadEvent;
    if (this.pageEvents.has(event)) return;
    const channel = IPC_CHANNELS.event(event);
    const events = this.options.api as unknown as Record<PreloadEvent, (cb: (...args: unknown[]) => void) => () => void>;
    const unsubscribe = events[event]((...args: unknown[]) => {
      if (TAB_EVENTS.has(event) && !this.ownsTabIn(args)) return;
      if (this.options.contents.isDestroyed()) return;
      if (PROMPT_EVENTS.has(event)) this.options.needsAttention();
      this.options.contents.send(channel, ...args);
    });
    this.pageEvents.set(event, unsubscribe);
  }

  unsubscribe(name: unknown): void {
    const event = name as PreloadEvent;
    this.pageEvents.get(event)?.();
    this.pageEvents.delete(event);
  }

  /** The page asked for its tab port: a new one replaces any before it (the page's bridge holds one). */
  attachPort(): void {
    this.port?.close();
    const { port1, port2 } = this.options.createMessageChannel();
    this.port = port1;
    port1.on('message', (message) => this.receive(message.data));
    port1.start();
    this.options.contents.postMessage(IPC_CHANNELS.tabPort, null, [port2]);
    for (const message of this.portBacklog.splice(0)) port1.postMessage(message);
  }

  /** The page finished loading: its preload listens now, so held desktop events go out. */
  pageLoaded(): void {
    this.loaded = true;
    for (const { event, args } of this.desktopBacklog.splice(0)) this.options.contents.send(IPC_CHANNELS.desktop(event), ...args);
  }

  sendDesktop<E extends DesktopEvent>(event: E, ...args: DesktopEventArgs[E]): void {
    if (this.options.contents.isDestroyed()) return;
    if (this.loaded) this.options.contents.send(IPC_CHANNELS.desktop(event), ...args);
    else this.desktopBacklog.push({ event, args });
  }

  /**
   * The page is gone (reloaded, crashed, its window closed): its subscriptions end, so prompts stop
   * waiting for it, and its shells are closed rather than run on with nobody watching.
   */
  pageGone(): void {
    this.loaded = false;
    for (const unsubscribe of this.pageEvents.values()) unsubscribe();
    this.pageEvents.clear();
    this.port?.close();
    this.port = undefined;
    this.portBacklog = [];
    for (const tabId of [...this.tabs]) this.options.api.closeTab(tabId);
    this.tabs.clear();
  }

  dispose(): void {
    this.pageGone();
    this.desktopBacklog = [];
    for (const unsubscribe of this.unsubscribeCore) unsubscribe();
  }

  private ownsTabIn(args: unknown[]): boolean {
    const first = args[0];
    const tabId = typeof first === 'string' ? first : (first as { tabId?: unknown } | undefined)?.tabId;
    return typeof tabId === 'string' && this.tabs.has(tabId);
  }

  private post(message: TabPortMessage): void {
    if (this.port) this.port.postMessage(message);
    else this.portBacklog.push(message);
  }

  /** Input and acknowledgements from the page, checked by the same schemas as the calls. */
  private receive(message: unknown): void {
    try {
      const { kind, tabId, data, bytes } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
      if (kind === 'input') {
        const call = parseSkeinCall('writeTab', [tabId, data instanceof ArrayBuffer ? new Uint8Array(data) : data]);
        if (call.method === 'writeTab' && this.tabs.has(call.args[0])) this.options.api.writeTab(...call.args);
      } else if (kind === 'ack') {
        const call = parseSkeinCall('ackTab', [tabId, bytes]);
        if (call.method === 'ackTab' && this.tabs.has(call.args[0])) this.options.api.ackTab(...call.args);
      } else {
        throw new SkeinError({ code: 'INVALID_INPUT', message: `the tab port takes { kind: "input" | "ack", tabId, ... }, not kind ${JSON.stringify(kind)}`, field: 'kind' });
      }
    } catch (err) {
      this.port?.postMessage({ kind: 'error', error: toSkeinError(err).toShape() } satisfies TabPortMessage);
    }
  }
}
