// Every web session of the server: hands each accepted WebSocket to its session and each tab's events to the session that opened it.
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { SkeinApi } from '../../app/api.js';
import { WebSession } from './webSession.js';

export interface SkeinSocketHubOptions {
  /**
   * How long a page's tabs outlive its socket: long enough for the bridge's reconnect (its backoff
   * stays under 5 s) to resume them, short enough that a reloaded or closed page's shells end soon
   * (a reload is a new session). Default 15 s.
   */
  graceMs?: number;
}

export const DEFAULT_SESSION_GRACE_MS = 15_000;

export class SkeinSocketHub {
  private readonly sessions = new Map<string, WebSession>();
  private readonly unsubscribe: (() => void)[];
  private readonly graceMs: number;

  constructor(
    private readonly api: SkeinApi,
    options: SkeinSocketHubOptions = {},
  ) {
    this.graceMs = options.graceMs ?? DEFAULT_SESSION_GRACE_MS;
    this.unsubscribe = [
      api.onTabData((tabId, data) => this.forTab((s) => s.tabOutput(tabId, data))),
      api.onTabReconnecting((event) => this.forTab((s) => s.tabEvent(event.tabId, { event: 'onTabReconnecting', args: [event] }))),
      api.onTabRestored((tabId) => this.forTab((s) => s.tabEvent(tabId, { event: 'onTabRestored', args: [tabId] }))),
      api.onTabClosed((tabId, reason) => this.forTab((s) => s.tabClosed(tabId, reason))),
    ];
  }

  /** `sessionId` is what the page's bridge asked to resume; an unknown or ended one starts a new session. */
  accept(socket: WebSocket, sessionId: string | null): void {
    const existing = sessionId === null ? undefined : this.sessions.get(sessionId);
    const session = existing ?? this.newSession();
    session.attach(socket, existing !== undefined);
  }

  /** Closes every socket; the tabs are the core's to close. */
  close(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const session of this.sessions.values()) session.shutdown();
    this.sessions.clear();
  }

  private newSession(): WebSession {
    // Unguessable, so one page cannot resume another's tabs by counting.
    const id = randomBytes(16).toString('base64url');
    const session = new WebSession(id, this.api, this.graceMs, (ended) => this.sessions.delete(ended.id));
    this.sessions.set(id, session);
    return session;
  }

  /** A tab belongs to at most one session; the first that claims it stops the search. */
  private forTab(route: (session: WebSession) => boolean): void {
    for (const session of this.sessions.values()) if (route(session)) return;
  }
}
