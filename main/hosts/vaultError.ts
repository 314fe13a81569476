// The error the passphrase vault fails with: a code the service can branch on and a message naming the file.

export type VaultErrorCode =
  | 'VAULT_LOCKED' // no passphrase was given, so secrets can be neither read nor saved
  | 'VAULT_WRONG_PASSPHRASE' // the file is intact as far as can be told, but the key does not open it
  | 'VAULT_DAMAGED'; // the file is not what Skein writes; it is refused before any key derivation and left alone

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    /** The vault file the error is about. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
