// Where the desktop app keeps secrets: the OS keyring through safeStorage, or the passphrase vault the UI unlocks.
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type ElectronStore from 'electron-store';
import { LockableVault, type VaultControl } from '../hosts/lockableVault.js';
import type { HostsLogger } from '../hosts/hostsLogger.js';
import { secretBackendChoice } from '../hosts/secretBackendChoice.js';
import type { SecretStore } from '../hosts/secretStore.js';
import { SafeStorageSecretStore } from './safeStorageSecretStore.js';

export interface DesktopSecrets {
  secrets: SecretStore;
  /** Present when secrets live in the vault: vaultStatus then says "passphrase-vault" and the UI asks for the passphrase. */
  vault?: VaultControl;
  /** One sentence for the log: which backend holds the secrets, and why. */
  reason: string;
}

export interface DesktopSecretsOptions {
  platform: string;
  safeStorage: Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'>;
  /** new ElectronStore(SECRETS_FILE_OPTIONS), made only when safeStorage is chosen. */
  secretsFile: () => Pick<ElectronStore<Record<string, unknown>>, 'store' | 'path'>;
  userDataDir: string;
  /** SKEIN_VAULT_PASSPHRASE taken from the environment at launch: opens (or creates) the vault without the dialog. */
  vaultPassphrase?: string | undefined;
  logger: HostsLogger;
}

export async function openDesktopSecrets(options: DesktopSecretsOptions): Promise<DesktopSecrets> {
  const choice = secretBackendChoice({
    platform: options.platform,
    encryptionAvailable: await options.safeStorage.isAsyncEncryptionAvailable(),
    ...(options.platform === 'linux' ? { storageBackend: options.safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (choice.backend === 'safeStorage') {
    return { secrets: new SafeStorageSecretStore({ safeStorage: options.safeStorage, file: options.secretsFile() }), reason: choice.reason };
  }
  // The same file web mode uses (userData/vault.json), unlocked by the same dialog.
  const vault = new LockableVault({ path: join(options.userDataDir, 'vault.json'), logger: options.logger });
  if (options.vaultPassphrase !== undefined) {
    const { state } = await vault.status();
    try {
      await (state === 'absent' ? vault.create(options.vaultPassphrase) : vault.unlock(options.vaultPassphrase));
    } catch (err) {
      options.logger.warn(`SKEIN_VAULT_PASSPHRASE did not open the vault (${(err as Error).message}); unlock it in the window instead`);
    }
  }
  return { secrets: vault, vault, reason: choice.reason };
}
