// The open tabs: their state (through tabsReducer), the terminal session behind each, and the actions the UI calls.
import type { SkeinApi } from '../../app/api.js';
import type { PoolSnapshot } from '../../app/health.js';
import type { SavedHostView } from '../../app/hosts.js';
import { skeinErrorFromShape } from '../../app/skeinError.js';
import type { PageWebgl } from '../terminal/rendererChoice.js';
import { TerminalSession } from '../terminal/terminalSession.js';
import { checkedTerminalSettings, type TerminalSettings } from '../terminal/terminalOptions.js';
import type { TerminalColours } from '../terminal/terminalTheme.js';
import { connectionDetail } from './connectionDetail.js';
import { TabEventRouter } from './tabEventRouter.js';
import { EMPTY_TABS, activeTab, tabsReducer, type TabsAction, type TabsState } from './tabsReducer.js';

/** What other views (the host list, quick connect, menus) may ask of the tabs; each works detached (`const { openTab } = ...`). */
export interface TabsActions {
  /**
   * Opens a terminal on a host (saved, or quick connect's); `host` saves a look-up when the caller
   * has it. The shell shares the host's connection unless `newConnection` asks for one of its own.
   */
  readonly openTab: (hostId: string, host?: TabHost, options?: { newConnection?: boolean }) => void;
  readonly newTabOnCurrentHost: () => void;
  readonly closeTab: (id: string) => void;
  readonly activate: (id: string) => void;
  readonly activateRelative: (delta: number) => void;
  readonly activateIndex: (index: number) => void;
  readonly move: (id: string, index: number) => void;
  readonly moveRelative: (id: string, delta: number) => void;
  readonly rename: (id: string, name: string) => void;
  readonly reconnect: (id: string) => void;
  /** While the tab's connection waits out a reconnect backoff: try now. */
  readonly retryNow: (id: string) => void;
}

/** What a tab shows of its host; the host list has it at hand (SavedHostView). */
export interface TabHost {
  label: string;
  colour?: string | undefined;
  /** A SavedHostView's connectionKey, or a pool key from TabInfo; the tabs only compare them with the pool's. */
  connectionKey?: string | undefined;
}

export class TabsController implements TabsActions {
  private state: TabsState = EMPTY_TABS;
  private readonly listeners = new Set<() => void>();
  private readonly sessions = new Map<string, TerminalSession>();
  private readonly router = new TabEventRouter();
  private nextId = 1;
  private settings: TerminalSettings;
  private colours: TerminalColours | undefined;

  constructor(
    private readonly api: SkeinApi,
    /** What draws the page's WebGL, probed once in the composition root; every terminal decides its renderer from it. */
    private readonly pageWebgl: PageWebgl,
    settings: Partial<TerminalSettings> = {},
  ) {
    this.settings = checkedTerminalSettings(settings);
  }

