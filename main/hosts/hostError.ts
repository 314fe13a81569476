// The error saved hosts fail with: a code the UI can branch on, a message naming the host, the fix, the field at fault.
import type { SkeinErrorShape } from '../../app/skeinError.js';

export type HostErrorCode =
  | 'HOST_NOT_FOUND' // no saved host (or jump host) with that id
  | 'HOST_IN_USE' // another host jumps through it
  | 'HOST_ENTRY_INVALID' // the stored entry does not validate, or the stored jump chain loops
  | 'HOSTS_FILE_INVALID' // the hosts file as a whole cannot be used
  | 'SECRET_MISSING' // the login needs a password or passphrase that is not saved
  | 'AGENT_MISSING' // the host logs in with ssh-agent and none is running
  | 'KEY_UNUSABLE' // the key file cannot be read
  | 'INVALID_INPUT'; // a draft or patch does not validate

export interface HostErrorDetails {
  /** What the person can do about it, when the thrower knows. */
  hint?: string;
  /** The argument at fault, named as in the method's parameters: "draft.port", "patch.jumpHostId". */
  field?: string;
  cause?: unknown;
}

export class HostError extends Error implements SkeinErrorShape {
  override readonly name = 'HostError';
  readonly hint: string | undefined;
  readonly field: string | undefined;

  constructor(
    readonly code: HostErrorCode,
    message: string,
    details: HostErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
    this.field = details.field;
  }
}
