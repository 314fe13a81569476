// Imports hosts from ~/.ssh/config and shows what happened: the counts and the core's line-by-line report.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportSummary } from '../../app/api.js';
import { skeinErrorFromShape, type SkeinError } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { ModalDialog } from './ModalDialog.js';

export interface ImportSshConfigDialogProps {
  onClose: () => void;
  /** Called once the import has changed the saved hosts, so the list can be read again. */
  onImported: () => void;
}

type State = { step: 'running' } | { step: 'done'; summary: ImportSummary } | { step: 'failed'; error: SkeinError };

export function ImportSshConfigDialog({ onClose, onImported }: ImportSshConfigDialogProps) {
  const api = useSkeinApi();
  const [state, setState] = useState<State>({ step: 'running' });
  const mounted = useRef(true);
  const started = useRef(false);

  const run = useCallback(async () => {
    setState({ step: 'running' });
    try {
      const summary = await api.importSshConfig();
      if (!mounted.current) return;
      setState({ step: 'done', summary });
      onImported();
    } catch (error) {
      if (mounted.current) setState({ step: 'failed', error: skeinErrorFromShape(error) });
    }
  }, [api, onImported]);

  useEffect(() => {
    mounted.current = true;
    // Opening the dialog is the person's "import now"; React's development double effects must not import twice.
    if (!started.current) {
      started.current = true;
      void run();
    }
    return () => {
      mounted.current = false;
    };
  }, [run]);

  return (
    <ModalDialog title="Import from ~/.ssh/config" onClose={onClose} testId="import-dialog" className="modal-wide">
      <div role="status" aria-live="polite">
        {state.step === 'running' ? <p>Reading ~/.ssh/config…</p> : null}
        {state.step === 'done' ? <p className="import-counts">{countsText(state.summary)}</p> : null}
      </div>
      {state.step === 'failed' ? <ErrorNotice error={state.error} /> : null}
      {state.step === 'done' && state.summary.report.trim() !== '' ? (
        <pre className="import-report" tabIndex={0} aria-label="Import report" data-testid="import-report">
          {state.summary.report}
        </pre>
      ) : null}
      <div className="modal-actions">
        {state.step === 'failed' ? (
          <button type="button" onClick={() => void run()}>
            Try again
          </button>
        ) : null}
        <button type="button" className="primary" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function countsText(s: ImportSummary): string {
  if (s.imported + s.updated + s.unchanged + s.skipped === 0) return 'No hosts found in ~/.ssh/config.';
  return `${s.imported} imported, ${s.updated} updated, ${s.unchanged} unchanged, ${s.skipped} skipped.`;
}
