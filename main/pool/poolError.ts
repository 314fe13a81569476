// The one error type the pool rejects with: a code a caller can branch on and a message a person can read.

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
  | 'POOL_CLOSED';

export class PoolError extends Error {
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
