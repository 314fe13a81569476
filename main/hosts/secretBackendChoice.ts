// Decides whether secrets go to Electron safeStorage (the OS keyring) or to the passphrase vault.

/** What Electron reports about safeStorage, gathered by the shell after app 'ready'. */
export interface SecretBackendFacts {
  /** process.platform */
  platform: string;
  /** await safeStorage.isAsyncEncryptionAvailable() */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend(); only meaningful on Linux. */
  storageBackend?: string;
}

export interface SecretBackendChoice {
  backend: 'safeStorage' | 'vault';
  /** One sentence for logs and the settings screen. */
  reason: string;
}

/** Linux keyrings that really protect the key; anything else (notably basic_text) does not. */
const TRUSTED_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export function secretBackendChoice(facts: SecretBackendFacts): SecretBackendChoice {
  if (!facts.encryptionAvailable) {
    return { backend: 'vault', reason: 'Electron safeStorage reports encryption unavailable, so secrets go to the passphrase vault' };
  }
  if (facts.platform === 'darwin') return { backend: 'safeStorage', reason: 'safeStorage uses the macOS Keychain' };
  if (facts.platform === 'win32') return { backend: 'safeStorage', reason: 'safeStorage uses Windows DPAPI' };
  const selected = facts.storageBackend;
  if (selected === undefined || selected === 'unknown') {
    // Deciding now would pick the vault for good and split secrets over two backends later.
    throw new Error('safeStorage backend is not known yet: ask for the secret backend after the app is ready');
  }
  if (TRUSTED_LINUX_BACKENDS.has(selected)) {
    return { backend: 'safeStorage', reason: `safeStorage uses the ${selected} keyring` };
  }
  if (selected === 'basic_text') {
    return {
      backend: 'vault',
      reason: 'safeStorage would use basic_text (a key hard-coded in Electron, no real protection), so secrets go to the passphrase vault',
    };
  }
  return { backend: 'vault', reason: `safeStorage backend "${selected}" is not a keyring Skein trusts, so secrets go to the passphrase vault` };
}
