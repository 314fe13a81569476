// SkeinApi over web mode's WebSocket, the renderer's only way to the core in a browser; reconnects and resumes its tabs byte-exact.
import type {
  AuthPromptEvent,
  ExecOutcome,
  HostKeyPromptEvent,
  HostProblem,
  ImportSummary,
  QuickConnectResult,
  QuickConnectSpec,
  SkeinApi,
  SkeinCall,
  TabCloseReason,
  TabInfo,
  TabReconnecting,
  VaultStatus,
} from '../../app/api.js';
import type { PoolSnapshot } from '../../app/health.js';
import type { HostSecretsInput, SavedHostDraft, SavedHostPatch, SavedHostView } from '../../app/hosts.js';
import { Listeners } from '../../app/listeners.js';
import type { Settings, SettingsPatch } from '../../app/settings.js';
import { SkeinError, skeinErrorFromShape } from '../../app/skeinError.js';
import { decodeTabFrame, encodeTabFrame, WEB_SESSION_PARAM, type ServerMessage, type WelcomeMessage } from '../../app/webProtocol.js';
import { rethrowLater } from './rethrowLater.js';

/** What the bridge needs of a socket: the browser's WebSocket and the `ws` package each adapt to it in a few lines. */
export interface BridgeSocket {
  send(data: string | Uint8Array): void;
  close(): void;
}

export interface BridgeSocketHandlers {
  open(): void;
  /** Text frames as strings, binary frames as bytes. */
  message(data: string | Uint8Array): void;
  /** Fired once, whether the socket closed, failed to connect or was refused. */
  close(): void;
}

export type OpenBridgeSocket = (url: string, handlers: BridgeSocketHandlers) => BridgeSocket;

/** connecting: first connection; open: calls flow; reconnecting: the socket dropped and is being replaced; closed: close() was called. */
export type BridgeState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WebSocketBridgeOptions {
  /** e.g. ws://127.0.0.1:PORT/ws */
  url: string;
  openSocket: OpenBridgeSocket;
  /** Reconnect delays double from firstMs up to maxMs. Default 250 ms to 4 s, well inside the server's 15 s session grace. */
  backoff?: { firstMs: number; maxMs: number };
  /** A call made while not connected waits this long for the connection before it fails. Default 10 s. */
  queueTimeoutMs?: number;
  /** Input (a big paste) goes out in frames of at most this many bytes. Default 64 KiB. */
  inputChunkBytes?: number;
}

interface TabCounters {
  /** Output bytes handed to onTabData listeners. */
  received: number;
  /** Output bytes the renderer acknowledged with ackTab. */
  acked: number;
  /** Bytes of output the server sends again after a resume that were already handed over. */
  skip: number;
  /** closeTab was called while the socket was down: sent once it is back. */
  closing: boolean;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: SkeinError) => void;
}

interface Queued extends Pending {
  id: number;
  method: SkeinCall;
  args: unknown[];
  timer: ReturnType<typeof setTimeout>;
}

const MAX_ACK_FRAME = 0xffff_ffff;

export class WebSocketBridge implements SkeinApi {
  private socket: BridgeSocket | undefined;
  private currentState: BridgeState = 'connecting';
  private session: string | null = null;
  private nextId = 1;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sent = new Map<number, Pending>();
  private readonly queued: Queued[] = [];
  private readonly tabs = new Map<string, TabCounters>();
  private readonly listeners = new Map<string, Listeners<unknown[]>>();
  private readonly backoff: { firstMs: number; maxMs: number };

  constructor(private readonly options: WebSocketBridgeOptions) {
    this.backoff = options.backoff ?? { firstMs: 250, maxMs: 4000 };
    this.connect();
  }

  get state(): BridgeState {
    return this.currentState;
  }

  /** For the UI's "not connected to the Skein server" banner. */
  onStateChange(cb: (state: BridgeState) => void): () => void {
    return this.on('state', cb);
  }

  /** Failures of calls nobody awaits (writeTab, closeTab, ...): shown or logged by the UI. */
  onError(cb: (error: SkeinError) => void): () => void {
    return this.on('error', cb);
  }

