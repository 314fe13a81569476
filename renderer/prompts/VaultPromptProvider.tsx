// Asks for the vault's passphrase when secrets are sealed in one: unlock at start when it is locked, create when first needed.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { VaultStatus } from '../../app/api.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { VaultPromptContext, type VaultPromptState } from './useVaultPrompt.js';
import { VaultDialog } from './VaultDialog.js';

export function VaultPromptProvider({ children }: { children: ReactNode }) {
  const api = useSkeinApi();
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [mode, setMode] = useState<'create' | 'unlock' | null>(null);
  const waiters = useRef<((open: boolean) => void)[]>([]);

  const refresh = useCallback(async (): Promise<VaultStatus | null> => {
    try {
      const next = await api.vaultStatus();
      setStatus(next);
      return next;
    } catch {
      // A core without a vault to speak of: nothing to ask for.
      return null;
    }
  }, [api]);

  useEffect(() => {
    let live = true;
    void refresh().then((first) => {
      // A locked vault is asked for at once: the person's saved hosts need it. An absent one waits until a secret is saved.
      if (live && first?.backend === 'passphrase-vault' && first.state === 'locked') setMode('unlock');
    });
    return () => {
      live = false;
    };
  }, [refresh]);

  const settle = (open: boolean): void => {
    setMode(null);
    for (const resolve of waiters.current.splice(0)) resolve(open);
  };

  const ask = useCallback(async (): Promise<boolean> => {
    const now = await refresh();
    if (!now || now.state === 'unlocked') return now !== null;
    setMode(now.state === 'absent' ? 'create' : 'unlock');
    return new Promise<boolean>((resolve) => waiters.current.push(resolve));
  }, [refresh]);

  const value = useMemo<VaultPromptState>(() => ({ status, ask }), [status, ask]);
  return (
    <VaultPromptContext.Provider value={value}>
      {children}
      {mode && (
        <VaultDialog
          key={mode}
          mode={mode}
          onDone={() => {
            void refresh();
            settle(true);
          }}
          onCancel={() => settle(false)}
        />
      )}
    </VaultPromptContext.Provider>
  );
}