  // Arrow functions: useSyncExternalStore calls them unbound.
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): TabsState => this.state;

  /** Starts routing the core's tab events; the returned function stops it and closes every session. */
  start(): () => void {
    const stop = this.router.listen(this.api);
    const stopHealth = this.api.onPoolSnapshot((snapshot) => this.applySnapshot(snapshot));
    return () => {
      stop();
      stopHealth();
      for (const session of this.sessions.values()) session.dispose();
      this.sessions.clear();
    };
  }

  session(id: string): TerminalSession | undefined {
    return this.sessions.get(id);
  }

  activeSession(): TerminalSession | undefined {
    return this.state.activeId === undefined ? undefined : this.sessions.get(this.state.activeId);
  }

  readonly openTab = (hostId: string, host?: TabHost, options: { newConnection?: boolean } = {}): void => {
    const id = `tab-${this.nextId++}`;
    const dispatchHere = (action: TabsAction): void => this.dispatch(action);
    const session = new TerminalSession({
      hostId,
      ...(options.newConnection ? { newConnection: true } : {}),
      api: this.api,
      router: this.router,
      settings: this.settings,
      colours: this.colours,
      webgl: this.pageWebgl,
      events: {
        connecting: () => dispatchHere({ type: 'connecting', id }),
        opened: (connectionKey) => dispatchHere({ type: 'opened', id, connectionKey }),
        failed: (error) => dispatchHere({ type: 'ended', id, end: { type: 'open-failed', error } }),
        reconnecting: (event) => dispatchHere({ type: 'reconnecting', id, message: event.message }),
        restored: () => dispatchHere({ type: 'restored', id }),
        ended: (reason) => dispatchHere({ type: 'ended', id, end: reason }),
        title: (title) => dispatchHere({ type: 'title', id, title }),
      },
    });
    this.sessions.set(id, session);
    this.dispatch({
      type: 'add',
      id,
      hostId,
      hostLabel: host?.label ?? hostId,
      ...(host?.colour === undefined ? {} : { colour: host.colour }),
      ...(host?.connectionKey === undefined ? {} : { connectionKey: host.connectionKey }),
    });
    if (!host) void this.lookUpHost(hostId);
  };

  readonly newTabOnCurrentHost = (): void => {
    const tab = activeTab(this.state);
    if (tab) this.openTab(tab.hostId, { label: tab.hostLabel, colour: tab.colour, connectionKey: tab.connectionKey });
  };

  readonly closeTab = (id: string): void => {
    this.sessions.get(id)?.dispose();
    this.sessions.delete(id);
    this.dispatch({ type: 'remove', id });
  };

  readonly activate = (id: string): void => {
    this.dispatch({ type: 'activate', id });
  };

  readonly activateRelative = (delta: number): void => {
    this.dispatch({ type: 'activate-relative', delta });
  };

  readonly activateIndex = (index: number): void => {
    this.dispatch({ type: 'activate-index', index });
  };

  readonly move = (id: string, index: number): void => {
    this.dispatch({ type: 'move', id, index });
  };

  readonly moveRelative = (id: string, delta: number): void => {
    this.dispatch({ type: 'move-relative', id, delta });
  };

  readonly rename = (id: string, name: string): void => {
    this.dispatch({ type: 'rename', id, name });
  };

  readonly reconnect = (id: string): void => {
    this.sessions.get(id)?.reconnect();
  };

  readonly retryNow = (id: string): void => {
    const tab = this.state.tabs.find((t) => t.id === id);
    if (!tab) return;
    this.api.reconnectNow(tab.hostId).catch((err: unknown) => {
      this.sessions.get(id)?.notice(`Retry now did not start: ${skeinErrorFromShape(err).message}`);
    });
  };

  applySettings(settings: Partial<TerminalSettings>): void {
    this.settings = checkedTerminalSettings(settings);
    for (const session of this.sessions.values()) session.applySettings(this.settings);
  }

  applyColours(colours: TerminalColours): void {
    this.colours = colours;
    for (const session of this.sessions.values()) session.applyColours(colours);
  }

  private dispatch(action: TabsAction): void {
    const next = tabsReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Stages and reconnect attempts of the connections that tabs wait for. */
  private applySnapshot(snapshot: PoolSnapshot): void {
    for (const tab of this.state.tabs) {
      const waiting = tab.phase.kind;
      if ((waiting === 'connecting' || waiting === 'reconnecting') && tab.connectionKey !== undefined) {
        this.dispatch({ type: 'detail', id: tab.id, detail: connectionDetail(snapshot, tab.connectionKey, waiting) });
      }
    }
  }

  private async lookUpHost(hostId: string): Promise<void> {
    let hosts: SavedHostView[];
    try {
      hosts = await this.api.listHosts();
    } catch {
      return; // The tab keeps the host id as its label; the open itself reports what is wrong.
    }
    const host = hosts.find((h) => h.id === hostId);
    if (host) {
      this.dispatch({
        type: 'host-info',
        hostId,
        hostLabel: host.label,
        connectionKey: host.connectionKey,
        ...(host.colour === undefined ? {} : { colour: host.colour }),
      });
    }
  }
}
