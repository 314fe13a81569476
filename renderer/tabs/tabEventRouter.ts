// Routes the core's tab events to the one session each belongs to, holding events that arrive before their tab is known.
import type { SkeinApi, TabCloseReason, TabReconnecting } from '../../app/api.js';

export type TabEventSource = Pick<SkeinApi, 'onTabData' | 'onTabReconnecting' | 'onTabRestored' | 'onTabClosed'>;

export interface TabEventHandlers {
  data(bytes: Uint8Array): void;
  reconnecting(event: TabReconnecting): void;
  restored(): void;
  closed(reason: TabCloseReason): void;
}

type HeldEvent = { [K in keyof TabEventHandlers]: { type: K; args: Parameters<TabEventHandlers[K]> } }[keyof TabEventHandlers];

export interface TabEventRouterOptions {
  /** Server tabs whose events may wait for their session at once; the oldest is dropped past it. */
  maxWaitingTabs: number;
}

/**
 * A server tab's id is known only when openTab resolves, and the core may send its first output
 * before the reply is seen; those events wait here, in order, and go to the session when it registers.
 */
export class TabEventRouter {
  private readonly routes = new Map<string, TabEventHandlers>();
  private readonly waiting = new Map<string, HeldEvent[]>();
  /** Tabs whose session is gone: their late events are dropped, not held. */
  private readonly retired = new Set<string>();

  constructor(private readonly options: TabEventRouterOptions = { maxWaitingTabs: 32 }) {}

  /** Subscribes to the core's events; returns the function that stops listening. */
  listen(source: TabEventSource): () => void {
    const stops = [
      source.onTabData((tabId, data) => this.deliver(tabId, { type: 'data', args: [data] })),
      source.onTabReconnecting((event) => this.deliver(event.tabId, { type: 'reconnecting', args: [event] })),
      source.onTabRestored((tabId) => this.deliver(tabId, { type: 'restored', args: [] })),
      source.onTabClosed((tabId, reason) => this.deliver(tabId, { type: 'closed', args: [reason] })),
    ];
    return () => stops.forEach((stop) => stop());
  }

  /** Hands the tab's events (those already waiting first) to `handlers`; the returned function retires the tab. */
  register(tabId: string, handlers: TabEventHandlers): () => void {
    this.retired.delete(tabId);
    this.routes.set(tabId, handlers);
    const held = this.waiting.get(tabId) ?? [];
    this.waiting.delete(tabId);
    for (const event of held) {
      if (this.routes.get(tabId) !== handlers) break;
      dispatch(handlers, event);
    }
    return () => {
      if (this.routes.get(tabId) === handlers) this.routes.delete(tabId);
      this.retired.add(tabId);
    };
  }

  private deliver(tabId: string, event: HeldEvent): void {
    const handlers = this.routes.get(tabId);
    if (handlers) return dispatch(handlers, event);
    if (this.retired.has(tabId)) return;
    let held = this.waiting.get(tabId);
    if (!held) {
      if (this.waiting.size >= this.options.maxWaitingTabs) {
        const oldest = this.waiting.keys().next().value;
        if (oldest !== undefined) this.waiting.delete(oldest);
      }
      held = [];
      this.waiting.set(tabId, held);
    }
    held.push(event);
  }
}

function dispatch(handlers: TabEventHandlers, event: HeldEvent): void {
  switch (event.type) {
    case 'data':
      return handlers.data(...event.args);
    case 'reconnecting':
      return handlers.reconnecting(...event.args);
    case 'restored':
      return handlers.restored();
    case 'closed':
      return handlers.closed(...event.args);
  }
}
