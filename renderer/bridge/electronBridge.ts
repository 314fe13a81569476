// SkeinApi in the desktop window: the preload's typed calls and events, and the terminal's bytes on the window's tab port.
import type { SkeinApi, TabCloseReason, TabReconnecting } from '../../app/api.js';
import {
  DESKTOP_PRELOAD_GLOBAL,
  SKEIN_PRELOAD_GLOBAL,
  TAB_PORT_MESSAGE,
  type DesktopPreload,
  type IpcReply,
  type SkeinPreload,
  type TabPortMessage,
} from '../../app/electronIpc.js';
import { Listeners } from '../../app/listeners.js';
import { SkeinError, skeinErrorFromShape } from '../../app/skeinError.js';
import { rethrowLater } from './rethrowLater.js';

/** The page's window as the bridge uses it: the tab port comes as one of its messages. */
export interface BridgeWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface ElectronBridgeOptions {
  preload: SkeinPreload;
  desktop: DesktopPreload;
  window: BridgeWindow;
  /** Input (a big paste) goes out in pieces of at most this many bytes. Default 64 KiB. */
  inputChunkBytes?: number;
}

type Args<K extends keyof SkeinApi> = Parameters<SkeinApi[K]>;

/** The preload's globals, when this page runs in Skein's desktop window. */
export function electronPreloads(scope: object): { preload: SkeinPreload; desktop: DesktopPreload } | undefined {
  const globals = scope as Record<string, unknown>;
  const preload = globals[SKEIN_PRELOAD_GLOBAL] as SkeinPreload | undefined;
  const desktop = globals[DESKTOP_PRELOAD_GLOBAL] as DesktopPreload | undefined;
  return preload && desktop ? { preload, desktop } : undefined;
}

export class ElectronBridge implements SkeinApi {
  private port: MessagePort | undefined;
  /** Input and acknowledgements made before the port arrived, sent once it has. */
  private readonly waiting: { message: TabPortMessage; transfer: ArrayBuffer[] }[] = [];
  // One listener that throws does not keep the others from hearing; its error is thrown again on its own.
  private readonly tabDataListeners = new Listeners<[string, Uint8Array]>(rethrowLater);
  private readonly errorListeners = new Listeners<[SkeinError]>(rethrowLater);
  private readonly preload: SkeinPreload;
  private readonly receivePort = (event: MessageEvent): void => {
    // Only this window's own preload posts to it; a frame's message could otherwise plant a port.
    if (event.source !== (this.options.window as unknown) || event.data !== TAB_PORT_MESSAGE || !event.ports[0]) return;
    this.port?.close();
    const port = event.ports[0];
    this.port = port;
    port.onmessage = (message: MessageEvent<TabPortMessage>) => this.receive(message.data);
    for (const { message, transfer } of this.waiting.splice(0)) port.postMessage(message, transfer);
  };

  constructor(private readonly options: ElectronBridgeOptions) {
    this.preload = options.preload;
    options.window.addEventListener('message', this.receivePort);
    options.desktop.requestTabPort();
  }

  /** Failures of calls nobody awaits (resizeTab, closeTab, answers, refused input): for the UI to show or log. */
  onError(cb: (error: SkeinError) => void): () => void {
    return this.errorListeners.add(cb);
  }

  // What only the desktop shell says to the page.
  onQuickConnectPrefill(...args: Parameters<DesktopPreload['onQuickConnectPrefill']>): () => void {
    return this.options.desktop.onQuickConnectPrefill(...args);
  }
  onOpenHost(...args: Parameters<DesktopPreload['onOpenHost']>): () => void {
    return this.options.desktop.onOpenHost(...args);
  }
  onShowView(...args: Parameters<DesktopPreload['onShowView']>): () => void {
    return this.options.desktop.onShowView(...args);
  }

  close(): void {
    this.options.window.removeEventListener('message', this.receivePort);
    this.port?.close();
    this.port = undefined;
  }

  // Saved hosts.
  listHosts(...args: Args<'listHosts'>) {
    return this.result(this.preload.listHosts(...args));
  }
  searchHosts(...args: Args<'searchHosts'>) {
    return this.result(this.preload.searchHosts(...args));
  }
  createHost(...args: Args<'createHost'>) {
    return this.result(this.preload.createHost(...args));
  }
  updateHost(...args: Args<'updateHost'>) {
    return this.result(this.preload.updateHost(...args));
  }
  deleteHost(...args: Args<'deleteHost'>) {
    return this.result(this.preload.deleteHost(...args));
  }
  hostProblems(...args: Args<'hostProblems'>) {
    return this.result(this.preload.hostProblems(...args));
  }
  importSshConfig(...args: Args<'importSshConfig'>) {
    return this.result(this.preload.importSshConfig(...args));
  }
  connectHost(...args: Args<'connectHost'>) {
    return this.result(this.preload.connectHost(...args));
  }
  disconnectHost(...args: Args<'disconnectHost'>) {
    return this.result(this.preload.disconnectHost(...args));
  }
  quickConnect(...args: Args<'quickConnect'>) {
    return this.result(this.preload.quickConnect(...args));
  }
  saveQuickHost(...args: Args<'saveQuickHost'>) {
    return this.result(this.preload.saveQuickHost(...args));
  }
  reconnectNow(...args: Args<'reconnectNow'>) {
    return this.result(this.preload.reconnectNow(...args));
  }

