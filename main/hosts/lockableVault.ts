// The passphrase vault behind a lock: hosts without secrets work before the person unlocks it, the rest say VAULT_LOCKED.
import { access } from 'node:fs/promises';
import type { VaultStatus } from '../../app/api.js';
import { SkeinError } from '../../app/skeinError.js';
import type { HostsLogger } from './hostsLogger.js';
import { PassphraseVault, type VaultKdfParams } from './passphraseVault.js';
import type { SecretStore } from './secretStore.js';

/** What the service offers the UI about the vault: its state, and creating or unlocking it with a passphrase. */
export interface VaultControl {
  status(): Promise<VaultStatus>;
  create(passphrase: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
}

export interface LockableVaultOptions {
  path: string;
  /** Cost for new writes; see PassphraseVault. */
  kdf?: VaultKdfParams;
  logger?: HostsLogger;
}

/** Short passphrases fall to a guessing attack on a stolen vault file despite scrypt. */
export const MIN_VAULT_PASSPHRASE_LENGTH = 8;

export class LockableVault implements SecretStore, VaultControl {
  readonly path: string;
  readonly #kdf: VaultKdfParams | undefined;
  readonly #logger: HostsLogger | undefined;
  #open: PassphraseVault | undefined;
  /** Secrets of hosts deleted while locked, forgotten at unlock so a deleted host's password does not stay sealed in the file. */
  readonly #deleteAtUnlock = new Set<string>();

  constructor(options: LockableVaultOptions) {
    this.path = options.path;
    this.#kdf = options.kdf;
    this.#logger = options.logger;
  }

  async status(): Promise<VaultStatus> {
    if (this.#open) return { state: 'unlocked', backend: 'passphrase-vault' };
    return { state: (await this.#fileExists()) ? 'locked' : 'absent', backend: 'passphrase-vault' };
  }

  async create(passphrase: string): Promise<void> {
    if (passphrase.length < MIN_VAULT_PASSPHRASE_LENGTH) {
      throw new SkeinError({
        code: 'INVALID_INPUT',
        message: `the vault passphrase must be at least ${MIN_VAULT_PASSPHRASE_LENGTH} characters`,
        hint: 'Choose a longer passphrase; Skein cannot recover it, so keep it somewhere safe.',
        field: 'passphrase',
      });
    }
    if ((await this.#fileExists()) && this.#open) {
      throw new SkeinError({ code: 'INVALID_INPUT', message: `the vault ${this.path} already exists and is unlocked` });
    }
    if (await this.#fileExists()) {
      throw new SkeinError({
        code: 'VAULT_LOCKED',
        message: `a vault already exists at ${this.path}`,
        hint: 'Unlock it with its passphrase instead of creating a new one.',
      });
    }
    // Nothing is sealed until the first secret is saved, so until then the passphrase may still be chosen again.
    this.#open = this.#vault(passphrase);
    await this.#forgetDeleted();
  }

  async unlock(passphrase: string): Promise<void> {
    if (!(await this.#fileExists())) {
      throw new SkeinError({
        code: 'VAULT_LOCKED',
        message: `there is no vault at ${this.path} yet`,
        hint: 'Create one with a new passphrase before saving passwords.',
      });
    }
    const vault = this.#vault(passphrase);
    // Reading opens the file: a wrong passphrase or a damaged file is reported now, not at the next login.
    await vault.has('');
    this.#open = vault;
    await this.#forgetDeleted();
  }

  async get(id: string): Promise<string | undefined> {
    if (this.#open) return this.#open.get(id);
    if (!(await this.#fileExists())) return undefined;
    throw this.#locked('a saved password or key passphrase is needed');
  }

  /** While locked nobody can tell, so nothing is reported as saved; vaultStatus says why. */
  async has(id: string): Promise<boolean> {
    return this.#open ? this.#open.has(id) : false;
  }

  async set(id: string, value: string): Promise<void> {
    if (this.#open) return this.#open.set(id, value);
    if (await this.#fileExists()) throw this.#locked('saving a secret needs the vault');
    throw new SkeinError({
      code: 'VAULT_LOCKED',
      message: `saving a secret needs a vault, and there is none at ${this.path} yet`,
      hint: 'Create the vault with a passphrase, then save again.',
    });
  }

  async delete(id: string): Promise<void> {
    if (this.#open) return this.#open.delete(id);
    if (await this.#fileExists()) this.#deleteAtUnlock.add(id);
  }

  #vault(passphrase: string): PassphraseVault {
    return new PassphraseVault({
      path: this.path,
      passphrase,
      ...(this.#kdf ? { kdf: this.#kdf } : {}),
      ...(this.#logger ? { logger: this.#logger } : {}),
    });
  }

  async #forgetDeleted(): Promise<void> {
    for (const id of this.#deleteAtUnlock) {
      await this.#open?.delete(id);
      this.#deleteAtUnlock.delete(id);
    }
  }

  #locked(why: string): SkeinError {
    return new SkeinError({
      code: 'VAULT_LOCKED',
      message: `${why}, and the vault ${this.path} is locked`,
      hint: 'Unlock the vault with its passphrase, then try again.',
    });
  }

  #fileExists(): Promise<boolean> {
    return access(this.path).then(
      () => true,
      () => false,
    );
  }
}
