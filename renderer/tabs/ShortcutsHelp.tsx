// The list of keyboard shortcuts, in a dialog opened from the tab bar.
import { useEffect, useRef } from 'react';
import { KEYBOARD_SHORTCUTS } from './keyboardShortcuts.js';

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog shortcuts-help"
      aria-labelledby="shortcuts-help-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="shortcuts-help-title">Keyboard shortcuts</h2>
      <div className="confirm-body">
        <p className="muted">
          Tab, Ctrl+W, Ctrl+T, Ctrl+F and the other Ctrl keys stay with the shell; Ctrl+F6 takes the keyboard out of the
          terminal. In a browser tab, the browser keeps some chords (Ctrl+Tab, Ctrl+Shift+T, Ctrl+Shift+W) for itself;
          use Alt+1…9 and the tab bar there.
        </p>
        <table className="shortcuts-table">
          <tbody>
            {KEYBOARD_SHORTCUTS.map((s) => (
              <tr key={s.does + s.keys.join()}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="muted"> or </span>}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>
                  {s.does}
                  {s.where !== undefined && <span className="muted"> ({s.where})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="confirm-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