  close(): void {
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.socket = undefined;
    this.failAll('the page closed its connection to the Skein server');
  }

  // Saved hosts.
  listHosts(): Promise<SavedHostView[]> {
    return this.call('listHosts', []);
  }
  searchHosts(query: string): Promise<SavedHostView[]> {
    return this.call('searchHosts', [query]);
  }
  createHost(draft: SavedHostDraft, secrets?: HostSecretsInput): Promise<SavedHostView> {
    return this.call('createHost', secrets === undefined ? [draft] : [draft, secrets]);
  }
  updateHost(id: string, patch: SavedHostPatch, secrets?: HostSecretsInput): Promise<SavedHostView> {
    return this.call('updateHost', secrets === undefined ? [id, patch] : [id, patch, secrets]);
  }
  deleteHost(id: string): Promise<void> {
    return this.call('deleteHost', [id]);
  }
  hostProblems(): Promise<HostProblem[]> {
    return this.call('hostProblems', []);
  }
  importSshConfig(path?: string): Promise<ImportSummary> {
    return this.call('importSshConfig', path === undefined ? [] : [path]);
  }
  connectHost(hostId: string): Promise<void> {
    return this.call('connectHost', [hostId]);
  }
  disconnectHost(hostId: string): Promise<void> {
    return this.call('disconnectHost', [hostId]);
  }
  quickConnect(spec: QuickConnectSpec): Promise<QuickConnectResult> {
    return this.call('quickConnect', [spec]);
  }
  saveQuickHost(hostId: string, label?: string): Promise<SavedHostView> {
    return this.call('saveQuickHost', label === undefined ? [hostId] : [hostId, label]);
  }
  reconnectNow(hostId: string): Promise<void> {
    return this.call('reconnectNow', [hostId]);
  }

  // Tabs.
  async openTab(hostId: string, size: { cols: number; rows: number }, opts?: { newConnection?: boolean }): Promise<TabInfo> {
    const info = await this.call<TabInfo>('openTab', opts === undefined ? [hostId, size] : [hostId, size, opts]);
    // Runs before the next socket message, so the tab's first output finds it.
    this.tabs.set(info.tabId, { received: 0, acked: 0, skip: 0, closing: false });
    return info;
  }

  writeTab(tabId: string, data: Uint8Array): void {
    // Typing while the socket is down reaches nobody; the state change tells the UI.
    if (this.currentState !== 'open' || !this.tabs.has(tabId)) return;
    const chunk = this.options.inputChunkBytes ?? 64 * 1024;
    for (let at = 0; at < data.byteLength; at += chunk) {
      this.socket?.send(encodeTabFrame({ kind: 'input', tabId, data: data.subarray(at, at + chunk) }));
    }
  }

  resizeTab(tabId: string, cols: number, rows: number): void {
    this.notify('resizeTab', [tabId, cols, rows]);
  }

  closeTab(tabId: string): void {
    const tab = this.tabs.get(tabId);
    if (tab && this.currentState !== 'open') tab.closing = true;
    else this.notify('closeTab', [tabId]);
  }

  ackTab(tabId: string, bytes: number): void {
    const tab = this.tabs.get(tabId);
    if (!tab || !Number.isSafeInteger(bytes) || bytes <= 0) return;
    tab.acked += bytes;
    // Acks lost while the socket is down are made up after the resume (see welcome()).
    if (this.currentState === 'open') this.sendAck(tabId, bytes);
  }

  onTabData(cb: (tabId: string, data: Uint8Array) => void): () => void {
    return this.on('onTabData', cb);
  }
  onTabReconnecting(cb: (event: TabReconnecting) => void): () => void {
    return this.on('onTabReconnecting', cb);
  }
  onTabRestored(cb: (tabId: string) => void): () => void {
    return this.on('onTabRestored', cb);
  }
  onTabClosed(cb: (tabId: string, reason: TabCloseReason) => void): () => void {
    return this.on('onTabClosed', cb);
  }

