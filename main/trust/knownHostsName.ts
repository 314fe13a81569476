// The host string OpenSSH matches and hashes in known_hosts for a host and port.
import { DEFAULT_SSH_PORT } from '../../app/hosts.js';

/**
 * `host` for port 22 and `[host]:port` otherwise, lower-cased as ssh does before every lookup;
 * hashed entries are HMACs of exactly this string, so any other spelling would never match them.
 * Not formatHostPort on purpose: OpenSSH brackets every host here when the port is not 22.
 */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === DEFAULT_SSH_PORT ? name : `[${name}]:${port}`;
}
