// What the pool needs to reach and log in to one host, and the per-host overrides it honours.
import type { Endpoint } from '../../app/hosts.js';

export interface PoolTarget extends Endpoint {
  /** Private key contents (OpenSSH or PEM). The hosts layer reads key files; the pool never does. */
  privateKey?: string | Buffer;
  passphrase?: string;
  password?: string;
  /** ssh-agent socket path (SSH_AUTH_SOCK). */
  agent?: string;
  /** Offer keyboard-interactive; prompts go to the pool's `prompt` option. */
  keyboardInteractive?: boolean;
  /** Jump hosts, first hop first (ProxyJump a,b means a then b). Each hop is pooled itself. */
  jump?: PoolTarget[];
  /** Per-host overrides of the pool's keep-alive and cap settings. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  maxChannelsPerConnection?: number;
  maxConnectionsPerHost?: number;
}
