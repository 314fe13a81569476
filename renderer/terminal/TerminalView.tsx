// One tab's terminal on screen: mounts its xterm.js element, the find bar, and the questions before a link opens or a paste lands.
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FindBar } from './FindBar.js';
import type { PastePreview } from './pasteText.js';
import type { TerminalSession } from './terminalSession.js';
import './terminal.css';

export interface TerminalViewProps {
  session: TerminalSession;
  active: boolean;
  hostLabel: string;
}

type Question = { type: 'open-link'; url: string } | { type: 'paste'; text: string; preview: PastePreview };

const NOTICE_MS = 8000;

export function TerminalView({ session, active, hostLabel }: TerminalViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [question, setQuestion] = useState<Question>();
  const [find, setFind] = useState<{ open: boolean; focusKey: number }>({ open: false, focusKey: 0 });
  const [notice, setNotice] = useState<string>();

  // A tab opens active, and its terminal takes the keyboard: the person opened it to type in it.
  const openedActive = useRef(active);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const detach = session.attach(container);
    if (openedActive.current) requestAnimationFrame(() => session.focus());
    return detach;
  }, [session]);

  useEffect(
    () =>
      session.onRequest((request) => {
        if (request.type === 'find') setFind((f) => ({ open: true, focusKey: f.focusKey + 1 }));
        else if (request.type === 'notice') setNotice(request.message);
        else setQuestion(request);
      }),
    [session],
  );

  useEffect(() => {
    if (notice === undefined) return;
    const timer = setTimeout(() => setNotice(undefined), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // A hidden tab had no size (fit it now that it shows), and its output gives way to the shown tab.
  useEffect(() => {
    session.setShown(active);
    if (active) session.fitSoon();
  }, [active, session]);

  const answered = (): void => {
    setQuestion(undefined);
    // After the dialog has closed: closing hands focus back to whatever had it before, which may be nothing.
    requestAnimationFrame(() => session.focus());
  };

  return (
    <div className="terminal-pane">
      {find.open && <FindBar session={session} focusKey={find.focusKey} onClose={() => setFind((f) => ({ ...f, open: false }))} />}
      <div ref={containerRef} className="terminal-container" />
      {notice !== undefined && (
        <div className="terminal-notice" role="status">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      {question?.type === 'open-link' && (
        <ConfirmDialog
          title="Open this link?"
          confirmLabel="Open link"
          testId="link-dialog"
          onCancel={answered}
          onConfirm={() => {
            window.open(question.url, '_blank', 'noopener,noreferrer');
            answered();
          }}
        >
          <p>A program on {hostLabel} printed a link to this address. It opens in your browser:</p>
          <pre className="confirm-code">{question.url}</pre>
        </ConfirmDialog>
      )}
      {question?.type === 'paste' && (
        <ConfirmDialog
          title={question.preview.lineCount === 1 ? 'Paste a line that ends in a line break?' : `Paste ${question.preview.lineCount} lines?`}
          confirmLabel="Paste"
          testId="paste-dialog"
          onCancel={answered}
          onConfirm={() => {
            session.pasteConfirmed(question.text);
            answered();
          }}
        >
          <p>
            Each line break may run a command on {hostLabel} as soon as it lands.
            {question.preview.lineCount > question.preview.firstLines.length &&
              ` The first ${question.preview.firstLines.length} of ${question.preview.lineCount} lines:`}
          </p>
          <pre className="confirm-code">{question.preview.firstLines.join('\n')}</pre>
        </ConfirmDialog>
      )}
    </div>
  );
}
