// The vault's passphrase: chosen twice when the vault is created, typed once to unlock it; a wrong one is said so.
import { useId, useRef, useState, type FormEvent } from 'react';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { ModalDialog } from './ModalDialog.js';
import { MIN_PASSPHRASE_LENGTH, passphraseStrength } from './passphraseStrength.js';

export interface VaultDialogProps {
  mode: 'create' | 'unlock';
  /** The vault is open: secrets can be saved and used. */
  onDone: () => void;
  onCancel: () => void;
}

export function VaultDialog({ mode, onDone, onCancel }: VaultDialogProps) {
  const api = useSkeinApi();
  const id = useId();
  const firstRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [repeatTouched, setRepeatTouched] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<SkeinErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = passphraseStrength(passphrase);
  const mismatch = mode === 'create' && repeatTouched && repeat !== passphrase ? 'The two passphrases differ.' : null;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFieldError(null);
    if (mode === 'create') {
      if (strength.level === 'too-short') {
        setFieldError(`Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
        firstRef.current?.focus();
        return;
      }
      if (repeat !== passphrase) {
        setRepeatTouched(true);
        repeatRef.current?.focus();
        return;
      }
    } else if (passphrase === '') {
      setFieldError('Enter the passphrase the vault was created with.');
      firstRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'create') await api.createVault(passphrase);
      else await api.unlockVault(passphrase);
      onDone();
    } catch (thrown) {
      const shape = skeinErrorFromShape(thrown).toShape();
      if (shape.code === 'VAULT_WRONG_PASSPHRASE') {
        setFieldError('That passphrase does not open the vault. Check Caps Lock and try again.');
        firstRef.current?.select();
        firstRef.current?.focus();
      } else if (shape.field === 'passphrase') {
        setFieldError(shape.message);
        firstRef.current?.focus();
      } else setError(shape);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'create' ? 'Create a vault for your passwords' : 'Unlock the vault';
  return (
    <ModalDialog labelledBy={`${id}-title`} describedBy={`${id}-about`} testId="vault-dialog" className="prompt-dialog" onCancel={onCancel} initialFocus={firstRef}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
        <h2 id={`${id}-title`} className="prompt-title">
          {title}
        </h2>
        {mode === 'create' ? (
          <div id={`${id}-about`}>
            <p>
              Skein keeps the passwords and key passphrases you save in one file, encrypted with this passphrase. It asks for the
              passphrase again each time it starts, before a host that needs a saved secret can log in.
            </p>
            <p>
              <strong>Skein cannot recover a forgotten passphrase.</strong> The saved secrets would be lost; the hosts themselves stay.
            </p>
          </div>
        ) : (
          <p id={`${id}-about`}>
            Your saved passwords and key passphrases are encrypted with the vault's passphrase. Hosts that log in with a key file or
            ssh-agent work without it.
          </p>
        )}
        <label className="prompt-field">
          <span>{mode === 'create' ? 'New passphrase' : 'Vault passphrase'}</span>
          <input
            ref={firstRef}
            type="password"
            value={passphrase}
            onChange={(e) => {
              setPassphrase(e.target.value);
              setFieldError(null);
            }}
            autoComplete={mode === 'create' ? 'new-password' : 'current-password'}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={[mode === 'create' ? `${id}-strength` : '', fieldError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          />
        </label>
        {mode === 'create' && (
          <p id={`${id}-strength`} className="prompt-strength" data-level={passphrase === '' ? 'none' : strength.level} aria-live="polite">
            {passphrase === '' ? `At least ${MIN_PASSPHRASE_LENGTH} characters; four unrelated words make a strong passphrase.` : strength.text}
          </p>
        )}
        {fieldError && (
          <p id={`${id}-error`} className="prompt-field-error">
            <span aria-hidden="true">⚠ </span>
            {fieldError}
          </p>
        )}
        {mode === 'create' && (
          <>
            <label className="prompt-field">
              <span>Repeat the passphrase</span>
              <input
                ref={repeatRef}
                type="password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                onBlur={() => setRepeatTouched(repeat !== '')}
                autoComplete="new-password"
                aria-invalid={mismatch ? true : undefined}
                aria-describedby={mismatch ? `${id}-mismatch` : undefined}
              />
            </label>
            {mismatch && (
              <p id={`${id}-mismatch`} className="prompt-field-error">
                <span aria-hidden="true">⚠ </span>
                {mismatch}
              </p>
            )}
          </>
        )}
        {error && <ErrorNotice error={error} />}
        <div className="prompt-buttons">
          <span className="muted prompt-busy" role="status">
            {busy ? (mode === 'create' ? 'Creating the vault…' : 'Unlocking…') : ''}
          </span>
          <button type="button" onClick={onCancel} disabled={busy}>
            Not now
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {mode === 'create' ? 'Create vault' : 'Unlock'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
