// The one error type the pool rejects with: a code a caller can branch on and a message a person can read.
import type { SkeinErrorShape } from '../../app/skeinError.js';

export type PoolErrorCode =
  | 'CONNECT_FAILED' // TCP connect or handshake failed
  | 'HANDSHAKE_TIMEOUT'
  | 'HOST_KEY_REFUSED'
  | 'AUTH_FAILED'
  | 'KEY_UNUSABLE' // private key missing its passphrase, wrong passphrase, unreadable
  | 'PROMPT_TIMEOUT'
  | 'POOL_EXHAUSTED'
  | 'CHANNEL_REFUSED'
  | 'CONNECTION_LOST'
  | 'EXEC_TIMEOUT'
  | 'EXEC_OUTPUT_LIMIT'
  | 'EXEC_COMMAND_TOO_LONG' // refused before sending: over the pool's command length limit
  | 'POOL_CLOSED'
  | 'DISCONNECTED'; // pool.disconnect() closed the host's connections

/** `implements` holds every code to app/skeinError.ts's closed list: a code missing there fails the compile here. */
export class PoolError extends Error implements Pick<SkeinErrorShape, 'code' | 'message'> {
  override readonly name = 'PoolError';
  constructor(
    readonly code: PoolErrorCode,
    message: string,
    /** The pool key the error is about, when there is one. */
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
