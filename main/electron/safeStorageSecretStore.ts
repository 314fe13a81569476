// Secrets sealed by Electron safeStorage (the OS keyring) and kept as base64 ciphertexts in an electron-store file.
import type { SafeStorage } from 'electron';
import type ElectronStore from 'electron-store';
import { PRIVATE_FILE_MODE } from '../hosts/privateFileMode.js';
import type { SecretStore } from '../hosts/secretStore.js';

/** The electron-store options of the secrets file: even sealed, the ciphertexts are the owner's alone (not 0644). */
export const SECRETS_FILE_OPTIONS = { name: 'secrets', configFileMode: PRIVATE_FILE_MODE } as const;

export interface SafeStorageSecretStoreOptions {
  /** Only hand this in when secretBackendChoice picked 'safeStorage' (never on basic_text). */
  safeStorage: Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync'>;
  /** new ElectronStore(SECRETS_FILE_OPTIONS); its "secrets" key maps secret ids to ciphertexts. */
  file: Pick<ElectronStore<Record<string, unknown>>, 'store' | 'path'>;
}

export class SafeStorageSecretStore implements SecretStore {
  readonly #safeStorage: SafeStorageSecretStoreOptions['safeStorage'];
  readonly #file: SafeStorageSecretStoreOptions['file'];

  constructor(options: SafeStorageSecretStoreOptions) {
    this.#safeStorage = options.safeStorage;
    this.#file = options.file;
  }

  async get(id: string): Promise<string | undefined> {
    const sealed = this.#ciphertexts()[id];
    if (sealed === undefined) return undefined;
    const { result, shouldReEncrypt } = await this.#safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'));
    // The keyring rotated its key: store the secret under the new one while we hold it.
    if (shouldReEncrypt) await this.set(id, result);
    return result;
  }

  async has(id: string): Promise<boolean> {
    return Object.hasOwn(this.#ciphertexts(), id);
  }

  async set(id: string, value: string): Promise<void> {
    const sealed = (await this.#safeStorage.encryptStringAsync(value)).toString('base64');
    // Read-modify-write only after the await, so concurrent sets cannot drop each other.
    this.#write({ ...this.#ciphertexts(), [id]: sealed });
  }

  async delete(id: string): Promise<void> {
    const ciphertexts = this.#ciphertexts();
    if (!Object.hasOwn(ciphertexts, id)) return;
    delete ciphertexts[id];
    this.#write(ciphertexts);
  }

  #ciphertexts(): Record<string, string> {
    const secrets = this.#file.store.secrets ?? {};
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
      throw new Error(`${this.#file.path}: "secrets" must be an object of base64 ciphertexts; the file was left untouched`);
    }
    return Object.assign(Object.create(null) as Record<string, string>, secrets);
  }

  #write(ciphertexts: Record<string, string>): void {
    this.#file.store = { ...this.#file.store, secrets: { ...ciphertexts } };
  }
}
