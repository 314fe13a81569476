// Lets any view ask for the vault's passphrase (a VAULT_LOCKED error, the settings): the VaultPromptProvider shows the dialog.
import { createContext, useContext } from 'react';
import type { VaultStatus } from '../../app/api.js';

export interface VaultPromptState {
  /** null until the core said, or when it keeps no vault. */
  status: VaultStatus | null;
  /** Opens the create or the unlock dialog, as the vault needs; true once it is open, false if the person said not now. */
  ask: () => Promise<boolean>;
}

export const VaultPromptContext = createContext<VaultPromptState | null>(null);

/** null outside the provider, so a notice can offer the vault only where there is one to offer. */
export function useVaultPrompt(): VaultPromptState | null {
  return useContext(VaultPromptContext);
}