  exec(hostId: string, command: string, opts?: { timeoutMs?: number }): Promise<ExecOutcome> {
    return this.call('exec', opts === undefined ? [hostId, command] : [hostId, command, opts]);
  }

  startForward(hostId: string, forwardId: string): Promise<{ bindAddress: string; bindPort: number }> {
    return this.call('startForward', [hostId, forwardId]);
  }
  stopForward(hostId: string, forwardId: string): Promise<void> {
    return this.call('stopForward', [hostId, forwardId]);
  }

  // Prompts.
  onHostKeyPrompt(cb: (prompt: HostKeyPromptEvent) => void): () => void {
    return this.on('onHostKeyPrompt', cb);
  }
  answerHostKeyPrompt(promptId: string, trust: boolean): void {
    this.notify('answerHostKeyPrompt', [promptId, trust]);
  }
  onAuthPrompt(cb: (prompt: AuthPromptEvent) => void): () => void {
    return this.on('onAuthPrompt', cb);
  }
  answerAuthPrompt(promptId: string, answers: string[] | null): void {
    this.notify('answerAuthPrompt', [promptId, answers]);
  }
  onPromptExpired(cb: (promptId: string, message: string) => void): () => void {
    return this.on('onPromptExpired', cb);
  }

  // Vault.
  vaultStatus(): Promise<VaultStatus> {
    return this.call('vaultStatus', []);
  }
  createVault(passphrase: string): Promise<void> {
    return this.call('createVault', [passphrase]);
  }
  unlockVault(passphrase: string): Promise<void> {
    return this.call('unlockVault', [passphrase]);
  }

  // Pool health.
  poolSnapshot(): Promise<PoolSnapshot> {
    return this.call('poolSnapshot', []);
  }
  onPoolSnapshot(cb: (snapshot: PoolSnapshot) => void): () => void {
    return this.on('onPoolSnapshot', cb);
  }

  // Settings.
  getSettings(): Promise<Settings> {
    return this.call('getSettings', []);
  }
  updateSettings(patch: SettingsPatch): Promise<Settings> {
    return this.call('updateSettings', [patch]);
  }
  onSettingsChanged(cb: (settings: Settings) => void): () => void {
    return this.on('onSettingsChanged', cb);
  }

  private connect(): void {
    const url = this.session === null ? this.options.url : `${this.options.url}?${WEB_SESSION_PARAM}=${encodeURIComponent(this.session)}`;
    let socket: BridgeSocket | undefined = undefined;
    const closed = (): void => {
      if (this.socket === socket) this.dropped();
    };
    socket = this.options.openSocket(url, {
      open: () => undefined, // calls wait for the welcome, which says whether the tabs survived
      message: (data) => {
        if (this.socket === socket) this.receive(data);
      },
      close: closed,
    });
    this.socket = socket;
  }

  private dropped(): void {
    this.socket = undefined;
    for (const [, pending] of this.sent) {
      pending.reject(lost('the connection to the Skein server dropped before it answered; the call may or may not have been done'));
    }
    this.sent.clear();
    if (this.currentState === 'closed') return;
    this.setState(this.currentState === 'connecting' ? 'connecting' : 'reconnecting');
    const delay = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** this.attempt);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(data: string | Uint8Array): void {
    if (typeof data !== 'string') return this.receiveOutput(data);
    const message = JSON.parse(data) as ServerMessage;
    if ('welcome' in message) return this.welcome(message.welcome);
    if ('event' in message) {
      if (message.event === 'onTabClosed') this.tabs.delete(message.args[0] as string);
      return this.emit(message.event, message.args);
    }
    const pending = message.id === null ? undefined : this.sent.get(message.id);
    if (message.id !== null) this.sent.delete(message.id);
    if ('error' in message) {
      const error = skeinErrorFromShape(message.error);
      if (pending) pending.reject(error);
      else this.emit('error', [error]);
    } else pending?.resolve(message.result);
  }

