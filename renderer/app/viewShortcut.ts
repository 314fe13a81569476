// The keys that switch the main area: Ctrl+Shift+H the pool health view, Ctrl+, the settings (Cmd on macOS).

export type MainView = 'tabs' | 'health' | 'settings';

export interface ShortcutKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The view a key asks for, or null when the key is not a view shortcut (it then goes on to the
 * terminal). Asking for the open view again goes back to the tabs, so one shortcut opens and closes.
 */
export function viewShortcut(event: ShortcutKey, current: MainView): MainView | null {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return null;
  let wanted: MainView | null = null;
  if (event.shiftKey && event.key.toLowerCase() === 'h') wanted = 'health';
  else if (!event.shiftKey && event.key === ',') wanted = 'settings';
  if (wanted === null) return null;
  return wanted === current ? 'tabs' : wanted;
}
