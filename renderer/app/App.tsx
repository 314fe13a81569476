// The window's layout: saved hosts on the left; quick connect, tabs and the open view on the right.
import { useCallback, useEffect, useState } from 'react';
import { HostSidebar, type OpenHost } from '../hosts/HostSidebar.js';
import { QuickConnect } from '../hosts/QuickConnect.js';
import { useSavedHosts } from '../hosts/useSavedHosts.js';
import { TabsView } from '../tabs/TabsView.js';
import { TabsActionsContext } from '../tabs/tabsContext.js';
import { useTabs } from '../tabs/useTabs.js';
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
  const api = useSkeinApi();
  const savedHosts = useSavedHosts(api);
  // Terminal settings (font, scrollback) join as useTabs' second argument when the settings view lands.
  const tabs = useTabs(api);
  const { openTab } = tabs.controller;
  // A tab on the host, a channel on its pooled connection; the saved host's label and colour go on the tab.
  const openHost = useCallback<OpenHost>(
    (hostId, options) => openTab(hostId, savedHosts.hosts?.find((h) => h.id === hostId), options),
    [openTab, savedHosts.hosts],
  );
  return (
    <TabsActionsContext.Provider value={tabs.controller}>
      <div className="app">
        <aside className="app-sidebar" aria-label="Saved hosts">
          <HostSidebar savedHosts={savedHosts} onOpen={openHost} />
        </aside>
        <main className="app-main">
          <div className="app-topbar">
            <QuickConnect onOpen={openHost} onSaved={() => void savedHosts.refresh()} />
          </div>
          <div className="app-content">
            <TabsView controller={tabs.controller} state={tabs.state} />
          </div>
        </main>
      </div>
    </TabsActionsContext.Provider>
  );
}