  // Tabs: calls over IPC, bytes over the port.
  openTab(...args: Args<'openTab'>) {
    return this.result(this.preload.openTab(...args));
  }
  writeTab(tabId: string, data: Uint8Array): void {
    const chunk = this.options.inputChunkBytes ?? 64 * 1024;
    for (let at = 0; at < data.byteLength; at += chunk) {
      // A copy of its own, so transferring it leaves the caller's bytes alone.
      const piece = data.slice(at, at + chunk).buffer;
      this.post({ kind: 'input', tabId, data: piece }, [piece]);
    }
  }
  resizeTab(...args: Args<'resizeTab'>): void {
    this.notify(this.preload.resizeTab(...args));
  }
  closeTab(...args: Args<'closeTab'>): void {
    this.notify(this.preload.closeTab(...args));
  }
  ackTab(tabId: string, bytes: number): void {
    if (Number.isSafeInteger(bytes) && bytes > 0) this.post({ kind: 'ack', tabId, bytes }, []);
  }
  onTabData(cb: (tabId: string, data: Uint8Array) => void): () => void {
    return this.tabDataListeners.add(cb);
  }
  onTabReconnecting(cb: (event: TabReconnecting) => void): () => void {
    return this.preload.onTabReconnecting(cb);
  }
  onTabRestored(cb: (tabId: string) => void): () => void {
    return this.preload.onTabRestored(cb);
  }
  onTabClosed(cb: (tabId: string, reason: TabCloseReason) => void): () => void {
    return this.preload.onTabClosed(cb);
  }

  exec(...args: Args<'exec'>) {
    return this.result(this.preload.exec(...args));
  }
  startForward(...args: Args<'startForward'>) {
    return this.result(this.preload.startForward(...args));
  }
  stopForward(...args: Args<'stopForward'>) {
    return this.result(this.preload.stopForward(...args));
  }

  // Prompts.
  onHostKeyPrompt(...args: Args<'onHostKeyPrompt'>) {
    return this.preload.onHostKeyPrompt(...args);
  }
  answerHostKeyPrompt(...args: Args<'answerHostKeyPrompt'>): void {
    this.notify(this.preload.answerHostKeyPrompt(...args));
  }
  onAuthPrompt(...args: Args<'onAuthPrompt'>) {
    return this.preload.onAuthPrompt(...args);
  }
  answerAuthPrompt(...args: Args<'answerAuthPrompt'>): void {
    this.notify(this.preload.answerAuthPrompt(...args));
  }
  onPromptExpired(...args: Args<'onPromptExpired'>) {
    return this.preload.onPromptExpired(...args);
  }

  // Vault.
  vaultStatus(...args: Args<'vaultStatus'>) {
    return this.result(this.preload.vaultStatus(...args));
  }
  createVault(...args: Args<'createVault'>) {
    return this.result(this.preload.createVault(...args));
  }
  unlockVault(...args: Args<'unlockVault'>) {
    return this.result(this.preload.unlockVault(...args));
  }

  // Pool health.
  poolSnapshot(...args: Args<'poolSnapshot'>) {
    return this.result(this.preload.poolSnapshot(...args));
  }
  onPoolSnapshot(...args: Args<'onPoolSnapshot'>) {
    return this.preload.onPoolSnapshot(...args);
  }

  // Settings.
  getSettings(...args: Args<'getSettings'>) {
    return this.result(this.preload.getSettings(...args));
  }
  updateSettings(...args: Args<'updateSettings'>) {
    return this.result(this.preload.updateSettings(...args));
  }
  onSettingsChanged(...args: Args<'onSettingsChanged'>) {
    return this.preload.onSettingsChanged(...args);
  }

  /** The core's error comes back whole (code, message, hint, field); a failure of IPC itself is INTERNAL. */
  private async result<T>(reply: Promise<IpcReply<T>>): Promise<T> {
    let settled: IpcReply<T>;
    try {
      settled = await reply;
    } catch (err) {
      throw new SkeinError({ code: 'INTERNAL', message: `the call did not reach Skein's core: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (settled.ok) return settled.value;
    throw skeinErrorFromShape(settled.error);
  }

  private notify(reply: Promise<IpcReply<unknown>>): void {
    this.result(reply).catch((err: unknown) => this.errorListeners.emit(err instanceof SkeinError ? err : skeinErrorFromShape(err)));
  }

  private post(message: TabPortMessage, transfer: ArrayBuffer[]): void {
    if (this.port) this.port.postMessage(message, transfer);
    else this.waiting.push({ message, transfer });
  }

  private receive(message: TabPortMessage): void {
    if (message.kind === 'output') this.tabDataListeners.emit(message.tabId, new Uint8Array(message.data));
    else if (message.kind === 'error') this.errorListeners.emit(skeinErrorFromShape(message.error));
  }
}
