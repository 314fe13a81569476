// The tab strip's state as a pure reducer: which tabs are open, in what order, which is active, and how each one is doing.
import type { TabCloseReason } from '../../app/api.js';
import type { SkeinErrorShape } from '../../app/skeinError.js';
import type { ConnectionDetail } from './connectionDetail.js';

/** Why a tab's shell is not running any more: the channel's own reason, or the open that failed. */
export type TabEnd = TabCloseReason | { type: 'open-failed'; error: SkeinErrorShape };

/**
 * Where a tab's session is. The optional fields come from the pool's health for the tab's
 * connection (stage, attempt k of n, next attempt time); the status area shows whatever is there.
 */
export type TabPhase =
  | { kind: 'connecting'; stage?: string }
  | { kind: 'open' }
  | ({ kind: 'reconnecting'; message: string } & ConnectionDetail)
  | { kind: 'closed'; end: TabEnd };

export interface TabView {
  /** The UI tab's own id; it outlives the server tabs that a Reconnect opens inside it. */
  id: string;
  hostId: string;
  hostLabel: string;
  colour?: string;
  /** The pool key its connection lives under: how its stage and reconnect attempts are found in the pool's health. */
  connectionKey?: string;
  /** Set by the person (rename); wins over the remote title. */
  name?: string;
  /** Set by the remote program (OSC 0/2), already cleaned to plain text. */
  remoteTitle?: string;
  phase: TabPhase;
}

export interface TabsState {
  tabs: TabView[];
  activeId?: string;
}

export const EMPTY_TABS: TabsState = { tabs: [] };

export type TabsAction =
  | { type: 'add'; id: string; hostId: string; hostLabel: string; colour?: string; connectionKey?: string }
  | { type: 'host-info'; hostId: string; hostLabel: string; colour?: string; connectionKey?: string }
  | { type: 'connecting'; id: string }
  /** The server tab is open; `connectionKey` is the pool key it landed on. */
  | { type: 'opened'; id: string; connectionKey?: string }
  | { type: 'reconnecting'; id: string; message: string }
  /** What the pool's health says about the connection a connecting or reconnecting tab waits for. */
  | { type: 'detail'; id: string; detail: ConnectionDetail }
  | { type: 'restored'; id: string }
  | { type: 'ended'; id: string; end: TabEnd }
  | { type: 'title'; id: string; title: string }
  | { type: 'rename'; id: string; name: string }
  | { type: 'remove'; id: string }
  | { type: 'activate'; id: string }
  | { type: 'activate-relative'; delta: number }
  /** From 0; -1 is the last tab (Alt+9, as in browsers and GNOME Terminal). */
  | { type: 'activate-index'; index: number }
  /** `index` is the tab's position in the resulting order. */
  | { type: 'move'; id: string; index: number }
  | { type: 'move-relative'; id: string; delta: number };

const TITLE_MAX = 200;

/**
 * A remote title as plain text: no control characters, one line, a length a tab can hold, and no
 * bidirectional overrides (a title must not make itself read backwards, as in "‮gpj.exe").
 */
