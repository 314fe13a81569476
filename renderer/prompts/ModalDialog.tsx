// A modal built on the native <dialog>: focus moves in when it opens and back where it was when it closes; Escape cancels.
import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

export interface ModalDialogProps {
  /** id of the element naming the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  testId?: string;
  className?: string;
  /** Escape, or the browser closing the dialog: the dialog's safe answer (reject, cancel). */
  onCancel: () => void;
  /** Where focus goes on open; otherwise the browser's choice (the first focusable element). */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

export function ModalDialog({ labelledBy, describedBy, testId, className, onCancel, initialFocus, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef(onCancel);
  useEffect(() => {
    cancelRef.current = onCancel;
  });

  // Layout effect: the dialog is modal before the browser paints, so no key reaches the page behind it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      dialog.close();
      // The element may have gone (its tab closed) or been hidden meanwhile; focus only what can take it.
      if (before?.isConnected) before.focus();
    };
    // Opened once per mount: a new question is a new dialog (keyed by its prompt id).
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      onCancel={(event) => {
        // The state decides when the dialog closes; Escape only asks.
        event.preventDefault();
        cancelRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
