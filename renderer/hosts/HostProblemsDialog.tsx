// Lists the stored host entries the core could not load: which file, which entry, and what is wrong with it.
import type { HostProblem } from '../../app/api.js';
import { ModalDialog } from './ModalDialog.js';

export interface HostProblemsDialogProps {
  problems: readonly HostProblem[];
  onClose: () => void;
  onCheckAgain: () => void;
}

export function HostProblemsDialog({ problems, onClose, onCheckAgain }: HostProblemsDialogProps) {
  const title = problems.length === 1 ? "1 saved host can't be loaded" : `${problems.length} saved hosts can't be loaded`;
  return (
    <ModalDialog title={title} onClose={onClose} testId="host-problems-dialog">
      <p>
        Skein leaves these entries in the file exactly as they are and skips them until they are fixed. Correct them in the file, then check
        again.
      </p>
      {problems.length === 0 ? <p role="status">Every saved host loads now.</p> : null}
      <ul className="problem-list">
        {problems.map((p) => (
          <li key={`${p.file}#${p.index}`} className="problem">
            <p className="problem-entry">
              {p.label !== undefined || p.id !== undefined ? (
                <>
                  <strong>{p.label ?? p.id}</strong>
                  <span className="muted"> — {entryWords(p, 'entry')}</span>
                </>
              ) : (
                <strong>{entryWords(p, 'Entry')}</strong>
              )}
            </p>
            <p className="problem-file">{p.file}</p>
            <ul className="problem-issues">
              {p.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div className="modal-actions">
        <button type="button" onClick={onCheckAgain}>
          Check again
        </button>
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function entryWords(p: HostProblem, entry: 'Entry' | 'entry'): string {
  return `${entry} ${p.index + 1} of the “hosts” list${p.id !== undefined && p.label !== undefined ? `, id ${p.id}` : ''}`;
}
