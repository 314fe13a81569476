// Loads the settings from the core, follows their changes from any window, and puts the chosen theme on <html>.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch, type Theme } from '../../app/settings.js';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { appliedTheme } from './appliedTheme.js';
import { SettingsContext, type SettingsState } from './useSettings.js';

/** Sets <html data-theme>, following the OS while the choice is "system". */
function useAppliedTheme(choice: Theme): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = appliedTheme(choice, media.matches);
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [choice]);
}

export function SettingsProvider({ children }: { children: ReactNode }) {
  const api = useSkeinApi();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<SkeinErrorShape | null>(null);

  useEffect(() => {
    let live = true;
    // A change announced while getSettings is on its way is newer than its answer.
    let changedMeanwhile = false;
    const off = api.onSettingsChanged((next) => {
      changedMeanwhile = true;
      setSettings(next);
      setLoaded(true);
    });
    api.getSettings().then(
      (first) => {
        if (!live || changedMeanwhile) return;
        setSettings(first);
        setLoaded(true);
        setLoadError(null);
      },
      (error: unknown) => {
        if (live) setLoadError(skeinErrorFromShape(error).toShape());
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  useAppliedTheme(settings.theme);

  const update = useCallback(
    async (patch: SettingsPatch): Promise<Settings> => {
      const saved = await api.updateSettings(patch);
      setSettings(saved);
      setLoaded(true);
      return saved;
    },
    [api],
  );

  const value = useMemo<SettingsState>(() => ({ settings, loaded, loadError, update }), [settings, loaded, loadError, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}
