// Asks before deleting a saved host and shows the core's refusal (a jump host still in use) in its words.
import { useState } from 'react';
import { formatEndpoint, type SavedHostView } from '../../app/hosts.js';
import { skeinErrorFromShape, type SkeinError } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { ModalDialog } from './ModalDialog.js';

export interface DeleteHostDialogProps {
  host: SavedHostView;
  onCancel: () => void;
  onDeleted: () => void;
}

export function DeleteHostDialog({ host, onCancel, onDeleted }: DeleteHostDialogProps) {
  const api = useSkeinApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SkeinError | null>(null);

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteHost(host.id);
      onDeleted();
    } catch (e) {
      setError(skeinErrorFromShape(e));
      setBusy(false);
    }
  };

  const secrets = [host.hasPassword ? 'password' : '', host.hasPassphrase ? 'key passphrase' : ''].filter(Boolean).join(' and ');
  return (
    <ModalDialog title={`Delete “${host.label}”?`} onClose={onCancel} testId="delete-host-dialog" className="modal-narrow">
      <p>
        {formatEndpoint(host)} leaves your saved hosts{secrets ? `, and its saved ${secrets} is forgotten` : ''}. Tabs open on it stay open
        until you close them.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      <p className="visually-hidden" role="status">
        {busy ? 'Deleting…' : ''}
      </p>
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          {error ? 'Close' : 'Cancel'}
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </ModalDialog>
  );
}
