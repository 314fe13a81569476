// What the pool's health says about a tab that waits on its connection: the connect stage in words, or attempt k of n and when the next one is.
import type { ConnectionHealth, ConnectStage, PoolSnapshot } from '../../app/health.js';

export interface ConnectionDetail {
  /** e.g. "authenticating with publickey"; only while connecting. */
  stage?: string;
  attempt?: number;
  attempts?: number;
  /** Epoch ms. */
  nextAttemptAt?: number;
}

function stageWords(stage: ConnectStage, authMethod: string | null): string {
  switch (stage) {
    case 'tcp':
      return 'reaching the host';
    case 'key-exchange':
      return 'key exchange';
    case 'host-key':
      return 'checking the host key';
    case 'authenticating':
      return authMethod ? `authenticating with ${authMethod}` : 'authenticating';
    case 'ready':
      // Logged in; what is left is the shell channel itself.
      return 'opening the shell';
  }
}

/**
 * The detail for a tab on connection key `key` that is `waiting` for a first connect or a reconnect.
 * A host may have several connections (tabs on connections of their own); the one in the matching
 * state speaks for it, and a tab whose connection is already ready is opening its shell.
 */
export function connectionDetail(snapshot: PoolSnapshot, key: string, waiting: 'connecting' | 'reconnecting'): ConnectionDetail {
  const connections = snapshot.hosts.find((h) => h.key === key)?.connections ?? [];
  if (waiting === 'reconnecting') {
    const c = connections.find((x) => x.state === 'reconnecting');
    if (!c) return {};
    // The pool counts an attempt when it schedules it: while waiting, reconnectAttempt is the one to come.
    return {
      ...(c.reconnectAttempt > 0 ? { attempt: c.reconnectAttempt, attempts: c.reconnectAttempts } : {}),
      ...(c.nextAttemptAt !== null ? { nextAttemptAt: c.nextAttemptAt } : {}),
      // An attempt under way has a stage; one waiting out its backoff has none.
      ...(c.stage !== null && c.stage !== 'ready' ? { stage: stageWords(c.stage, c.authMethod) } : {}),
    };
  }
  const c: ConnectionHealth | undefined = connections.find((x) => x.state === 'connecting' && x.stage !== null) ?? connections.find((x) => x.state === 'ready');
  if (!c) return {};
  return { stage: stageWords(c.stage ?? 'ready', c.authMethod) };
}
