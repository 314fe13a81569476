// The tray's reading of a pool snapshot: each host's state and the aggregate the icon and tooltip show.
import type { HostHealth, PoolSnapshot } from '../../app/health.js';

/** idle: nothing open; connected: every host up; reconnecting: some on their way (up or back); error: some failed. */
export type TrayState = 'idle' | 'connected' | 'reconnecting' | 'error';

export const TRAY_STATES = ['idle', 'connected', 'reconnecting', 'error'] as const satisfies readonly TrayState[];

/** A host's state from its health; a lastError counts only while nothing of it is up or on its way. */
export function hostTrayState(health: HostHealth | undefined): TrayState {
  if (!health) return 'idle';
  const states = health.connections.map((c) => c.state);
  if (states.includes('failed')) return 'error';
  if (states.includes('reconnecting') || states.includes('connecting')) return 'reconnecting';
  if (states.includes('ready')) return 'connected';
  return health.lastError === null ? 'idle' : 'error';
}

export interface TrayHealth {
  state: TrayState;
  /** For the tooltip and the menu's first line. */
  summary: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The worst state of any host decides the icon: error over reconnecting over connected. */
export function trayHealth(snapshot: PoolSnapshot): TrayHealth {
  const counts: Record<TrayState, number> = { idle: 0, connected: 0, reconnecting: 0, error: 0 };
  for (const host of snapshot.hosts) counts[hostTrayState(host)] += 1;
  const parts: string[] = [];
  if (counts.connected > 0) parts.push(`${counts.connected} connected`);
  if (counts.reconnecting > 0) parts.push(`${counts.reconnecting} reconnecting`);
  if (counts.error > 0) parts.push(`${counts.error} with errors`);
  const open = counts.connected + counts.reconnecting + counts.error;
  if (open === 0) return { state: 'idle', summary: 'Skein: no open connections' };
  const state: TrayState = counts.error > 0 ? 'error' : counts.reconnecting > 0 ? 'reconnecting' : 'connected';
  return { state, summary: `Skein: ${plural(open, 'host')}, ${parts.join(', ')}` };
}
