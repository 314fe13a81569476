// The small live mark a saved host shows in the list, read from the pool snapshot by connection key.
import type { ConnectionHealth, PoolSnapshot } from '../../app/health.js';

export type LiveState = 'ready' | 'reconnecting' | 'connecting' | 'failed';

export interface LiveMark {
  state: LiveState;
  /** The mark in words, for its tooltip and for screen readers. */
  words: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Hosts with no live connection get no mark: closed connections are history, not state. */
export function liveMarksByKey(snapshot: PoolSnapshot | null): Map<string, LiveMark> {
  const marks = new Map<string, LiveMark>();
  for (const host of snapshot?.hosts ?? []) {
    const mark = markOf(host.connections.filter((c) => c.state !== 'closed' && c.state !== 'closing'));
    if (mark) marks.set(host.key, mark);
  }
  return marks;
}

function markOf(live: ConnectionHealth[]): LiveMark | undefined {
  const ready = live.filter((c) => c.state === 'ready');
  if (ready.length > 0) {
    const channels = ready.reduce((n, c) => n + c.channels, 0);
    return { state: 'ready', words: `connected (${plural(ready.length, 'connection')}, ${plural(channels, 'channel')})` };
  }
  const reconnecting = live.find((c) => c.state === 'reconnecting');
  if (reconnecting) {
    return { state: 'reconnecting', words: `reconnecting (attempt ${reconnecting.reconnectAttempt} of ${reconnecting.reconnectAttempts})` };
  }
  if (live.some((c) => c.state === 'connecting')) return { state: 'connecting', words: 'connecting' };
  const failed = live.find((c) => c.state === 'failed');
  if (failed) return { state: 'failed', words: failed.lastError ? `failed: ${failed.lastError}` : 'failed' };
  return undefined;
}
