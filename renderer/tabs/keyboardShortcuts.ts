// Which keys the app takes from the terminal, and the list of them shown in the help.
// Only Ctrl+Shift, Alt+digit and Ctrl+Tab/PageUp/PageDown chords: Ctrl+W, Ctrl+T, Ctrl+F, Ctrl+C...
// belong to the shell (readline, vim, less), as in VS Code's terminal and GNOME Terminal.

export type ShortcutCommand =
  | { type: 'new-tab' }
  | { type: 'close-tab' }
  | { type: 'next-tab' }
  | { type: 'previous-tab' }
  | { type: 'move-tab'; delta: -1 | 1 }
  /** From 0; -1 is the last tab. */
  | { type: 'go-to-tab'; index: number }
  /** Moves the keyboard between the window's parts: hosts, tab bar, terminal (Tab itself belongs to the shell). */
  | { type: 'focus-part'; delta: -1 | 1 }
  | { type: 'find' }
  | { type: 'copy' }
  | { type: 'paste' };

/** The parts of a KeyboardEvent a decision needs (so it runs under Node in tests). */
export interface KeyChord {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function shortcutFor(e: KeyChord): ShortcutCommand | undefined {
  if (e.metaKey) return undefined;
  const ctrlOnly = e.ctrlKey && !e.shiftKey && !e.altKey;
  const ctrlShift = e.ctrlKey && e.shiftKey && !e.altKey;
  if (ctrlOnly || ctrlShift) {
    if (e.key === 'Tab') return { type: ctrlShift ? 'previous-tab' : 'next-tab' };
    if (e.key === 'PageDown') return ctrlShift ? { type: 'move-tab', delta: 1 } : { type: 'next-tab' };
    if (e.key === 'PageUp') return ctrlShift ? { type: 'move-tab', delta: -1 } : { type: 'previous-tab' };
  }
  // Ctrl+F6 as in Windows' document windows; a bare F6 belongs to mc and htop.
  if ((ctrlOnly || ctrlShift) && e.key === 'F6') return { type: 'focus-part', delta: ctrlShift ? -1 : 1 };
  if (ctrlShift) {
    // The key code, not the character: Shift and keyboard layouts change e.key.
    switch (e.code) {
      case 'KeyT':
        return { type: 'new-tab' };
      case 'KeyW':
        return { type: 'close-tab' };
      case 'KeyF':
        return { type: 'find' };
      case 'KeyC':
        return { type: 'copy' };
      case 'KeyV':
        return { type: 'paste' };
    }
  }
  if (e.altKey && !e.ctrlKey && !e.shiftKey) {
    // e.code: on macOS Alt+1 types "¡", so e.key does not say which digit it was.
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
    if (digit) return { type: 'go-to-tab', index: digit === '9' ? -1 : Number(digit) - 1 };
  }
  return undefined;
}

export interface ShortcutHelp {
  /** Alternatives, each shown as its own key cap. */
  keys: readonly string[];
  does: string;
  /** Where the keys work when not everywhere, e.g. "on a tab". */
  where?: string;
  /** The chords behind `keys` that shortcutFor answers (none for keys a focused tab handles itself). */
  chords: readonly string[];
}

/** Shown in the shortcuts list; a test checks that every chord here does something. */
export const KEYBOARD_SHORTCUTS: readonly ShortcutHelp[] = [
  { keys: ['Ctrl+Shift+T'], does: 'New tab on the current host', chords: ['Ctrl+Shift+T'] },
  { keys: ['Ctrl+Shift+W'], does: 'Close the tab', chords: ['Ctrl+Shift+W'] },
  { keys: ['Ctrl+Tab', 'Ctrl+PageDown'], does: 'Next tab', chords: ['Ctrl+Tab', 'Ctrl+PageDown'] },
  { keys: ['Ctrl+Shift+Tab', 'Ctrl+PageUp'], does: 'Previous tab', chords: ['Ctrl+Shift+Tab', 'Ctrl+PageUp'] },
  { keys: ['Ctrl+Shift+PageDown'], does: 'Move the tab right', chords: ['Ctrl+Shift+PageDown'] },
  { keys: ['Ctrl+Shift+PageUp'], does: 'Move the tab left', chords: ['Ctrl+Shift+PageUp'] },
  { keys: ['Alt+1 … Alt+8'], does: 'Go to tab 1 … 8', chords: ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7', 'Alt+8'] },
  { keys: ['Alt+9'], does: 'Go to the last tab', chords: ['Alt+9'] },
  { keys: ['Ctrl+F6'], does: 'Move the keyboard to the next part of the window: hosts, tabs, terminal', chords: ['Ctrl+F6'] },
  { keys: ['Ctrl+Shift+F6'], does: 'Move the keyboard to the previous part of the window', chords: ['Ctrl+Shift+F6'] },
  { keys: ['Ctrl+Shift+F'], does: 'Find in the terminal (Enter: next, Shift+Enter: previous, Escape: close)', chords: ['Ctrl+Shift+F'] },
  { keys: ['Ctrl+Shift+C'], does: 'Copy the selection', where: 'in a terminal', chords: ['Ctrl+Shift+C'] },
  { keys: ['Ctrl+Shift+V'], does: 'Paste', where: 'in a terminal', chords: ['Ctrl+Shift+V'] },
  { keys: ['F2', 'double-click'], does: 'Rename the tab (Enter: keep, Escape: cancel)', where: 'on a tab', chords: [] },
  { keys: ['Delete'], does: 'Close the tab', where: 'on a tab', chords: [] },
  { keys: ['←', '→', 'Home', 'End'], does: 'Move between tabs', where: 'on a tab', chords: [] },
];
