// What the tray menu holds, as a plain function of the saved hosts, recent use and a pool snapshot.
import type { HostHealth, PoolSnapshot } from '../../app/health.js';
import type { SavedHostView } from '../../app/hosts.js';
import { hostTrayState, trayHealth, type TrayState } from './trayHealth.js';

/** What the tray needs of a saved host; connectionKey is the core's (jump chain included), never rebuilt here. */
export type TrayHost = Pick<SavedHostView, 'id' | 'label' | 'group' | 'tags' | 'connectionKey'>;

export type TrayAction = 'show-window' | 'open-health' | 'disconnect-all' | 'quit';

export type TrayMenuEntry =
  | { type: 'status'; label: string }
  | { type: 'host'; hostId: string; label: string; state: TrayState }
  | { type: 'submenu'; label: string; entries: TrayMenuEntry[] }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'separator' };

export interface TrayMenuInput {
  hosts: readonly TrayHost[];
  /** Saved host ids, most recently used first (RecentHosts). */
  recent: readonly string[];
  snapshot: PoolSnapshot;
}

export interface TrayMenuLimits {
  /** Pinned and recent hosts at the top. */
  quick: number;
  /** Hosts in one group's submenu before "N more in the main window". */
  perGroup: number;
}

/** A host tagged "pinned" is kept at the top of the tray, before the recent ones. */
export const PINNED_TAG = 'pinned';
/** The heading of hosts without a group; saved group names are never empty. */
export const UNGROUPED_NAME = 'No group';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const STATE_WORDS: Record<TrayState, string> = { idle: '', connected: 'connected', reconnecting: 'reconnecting', error: 'error' };

function hostEntry(host: TrayHost, health: HostHealth | undefined): TrayMenuEntry {
  const state = hostTrayState(health);
  return { type: 'host', hostId: host.id, label: state === 'idle' ? host.label : `${host.label} (${STATE_WORDS[state]})`, state };
}

function isPinned(host: TrayHost): boolean {
  return host.tags.some((tag) => tag.toLowerCase() === PINNED_TAG);
}

/** "3 tabs, 12 ms" for a connected host; the words for the others. */
function connectionLine(name: string, health: HostHealth): string {
  const state = hostTrayState(health);
  if (state !== 'connected') return `${name}: ${state === 'error' ? (health.lastError ?? 'error') : STATE_WORDS[state]}`;
  const ready = health.connections.filter((c) => c.state === 'ready');
  const channels = ready.reduce((n, c) => n + c.channels, 0);
  const rtts = ready.map((c) => c.rttMs).filter((ms): ms is number => ms !== null);
  const parts = [`${channels} ${channels === 1 ? 'channel' : 'channels'}`];
  if (ready.length > 1) parts.unshift(`${ready.length} connections`);
  if (rtts.length > 0) parts.push(`${Math.round(Math.min(...rtts))} ms`);
  return `${name}: ${parts.join(', ')}`;
}

/**
 * Top to bottom: the aggregate health, Show Skein; pinned then recent hosts; every saved host by
 * group (named groups A-Z, then those without one); each host with a connection and its state;
 * pool health and Disconnect all; Quit. A host's state comes from the snapshot entry under its
 * own connection key, so two hosts on the same address through different jump hosts stay apart.
 */
export function trayMenuModel(input: TrayMenuInput, limits: TrayMenuLimits = { quick: 8, perGroup: 40 }): TrayMenuEntry[] {
  const byKey = new Map(input.snapshot.hosts.map((h) => [h.key, h]));
  const byId = new Map(input.hosts.map((h) => [h.id, h]));
  const entry = (host: TrayHost): TrayMenuEntry => hostEntry(host, byKey.get(host.connectionKey));
  const health = trayHealth(input.snapshot);
  const menu: TrayMenuEntry[] = [{ type: 'status', label: health.summary }, { type: 'action', action: 'show-window', label: 'Show Skein', enabled: true }];

  const sorted = [...input.hosts].sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.id, b.id));
  const recent = input.recent.map((id) => byId.get(id)).filter((h): h is TrayHost => h !== undefined);
  const quick = [...new Set([...sorted.filter(isPinned), ...recent])].slice(0, limits.quick);
  if (quick.length > 0) menu.push({ type: 'separator' }, ...quick.map(entry));

  menu.push({ type: 'separator' });
  if (input.hosts.length === 0) menu.push({ type: 'status', label: 'No saved hosts: add one in the main window' });
  const groups = new Map<string | undefined, TrayHost[]>();
  for (const host of sorted) groups.set(host.group, [...(groups.get(host.group) ?? []), host]);
  const names = [...groups.keys()].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : collator.compare(a, b)));
  for (const name of names) {
    const members = groups.get(name) ?? [];
    const entries = members.slice(0, limits.perGroup).map(entry);
    if (members.length > limits.perGroup) entries.push({ type: 'status', label: `${members.length - limits.perGroup} more in the main window` });
    const heading = name ?? (groups.size === 1 ? 'Saved hosts' : UNGROUPED_NAME);
    menu.push({ type: 'submenu', label: heading, entries });
  }

  const live = input.snapshot.hosts.filter((h) => hostTrayState(h) !== 'idle');
  if (live.length > 0) {
    const labels = new Map(input.hosts.map((h) => [h.connectionKey, h.label]));
    menu.push({ type: 'separator' }, ...live.map((h): TrayMenuEntry => ({ type: 'status', label: connectionLine(labels.get(h.key) ?? h.key, h) })));
  }
  const anyConnection = input.snapshot.hosts.some((h) => h.connections.length > 0);
  menu.push(
    { type: 'separator' },
    { type: 'action', action: 'open-health', label: 'Open Pool Health', enabled: true },
    { type: 'action', action: 'disconnect-all', label: 'Disconnect All', enabled: anyConnection },
    { type: 'separator' },
    { type: 'action', action: 'quit', label: 'Quit Skein', enabled: true },
  );
  return menu;
}
