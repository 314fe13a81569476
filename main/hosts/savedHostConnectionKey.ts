// The pool key a saved host's tabs live on: its endpoint and its jump chain, followed through jumpHostId links.
import { connectionKeyOf, type ConnectionKey, type SavedHost } from '../../app/hosts.js';

type KeyedHost = Pick<SavedHost, 'id' | 'host' | 'port' | 'username' | 'jumpHostId'>;

/**
 * The same key TargetResolver's target is pooled under (first hop first). A broken chain (a
 * missing hop or a loop) stops where it breaks: such a host cannot connect, and connecting says why.
 */
export function savedHostConnectionKey(host: KeyedHost, hosts: readonly KeyedHost[]): ConnectionKey {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  byId.set(host.id, host);
  const seen = new Set([host.id]);
  const jump: KeyedHost[] = [];
  for (let hop = host.jumpHostId === undefined ? undefined : byId.get(host.jumpHostId); hop && !seen.has(hop.id); ) {
    seen.add(hop.id);
    jump.unshift(hop);
    hop = hop.jumpHostId === undefined ? undefined : byId.get(hop.jumpHostId);
  }
  return connectionKeyOf({ ...host, jump });
}
