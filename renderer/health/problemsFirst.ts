// The order of hosts in the health view: those with problems on top, then by name, so trouble is never scrolled away.
import type { HostHealth } from '../../app/health.js';
import { HOST_STATUSES, hostStatus } from './hostStatus.js';

export function problemsFirst(hosts: readonly HostHealth[]): HostHealth[] {
  const rank = new Map(hosts.map((h) => [h, HOST_STATUSES.indexOf(hostStatus(h))]));
  return [...hosts].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.key.localeCompare(b.key));
}
