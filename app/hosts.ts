// Connection keys: how a target (user@host:port plus its jump chain) is named and pooled.

/** One SSH endpoint: who logs in where. */
export interface Endpoint {
  host: string;
  port?: number;
  username: string;
}

/** The pool key of a target: user@host:port, then " via " and each jump hop, nearest last. */
export type ConnectionKey = string;

export const DEFAULT_SSH_PORT = 22;

/** user@host:port, with IPv6 literals bracketed so the port stays unambiguous. */
export function formatEndpoint(e: Endpoint): string {
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  return `${e.username}@${host}:${e.port ?? DEFAULT_SSH_PORT}`;
}

/**
 * The key a target is pooled under. Two targets share connections only when user, host, port
 * and the whole jump chain (first hop first) are the same.
 */
export function connectionKeyOf(target: Endpoint & { jump?: readonly Endpoint[] }): ConnectionKey {
  const base = formatEndpoint(target);
  if (!target.jump || target.jump.length === 0) return base;
  return `${base} via ${target.jump.map(formatEndpoint).join(' > ')}`;
}
