// What kind of failure an ssh2 (or socket) error is: the one place that reads its codes, fields and wording.

export type Ssh2ErrorKind =
  /** The server would not open a channel (MaxSessions reached, forwarding refused, nothing listening). */
  | { kind: 'channel-refused'; reason: number; description: string }
  | { kind: 'connection-reset' }
  | { kind: 'connection-refused' }
  | { kind: 'host-not-found' }
  /** Every authentication method was tried and refused, or a key could not sign. */
  | { kind: 'auth-failed' }
  /** The ssh-agent could not be reached or would not sign; ssh2 goes on with the next method. */
  | { kind: 'agent-failed' }
  | { kind: 'key-needs-passphrase' }
  | { kind: 'key-wrong-passphrase' }
  | { kind: 'other' };

const CHANNEL_OPEN_FAILURE_PREFIX = /^\(SSH\) Channel open failure:\s*/;

/**
 * ssh2 gives a channel refusal a numeric `reason` (the SSH reason code), client errors a
 * `level`, socket errors Node's `code`. A private key that cannot be read is only told apart
 * by its wording (ssh2's key parser sets no field), so the wording is matched here and nowhere else.
 */
export function classifySsh2Error(err: unknown): Ssh2ErrorKind {
  if (typeof err !== 'object' || err === null) return { kind: 'other' };
  const e = err as { reason?: unknown; level?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : '';
  if (typeof e.reason === 'number') {
    return { kind: 'channel-refused', reason: e.reason, description: message.replace(CHANNEL_OPEN_FAILURE_PREFIX, '') };
  }
  if (e.level === 'client-authentication') return { kind: 'auth-failed' };
  if (e.level === 'agent') return { kind: 'agent-failed' };
  switch (e.code) {
    case 'ECONNRESET':
      return { kind: 'connection-reset' };
    case 'ECONNREFUSED':
      return { kind: 'connection-refused' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'host-not-found' };
  }
  if (/no passphrase given/i.test(message)) return { kind: 'key-needs-passphrase' };
  if (/bad passphrase|integrity check failed|bad decrypt/i.test(message)) return { kind: 'key-wrong-passphrase' };
  return { kind: 'other' };
}
