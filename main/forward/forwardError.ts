// The error a local forward fails with: a code the service can branch on and a message a person can read.
import type { SkeinErrorShape } from '../../app/skeinError.js';

export type ForwardErrorCode =
  | 'PORT_IN_USE' // another program already listens on the local port
  | 'PERMISSION_DENIED' // a privileged port, or a sandbox that forbids listening
  | 'ADDRESS_UNAVAILABLE' // the bind address is not one of this machine's
  | 'LISTEN_FAILED'; // any other reason the local listener could not start or died

/** `implements` holds every code to app/skeinError.ts's closed list: a code missing there fails the compile here. */
export class ForwardError extends Error implements Pick<SkeinErrorShape, 'code' | 'message'> {
  override readonly name = 'ForwardError';
  constructor(
    readonly code: ForwardErrorCode,
    message: string,
    /** The forward's id, as saved with the host. */
    readonly forwardId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
