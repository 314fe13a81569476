// Listens for the view shortcuts before the terminal sees them, so Ctrl+Shift+H and Ctrl+, work from inside a tab.
import { useEffect } from 'react';
import { viewShortcut, type MainView } from './viewShortcut.js';

export function useViewShortcuts(view: MainView, setView: (view: MainView) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const next = viewShortcut(event, view);
      if (next === null) return;
      event.preventDefault();
      event.stopPropagation();
      setView(next);
    };
    // Capture: xterm.js handles keys on its own textarea and would send them to the shell.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [view, setView]);
}
