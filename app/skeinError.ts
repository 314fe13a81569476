// The one error shape every transport carries whole from the core to the UI: a code, words, the fix, the field.

/**
 * Every code the core may send. Each layer's own error codes (PoolErrorCode, ForwardErrorCode, ...)
 * are checked by the compiler to be members, so the UI can say what went wrong from the code alone.
 */
export const SKEIN_ERROR_CODES = [
  // Pool (main/pool/poolError.ts)
  'CONNECT_FAILED',
  'HANDSHAKE_TIMEOUT',
  'HOST_KEY_REFUSED',
  'AUTH_FAILED',
  'KEY_UNUSABLE',
  'PROMPT_TIMEOUT',
  'POOL_EXHAUSTED',
  'CHANNEL_REFUSED',
  'CONNECTION_LOST',
  'EXEC_TIMEOUT',
  'EXEC_OUTPUT_LIMIT',
  'EXEC_COMMAND_TOO_LONG',
  'POOL_CLOSED',
  'DISCONNECTED',
  // Host keys (main/trust/hostKeyError.ts): why a server's key was not trusted
  'HOST_KEY_CHANGED',
  'HOST_KEY_REVOKED',
  'HOST_KEY_REJECTED',
  'HOST_KEY_UNKNOWN',
  // Port forwards (main/forward/forwardError.ts)
  'PORT_IN_USE',
  'PERMISSION_DENIED',
  'ADDRESS_UNAVAILABLE',
  'LISTEN_FAILED',
  // Secrets vault (main/hosts/passphraseVault.ts)
  'VAULT_LOCKED',
  'VAULT_WRONG_PASSPHRASE',
  'VAULT_DAMAGED',
  // Saved hosts and what a connection needs from them (main/hosts)
  'HOST_NOT_FOUND',
  'HOST_IN_USE',
  'HOST_ENTRY_INVALID',
  // The hosts file as a whole cannot be used (newer or unknown schemaVersion, "hosts" not a list); it is left untouched
  'HOSTS_FILE_INVALID',
  'SECRET_MISSING',
  'AGENT_MISSING',
  // A call named a forward the host has not saved
  'FORWARD_NOT_FOUND',
  // A call's arguments did not validate; `field` names which
  'INVALID_INPUT',
  // A bug or a failure nobody classified: the message is all there is
  'INTERNAL',
] as const;

export type SkeinErrorCode = (typeof SKEIN_ERROR_CODES)[number];

/** What crosses a process boundary (structured clone, JSON): plain data, no prototype needed. */
export interface SkeinErrorShape {
  code: SkeinErrorCode;
  /** What went wrong, in words a person understands, naming the host, file or option. */
  message: string;
  /** What to do about it, when there is something to do. */
  hint?: string;
  /**
   * The argument at fault: the parameter's name in SkeinApi, then the path inside it, dotted, with
   * list positions in brackets (`fieldPath`): "draft.port", "size.cols", "draft.localForwards[0].bindPort".
   * A host form strips its own parameter ("draft." or "patch.") to find its input.
   */
  field?: string;
}

/** The error the core's API rejects with; transports send `toShape()` and rebuild it on the other side. */
export class SkeinError extends Error implements SkeinErrorShape {
  override readonly name = 'SkeinError';
  readonly code: SkeinErrorCode;
  readonly hint: string | undefined;
  readonly field: string | undefined;

  constructor(shape: SkeinErrorShape, options?: { cause?: unknown }) {
    super(shape.message, options);
    this.code = shape.code;
    this.hint = shape.hint;
    this.field = shape.field;
  }

  toShape(): SkeinErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.field === undefined ? {} : { field: this.field }),
    };
  }
}

/** The dotted form of a path into a value (zod issue paths): ["localForwards", 0, "bindPort"] -> "localForwards[0].bindPort". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function isSkeinErrorCode(value: unknown): value is SkeinErrorCode {
  return typeof value === 'string' && (SKEIN_ERROR_CODES as readonly string[]).includes(value);
}

/** Rebuilds the error on the receiving side of a transport; anything malformed becomes INTERNAL. */
export function skeinErrorFromShape(value: unknown): SkeinError {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const message = typeof v.message === 'string' ? v.message : 'the core sent an error without a message';
  return new SkeinError({
    code: isSkeinErrorCode(v.code) ? v.code : 'INTERNAL',
    message,
    ...(typeof v.hint === 'string' ? { hint: v.hint } : {}),
    ...(typeof v.field === 'string' ? { field: v.field } : {}),
  });
}
