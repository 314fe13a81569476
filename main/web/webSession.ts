// One browser page's link to the core: its calls, its tabs and its subscriptions, kept for a short grace when the socket drops.
import { WebSocket, type RawData } from 'ws';
import type { SkeinApi, SkeinCall, TabCloseReason } from '../../app/api.js';
import { SkeinError } from '../../app/skeinError.js';
import { callIdOf, decodeTabFrame, encodeTabFrame, parseCallMessage, type EventMessage, type ServerMessage } from '../../app/webProtocol.js';
import { SentOutput } from './sentOutput.js';
import { invokeSkeinCall, parseSkeinCall, type ParsedSkeinCall } from '../../app/skeinCallSchemas.js';
import { toSkeinError } from '../service/toSkeinError.js';

/** Calls about one tab: a page may make them only for tabs it opened; for any other tab they do nothing, as in the core. */
const TAB_CALLS = new Set<SkeinCall>(['writeTab', 'resizeTab', 'closeTab', 'ackTab']);

export class WebSession {
  private socket: WebSocket | undefined;
  private readonly tabs = new Map<string, SentOutput>();
  private unsubscribe: (() => void)[] = [];
  private graceTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    readonly id: string,
    private readonly api: SkeinApi,
    /** How long the tabs of a page whose socket dropped are kept for it to come back. */
    private readonly graceMs: number,
    private readonly onEnd: (session: WebSession) => void,
  ) {}

  /** Takes a new socket for this session; a resumed page is sent again what it may have missed. */
  attach(socket: WebSocket, resumed: boolean): void {
    const previous = this.socket;
    if (previous) {
      this.release();
      previous.close(4000, 'replaced by a newer connection of the same page');
    }
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.socket = socket;
    const tabs = [...this.tabs].map(([tabId, output]) => ({ tabId, acked: output.acked }));
    this.send({ welcome: { session: this.id, resumed, tabs } });
    for (const [tabId, output] of this.tabs) for (const data of output.unacknowledged()) this.sendOutput(tabId, data);
    // Prompts reach connected pages only: with none open, the core refuses at once instead of waiting for nobody.
    this.unsubscribe = [
      this.api.onHostKeyPrompt((prompt) => this.send({ event: 'onHostKeyPrompt', args: [prompt] })),
      this.api.onAuthPrompt((prompt) => this.send({ event: 'onAuthPrompt', args: [prompt] })),
      this.api.onPromptExpired((promptId, message) => this.send({ event: 'onPromptExpired', args: [promptId, message] })),
      this.api.onPoolSnapshot((snapshot) => this.send({ event: 'onPoolSnapshot', args: [snapshot] })),
      this.api.onSettingsChanged((settings) => this.send({ event: 'onSettingsChanged', args: [settings] })),
    ];
    socket.on('message', (data: RawData, isBinary: boolean) => {
      // A replaced socket's late acks would be counted twice once the new one has its welcome.
      if (this.socket !== socket) return;
      if (isBinary) this.receiveFrame(bytesOf(data));
      else void this.receiveCall(socket, bytesOf(data).toString('utf8'));
    });
    // ws closes the socket after an error (an oversized or malformed message); unheard, the error would end the server.
    socket.on('error', () => undefined);
    socket.on('close', () => this.detach(socket));
  }

  /** Routes the core's output of one of this session's tabs; false when the tab is not this session's. */
  tabOutput(tabId: string, data: Uint8Array): boolean {
    const output = this.tabs.get(tabId);
    if (!output) return false;
    output.push(data);
    this.sendOutput(tabId, data);
    return true;
  }

  tabEvent(tabId: string, message: EventMessage): boolean {
    if (!this.tabs.has(tabId)) return false;
    this.send(message);
    return true;
  }

  tabClosed(tabId: string, reason: TabCloseReason): boolean {
    if (!this.tabs.delete(tabId)) return false;
    this.send({ event: 'onTabClosed', args: [tabId, reason] });
    if (!this.socket && this.tabs.size === 0) this.end();
    return true;
  }

  /** The server is stopping: the core closes the tabs itself. */
  shutdown(): void {
    this.ended = true;
    clearTimeout(this.graceTimer);
    const socket = this.socket;
    if (socket) {
      this.release();
      socket.close(1001, 'the Skein server is shutting down');
    }
  }

  /** The socket went away: the session waits for the page to come back, for the grace at most. */
  private detach(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.release();
    if (this.ended) return;
    if (this.tabs.size === 0) this.end();
    else this.graceTimer = setTimeout(() => this.end(), this.graceMs);
  }

  private release(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    this.socket = undefined;
  }

  /** The page did not come back: its shells are closed so they do not run on with nobody watching. */
  private end(): void {
    this.ended = true;
    clearTimeout(this.graceTimer);
    for (const tabId of this.tabs.keys()) this.api.closeTab(tabId);
    this.tabs.clear();
    this.onEnd(this);
  }

  /** The reply goes back on the socket the call came on: a newer socket's page has no such call waiting. */
  private async receiveCall(socket: WebSocket, text: string): Promise<void> {
    const id = callIdOf(text);
    let reply: ServerMessage;
    try {
      const message = parseCallMessage(text);
      const call = parseSkeinCall(message.method, message.args);
      reply = { id, result: await this.invoke(call.method, call.args) };
    } catch (err) {
      reply = { id, error: toSkeinError(err).toShape() };
    }
    if (this.socket === socket) this.send(reply);
  }

  private async invoke(method: SkeinCall, args: unknown[]): Promise<unknown> {
    if (TAB_CALLS.has(method) && !this.tabs.has(args[0] as string)) return undefined;
    if (method === 'ackTab') return this.ack(args[0] as string, args[1] as number);
    if (method === 'openTab') {
      const info = await this.api.openTab(...(args as Parameters<SkeinApi['openTab']>));
      // No output can come before this line runs: openTab resolves in microtasks, the shell's bytes arrive with I/O.
      if (this.ended) this.api.closeTab(info.tabId);
      else this.tabs.set(info.tabId, new SentOutput());
      return info;
    }
    return invokeSkeinCall(this.api, { method, args } as ParsedSkeinCall);
  }

  private receiveFrame(bytes: Uint8Array): void {
    try {
      const frame = decodeTabFrame(bytes);
      if (frame.kind === 'output') throw new SkeinError({ code: 'INVALID_INPUT', message: 'output frames go from the server to the page, not back', field: 'frame' });
      if (frame.kind === 'input') {
        const call = parseSkeinCall('writeTab', [frame.tabId, frame.data]);
        if (this.tabs.has(frame.tabId)) this.api.writeTab(...(call.args as Parameters<SkeinApi['writeTab']>));
      } else {
        parseSkeinCall('ackTab', [frame.tabId, frame.bytes]);
        this.ack(frame.tabId, frame.bytes);
      }
    } catch (err) {
      this.send({ id: null, error: toSkeinError(err).toShape() });
    }
  }

  private ack(tabId: string, bytes: number): void {
    const acknowledged = this.tabs.get(tabId)?.ack(bytes) ?? 0;
    if (acknowledged > 0) this.api.ackTab(tabId, acknowledged);
  }

  private sendOutput(tabId: string, data: Uint8Array): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(encodeTabFrame({ kind: 'output', tabId, data }), { binary: true });
  }

  private send(message: ServerMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
