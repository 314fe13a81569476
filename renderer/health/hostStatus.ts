// One word for how a host in the pool is doing, worst connection first, so healthy hosts can be told apart at a glance.
import type { HostHealth } from '../../app/health.js';

/** From worst to best; the order the health view sorts by. */
export const HOST_STATUSES = ['failed', 'reconnecting', 'warning', 'connecting', 'healthy', 'idle'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/**
 * failed: a connection failed, or none is left and the host reports why; reconnecting: a link dropped
 * and is being brought back; warning: connected, but keep-alives go unanswered, requests wait for a
 * channel or a forward failed; connecting: the first connection is not up yet; healthy: connected;
 * idle: nothing open (forwards alone, or connections closing).
 */
export function hostStatus(host: HostHealth): HostStatus {
  const conns = host.connections;
  const live = conns.filter((c) => c.state === 'ready' || c.state === 'connecting' || c.state === 'reconnecting');
  if (conns.some((c) => c.state === 'failed') || (live.length === 0 && host.lastError !== null)) return 'failed';
  if (conns.some((c) => c.state === 'reconnecting')) return 'reconnecting';
  const ready = conns.filter((c) => c.state === 'ready');
  if (ready.length > 0) {
    const troubled = ready.some((c) => c.keepaliveMisses > 0) || host.waiting > 0 || host.forwards.some((f) => f.state === 'failed');
    return troubled ? 'warning' : 'healthy';
  }
  if (conns.some((c) => c.state === 'connecting')) return 'connecting';
  return 'idle';
}
