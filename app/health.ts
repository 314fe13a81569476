// Pool health snapshot types: what the UI and the tray show for every host.

export type ConnectionState = 'connecting' | 'ready' | 'reconnecting' | 'closing' | 'closed' | 'failed';

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
  bytesIn: number;
  bytesOut: number;
  /** Epoch milliseconds. */
  createdAt: number;
  lastUsedAt: number;
  /** Reconnect attempts made since the link was lost (0 while healthy). */
  reconnectAttempt: number;
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

export interface HostHealth {
  /** Pool key: user@host:port, plus " via " and the jump chain when there is one. */
  key: string;
  connections: ConnectionHealth[];
  counters: HostCounters;
  /** Channel requests waiting for a free slot. */
  waiting: number;
  lastError: string | null;
}

export interface PoolSnapshot {
  hosts: HostHealth[];
}
