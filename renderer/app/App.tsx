// The window's layout: saved hosts on the left; quick connect, tabs and the open view on the right.
import { useCallback, useEffect, useState } from 'react';
import { HostSidebar, type OpenHost } from '../hosts/HostSidebar.js';
import { QuickConnect } from '../hosts/QuickConnect.js';
import { useSavedHosts } from '../hosts/useSavedHosts.js';
import { useSkeinApi } from './skeinApiContext.js';

export type ThemeChoice = 'light' | 'dark' | 'system';

/** Applies the theme to <html data-theme>, following the OS while the choice is "system". */
function useTheme(choice: ThemeChoice): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = choice === 'system' ? (media.matches ? 'dark' : 'light') : choice;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [choice]);
}

export function App() {
  const [theme] = useState<ThemeChoice>('system');
  useTheme(theme);
  const savedHosts = useSavedHosts(useSkeinApi());
  // The tabs view takes this over: it opens a tab (a channel on the host's pooled connection).
  const openHost = useCallback<OpenHost>(() => undefined, []);
  return (
    <div className="app">
      <aside className="app-sidebar" aria-label="Saved hosts">
        <HostSidebar savedHosts={savedHosts} onOpen={openHost} />
      </aside>
      <main className="app-main">
        <div className="app-topbar">
          <QuickConnect onOpen={openHost} onSaved={() => void savedHosts.refresh()} />
        </div>
        <div className="app-content" />
      </main>
    </div>
  );
}
