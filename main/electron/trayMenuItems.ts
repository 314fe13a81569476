// What the tray menu lists: saved hosts for quick connect, with each host's pool state beside it.
import type { PoolSnapshot } from '../../app/health.js';
import type { ConnectionKey } from '../../app/hosts.js';

export interface TrayHost {
  id: string;
  label: string;
  /** The pool key its connections live under, jump chain included (SavedHostView.connectionKey). */
  connectionKey: ConnectionKey;
  group?: string | undefined;
}

export interface TrayMenuItem {
  label: string;
  /** Set for items that connect to a saved host. */
  hostId?: string;
  enabled: boolean;
}

/** Up to `max` hosts, grouped hosts after ungrouped, each labelled with its live connection and channel counts. */
export function trayMenuItems(hosts: readonly TrayHost[], snapshot: PoolSnapshot, max = 20): TrayMenuItem[] {
  if (hosts.length === 0) return [{ label: 'No saved hosts', enabled: false }];
  const byKey = new Map(snapshot.hosts.map((h) => [h.key, h]));
  const sorted = [...hosts].sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.label.localeCompare(b.label));
  const items = sorted.slice(0, max).map((h): TrayMenuItem => {
    const health = byKey.get(h.connectionKey);
    const live = health?.connections.filter((c) => c.state === 'ready') ?? [];
    const channels = live.reduce((n, c) => n + c.channels, 0);
    const state = live.length > 0 ? ` (${live.length} conn, ${channels} ch)` : health?.connections.some((c) => c.state === 'reconnecting') ? ' (reconnecting)' : '';
    return { label: `${h.group ? `${h.group} / ` : ''}${h.label}${state}`, hostId: h.id, enabled: true };
  });
  if (hosts.length > max) items.push({ label: `${hosts.length - max} more in the main window`, enabled: false });
  return items;
}
