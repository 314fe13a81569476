// The person's settings for any view (the terminal reads font and scrollback here), kept current by the SettingsProvider.
import { createContext, useContext } from 'react';
import type { Settings, SettingsPatch } from '../../app/settings.js';
import type { SkeinErrorShape } from '../../app/skeinError.js';

export interface SettingsState {
  /** DEFAULT_SETTINGS until the core answers, so a terminal can open before that. */
  settings: Settings;
  loaded: boolean;
  /** Why the core could not give the settings, when it could not. */
  loadError: SkeinErrorShape | null;
  /** Saves through the core, which tells every window; rejects with the core's SkeinError. */
  update: (patch: SettingsPatch) => Promise<Settings>;
}

export const SettingsContext = createContext<SettingsState | null>(null);

export function useSettings(): SettingsState {
  const state = useContext(SettingsContext);
  if (!state) throw new Error('useSettings outside <SettingsProvider>: App mounts it around the views');
  return state;
}