export function cleanTitle(title: string): string {
  const text = title
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX)}…` : text;
}

/** What the tab says about itself: the person's name for it, else the remote title, else the host. */
export function tabLabel(tab: TabView): string {
  return tab.name ?? tab.remoteTitle ?? tab.hostLabel;
}

export function activeTab(state: TabsState): TabView | undefined {
  return state.tabs.find((t) => t.id === state.activeId);
}

export function tabsReducer(state: TabsState, action: TabsAction): TabsState {
  switch (action.type) {
    case 'add': {
      if (state.tabs.some((t) => t.id === action.id)) return state;
      const tab: TabView = {
        id: action.id,
        hostId: action.hostId,
        hostLabel: action.hostLabel,
        ...(action.colour === undefined ? {} : { colour: action.colour }),
        ...(action.connectionKey === undefined ? {} : { connectionKey: action.connectionKey }),
        phase: { kind: 'connecting' },
      };
      return { tabs: [...state.tabs, tab], activeId: tab.id };
    }
    case 'host-info':
      return mapTabs(state, (t) =>
        t.hostId === action.hostId
          ? {
              ...withoutKey(t, 'colour'),
              hostLabel: action.hostLabel,
              ...(action.colour === undefined ? {} : { colour: action.colour }),
              ...(action.connectionKey === undefined || t.connectionKey !== undefined ? {} : { connectionKey: action.connectionKey }),
            }
          : t,
      );
    case 'connecting':
      return setPhase(state, action.id, { kind: 'connecting' });
    case 'opened': {
      const opened = setPhase(state, action.id, { kind: 'open' });
      const key = action.connectionKey;
      if (key === undefined) return opened;
      return mapTabs(opened, (t) => {
        if (t.id !== action.id) return t;
        // A host nobody named (quick connect's, not saved) is labelled with its id until now: user@host:port says more.
        const hostLabel = t.hostLabel === t.hostId ? key : t.hostLabel;
        return t.connectionKey === key && hostLabel === t.hostLabel ? t : { ...t, connectionKey: key, hostLabel };
      });
    }
    case 'restored':
      return setPhase(state, action.id, { kind: 'open' });
    case 'reconnecting':
      return setPhase(state, action.id, { kind: 'reconnecting', message: action.message });
    case 'detail':
      return mapTabs(state, (t) => {
        if (t.id !== action.id) return t;
        // Each snapshot says it all: a field it no longer has (the wait is over) goes.
        if (t.phase.kind === 'connecting') {
          const stage = action.detail.stage;
          return stage === t.phase.stage ? t : { ...t, phase: stage === undefined ? { kind: 'connecting' } : { kind: 'connecting', stage } };
        }
        if (t.phase.kind === 'reconnecting') {
          const phase = { kind: 'reconnecting' as const, message: t.phase.message, ...action.detail };
          return sameDetail(t.phase, phase) ? t : { ...t, phase };
        }
        return t;
      });
    case 'ended':
      return setPhase(state, action.id, { kind: 'closed', end: action.end });
    case 'title': {
      const title = cleanTitle(action.title);
      return mapTabs(state, (t) => (t.id !== action.id ? t : title === '' ? withoutKey(t, 'remoteTitle') : { ...t, remoteTitle: title }));
    }
    case 'rename': {
      const name = action.name.trim();
      return mapTabs(state, (t) => (t.id !== action.id ? t : name === '' ? withoutKey(t, 'name') : { ...t, name }));
    }
    case 'remove': {
      const index = state.tabs.findIndex((t) => t.id === action.id);
      if (index < 0) return state;
      const tabs = state.tabs.filter((t) => t.id !== action.id);
      if (state.activeId !== action.id) return { ...state, tabs };
      // The neighbour that slides into the closed tab's place, as browsers do; else the one before.
      const next = tabs[index] ?? tabs[index - 1];
      return next ? { tabs, activeId: next.id } : { tabs };
    }
    case 'activate':
      return state.tabs.some((t) => t.id === action.id) ? { ...state, activeId: action.id } : state;
    case 'activate-relative': {
      const n = state.tabs.length;
      if (n === 0) return state;
      const current = Math.max(0, state.tabs.findIndex((t) => t.id === state.activeId));
      const target = state.tabs[(((current + action.delta) % n) + n) % n];
      return target ? { ...state, activeId: target.id } : state;
    }
    case 'activate-index': {
      const target = action.index === -1 ? state.tabs[state.tabs.length - 1] : state.tabs[action.index];
      return target ? { ...state, activeId: target.id } : state;
    }
    case 'move': {
      const from = state.tabs.findIndex((t) => t.id === action.id);
      const tab = state.tabs[from];
      if (!tab) return state;
      const to = Math.min(Math.max(0, Math.trunc(action.index)), state.tabs.length - 1);
      if (to === from) return state;
      const tabs = state.tabs.filter((t) => t.id !== action.id);
      tabs.splice(to, 0, tab);
      return { ...state, tabs };
    }
    case 'move-relative': {
      const from = state.tabs.findIndex((t) => t.id === action.id);
      return from < 0 ? state : tabsReducer(state, { type: 'move', id: action.id, index: from + action.delta });
    }
  }
}

function sameDetail(a: ConnectionDetail, b: ConnectionDetail): boolean {
  return a.stage === b.stage && a.attempt === b.attempt && a.attempts === b.attempts && a.nextAttemptAt === b.nextAttemptAt;
}

function mapTabs(state: TabsState, f: (tab: TabView) => TabView): TabsState {
  let changed = false;
  const tabs = state.tabs.map((t) => {
    const next = f(t);
    if (next !== t) changed = true;
    return next;
  });
  return changed ? { ...state, tabs } : state;
}

function setPhase(state: TabsState, id: string, phase: TabPhase): TabsState {
  return mapTabs(state, (t) => {
    if (t.id !== id) return t;
    // A late event from a session the person already ended must not bring the tab back to life.
    if (t.phase.kind === 'closed' && phase.kind !== 'connecting') return t;
    return { ...t, phase };
  });
}

function withoutKey<K extends keyof TabView>(tab: TabView, key: K): TabView {
  const copy = { ...tab };
  delete copy[key];
  return copy;
}
