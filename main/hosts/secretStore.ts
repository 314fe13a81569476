// The small interface every secret backend (OS keyring via safeStorage, passphrase vault) implements.

/**
 * Secrets keyed by an opaque id such as `host:<id>:password` (see hostSecretId). Values never
 * leave the core except into an SSH handshake.
 */
export interface SecretStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, value: string): Promise<void>;
  /** Forgetting a secret that is not saved is not an error. */
  delete(id: string): Promise<void>;
  has(id: string): Promise<boolean>;
}
