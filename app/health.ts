// Pool health snapshot types: what the UI and the tray show for every host.
import type { ConnectionKey } from './hosts.js';

export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed' | 'failed';

/**
 * Where a connection (or reconnection) attempt is, so a tab can say what it is waiting for:
 * tcp (reaching the host or the last jump hop), key-exchange, host-key (verifying, perhaps asking
 * the person), authenticating (authMethod says with what), ready. null once closed.
 */
export type ConnectStage = 'tcp' | 'key-exchange' | 'host-key' | 'authenticating' | 'ready';

export interface ConnectionHealth {
  id: string;
  state: ConnectionState;
  /** Session channels (shells, exec) open or being opened on this connection. */
  channels: number;
  /** Session channels this connection will carry; lowered when the server refuses one. */
  channelCap: number;
  /** Tunnel channels (jump hops, port forwards); the server does not count them as sessions. */
  tunnels: number;
  /** Round trip of the last answered keep-alive, null until one was answered. */
  rttMs: number | null;
  keepaliveMisses: number;
  /**
   * The keep-alive this link runs on; null when keep-alives are off for the host
   * (ServerAliveInterval 0): a dead link is then noticed only when TCP gives up.
   */
  keepalive: { intervalMs: number; countMax: number } | null;
  bytesIn: number;
  bytesOut: number;
  /** Epoch milliseconds. */
  createdAt: number;
  lastUsedAt: number;
  /** The attempt's current step while connecting or reconnecting; 'ready' once logged in. */
  stage: ConnectStage | null;
  /** While authenticating: the method being tried (publickey, password, keyboard-interactive, agent). */
  authMethod: string | null;
  /** Reconnect attempts made since the link was lost (0 while healthy). */
  reconnectAttempt: number;
  /** How many reconnect attempts the pool makes before it gives up. */
  reconnectAttempts: number;
  /** Epoch ms of the next reconnect attempt while one is scheduled, else null. */
  nextAttemptAt: number | null;
  /** Why the connection last failed or was lost, if it did. */
  lastError: string | null;
}

export interface HostCounters {
  handshakes: number;
  reuses: number;
  channelOpens: number;
  channelOpenFailures: number;
  reconnects: number;
  errors: number;
}

export type ForwardState = 'listening' | 'stopped' | 'failed';

/** One local port forward (127.0.0.1:bindPort -> remoteHost:remotePort) riding a host's connections. */
export interface ForwardHealth {
  id: string;
  bindAddress: string;
  /** The port actually listened on (the one picked when the saved port is 0). */
  bindPort: number;
  remoteHost: string;
  remotePort: number;
  state: ForwardState;
  /** Local sockets accepted and not yet closed, including those waiting for their tunnel. */
  openSockets: number;
  totalConnections: number;
  /** Bytes from the remote end to local clients. */
  bytesIn: number;
  /** Bytes from local clients to the remote end. */
  bytesOut: number;
  /** Why the listener or the last connection through it failed, if one did. */
  lastError: string | null;
}

export interface HostHealth {
  /** Pool key: user@host:port, plus " via " and the jump chain when there is one. */
  key: ConnectionKey;
  connections: ConnectionHealth[];
  counters: HostCounters;
  /** Channel requests waiting for a free slot. */
  waiting: number;
  lastError: string | null;
  /** Local port forwards on this host, [] when none. */
  forwards: ForwardHealth[];
}

export interface PoolSnapshot {
  hosts: HostHealth[];
}
