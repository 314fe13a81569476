// An error in words: a headline from its code, what happened, and the fix with its command ready to copy.
import type { ReactNode } from 'react';
import type { SkeinErrorShape } from '../../app/skeinError.js';
import { useVaultPrompt } from '../prompts/useVaultPrompt.js';
import { CopyableCommand } from './CopyableCommand.js';
import { errorHeadline } from './errorHeadline.js';
import { hintParts } from './hintParts.js';
import './errors.css';

export interface ErrorNoticeProps {
  error: SkeinErrorShape;
  /** Shown as a close button when given. */
  onDismiss?: () => void;
  /** Buttons that act on the error (Retry, Unlock the vault...). */
  children?: ReactNode;
  className?: string;
}

export function ErrorNotice({ error, onDismiss, children, className }: ErrorNoticeProps) {
  const vault = useVaultPrompt();
  // Wherever a locked vault stops something, the way to open it is one button away.
  const offerVault = error.code === 'VAULT_LOCKED' && vault !== null && vault.status?.backend === 'passphrase-vault';
  return (
    <div className={`error-notice${className ? ` ${className}` : ''}`} role="alert" data-testid="error" data-code={error.code}>
      <span className="error-notice-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="error-notice-body">
        <p className="error-notice-headline">{errorHeadline(error.code)}</p>
        <p className="error-notice-message">{error.message}</p>
        {error.hint && (
          <p className="error-notice-hint">
            {hintParts(error.hint).map((part, i) =>
              part.kind === 'command' ? <CopyableCommand key={i} command={part.text} /> : <span key={i}>{part.text}</span>,
            )}
          </p>
        )}
        {(children || offerVault) && (
          <div className="error-notice-actions">
            {offerVault && (
              <button type="button" onClick={() => void vault.ask()}>
                {vault.status?.state === 'absent' ? 'Create the vault…' : 'Unlock the vault…'}
              </button>
            )}
            {children}
          </div>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="error-notice-dismiss" onClick={onDismiss} aria-label={`Dismiss: ${errorHeadline(error.code)}`}>
          ×
        </button>
      )}
    </div>
  );
}
