// The line at the top of the health view: how many hosts are healthy and how many are not, in words.
import type { HostStatus } from './hostStatus.js';

/** Healthy first, as a person asks "is everything fine?"; then the problems, worst first. */
const ORDER: HostStatus[] = ['healthy', 'failed', 'reconnecting', 'warning', 'connecting', 'idle'];

const WORDS: Record<HostStatus, string> = {
  healthy: 'healthy',
  failed: 'failed',
  reconnecting: 'reconnecting',
  warning: 'with warnings',
  connecting: 'connecting',
  idle: 'idle',
};

/** e.g. "3 hosts healthy, 1 reconnecting"; "1 host failed" when none is healthy; "No open connections" for none. */
export function healthSummary(statuses: readonly HostStatus[]): string {
  if (statuses.length === 0) return 'No open connections';
  const groups = ORDER.map((status) => ({ status, count: statuses.filter((s) => s === status).length })).filter((g) => g.count > 0);
  return groups
    .map(({ status, count }, i) => (i === 0 ? `${count} ${count === 1 ? 'host' : 'hosts'} ${WORDS[status]}` : `${count} ${WORDS[status]}`))
    .join(', ');
}