  private receiveOutput(bytes: Uint8Array): void {
    const frame = decodeTabFrame(bytes);
    const tab = this.tabs.get(frame.tabId);
    if (frame.kind !== 'output' || !tab) return;
    let data = frame.data;
    if (tab.skip > 0) {
      const skipped = Math.min(tab.skip, data.byteLength);
      tab.skip -= skipped;
      data = data.subarray(skipped);
      if (data.byteLength === 0) return;
    }
    tab.received += data.byteLength;
    this.emit('onTabData', [frame.tabId, data]);
  }

  /** The server's account of this page's tabs after (re)connecting: it decides what is resent and what is gone. */
  private welcome(welcome: WelcomeMessage['welcome']): void {
    const serverTabs = new Map(welcome.resumed ? welcome.tabs.map((t) => [t.tabId, t.acked]) : []);
    this.session = welcome.session;
    this.attempt = 0;
    this.setState('open');
    for (const [tabId, tab] of [...this.tabs]) {
      const acked = serverTabs.get(tabId);
      if (acked === undefined) {
        this.tabs.delete(tabId);
        const reason: TabCloseReason = welcome.resumed
          ? { type: 'closed' }
          : { type: 'connection-lost', message: 'the Skein server restarted or let this page go, and the shell went with it' };
        this.emit('onTabClosed', [tabId, reason]);
        continue;
      }
      // The server resends everything after `acked`; what was already handed over is skipped, acks lost in the drop are made up.
      tab.skip = tab.received - acked;
      if (tab.acked > acked) this.sendAck(tabId, tab.acked - acked);
      if (tab.closing) this.notify('closeTab', [tabId]);
    }
    // A tab opened by a call the drop cut off belongs to nobody here.
    for (const tabId of serverTabs.keys()) if (!this.tabs.has(tabId)) this.notify('closeTab', [tabId]);
    for (const call of this.queued.splice(0)) {
      clearTimeout(call.timer);
      this.sent.set(call.id, call);
      this.socket?.send(JSON.stringify({ id: call.id, method: call.method, args: call.args }));
    }
  }

  private call<T>(method: SkeinCall, args: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      const pending: Pending = { resolve: resolve as (value: unknown) => void, reject };
      if (this.currentState === 'closed') return reject(lost('the page closed its connection to the Skein server'));
      if (this.currentState === 'open') {
        this.sent.set(id, pending);
        this.socket?.send(JSON.stringify({ id, method, args }));
        return;
      }
      const timeoutMs = this.options.queueTimeoutMs ?? 10_000;
      const timer = setTimeout(() => {
        const at = this.queued.findIndex((q) => q.id === id);
        if (at >= 0) this.queued.splice(at, 1);
        reject(lost(`the Skein server did not answer for ${timeoutMs / 1000} s; if it was restarted, open the address it printed`));
      }, timeoutMs);
      this.queued.push({ ...pending, id, method, args, timer });
    });
  }

  /** A call whose result nobody awaits; a failure goes to onError. */
  private notify(method: SkeinCall, args: unknown[]): void {
    this.call(method, args).catch((err: unknown) => this.emit('error', [err]));
  }

  private sendAck(tabId: string, bytes: number): void {
    for (let left = bytes; left > 0; left -= MAX_ACK_FRAME) {
      this.socket?.send(encodeTabFrame({ kind: 'ack', tabId, bytes: Math.min(left, MAX_ACK_FRAME) }));
    }
  }

  private failAll(message: string): void {
    for (const [, pending] of this.sent) pending.reject(lost(message));
    this.sent.clear();
    for (const call of this.queued.splice(0)) {
      clearTimeout(call.timer);
      call.reject(lost(message));
    }
  }

  private setState(state: BridgeState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit('state', [state]);
  }

  private on<A extends unknown[]>(name: string, cb: (...args: A) => void): () => void {
    const listeners = this.listeners.get(name) ?? new Listeners<unknown[]>(rethrowLater);
    this.listeners.set(name, listeners);
    return listeners.add(cb as unknown as (...args: unknown[]) => void);
  }

  private emit(name: string, args: unknown[]): void {
    this.listeners.get(name)?.emit(...args);
  }
}

function lost(message: string): SkeinError {
  return new SkeinError({ code: 'CONNECTION_LOST', message, hint: 'Skein reconnects by itself; try again once it is back.' });
}
