// Asks for the password of a quick-connect host after ssh-agent and the default keys were refused.
import { useId, useState, type FormEvent } from 'react';
import { formatEndpoint, type Endpoint } from '../../app/hosts.js';
import { ModalDialog } from './ModalDialog.js';

export interface QuickConnectPasswordDialogProps {
  target: Endpoint;
  /** The password sent last time was refused too. */
  retry: boolean;
  busy: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

export function QuickConnectPasswordDialog({ target, retry, busy, onSubmit, onCancel }: QuickConnectPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const inputId = useId();
  const whyId = useId();
  const where = formatEndpoint(target);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    onSubmit(password);
    // The typed password lives no longer than the attempt needs it.
    setPassword('');
  };

  return (
    <ModalDialog title={`Log in to ${where}`} onClose={onCancel} testId="auth-dialog" className="modal-narrow">
      <form onSubmit={submit}>
        <p id={whyId} role={retry ? 'alert' : undefined} className={retry ? 'field-error' : undefined}>
          {retry
            ? `${where} did not accept that password. Check it and try again.`
            : `${where} did not accept ssh-agent or your default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa). It may take a password.`}
        </p>
        <div className="field">
          <label htmlFor={inputId}>Password for {target.username}</label>
          <input
            id={inputId}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            aria-describedby={whyId}
            disabled={busy}
            data-autofocus
          />
        </div>
        <p role="status" className="muted">
          {busy ? `Logging in to ${where}…` : ''}
        </p>
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
