// The window's layout: saved hosts on the left; quick connect, tabs and the open view on the right.
import { useCallback, useState } from 'react';
import { HealthView } from '../health/HealthView.js';
import { HostSidebar, type OpenHost } from '../hosts/HostSidebar.js';
import { QuickConnect } from '../hosts/QuickConnect.js';
import { useSavedHosts } from '../hosts/useSavedHosts.js';
import { PromptHost } from '../prompts/PromptHost.js';
import { VaultPromptProvider } from '../prompts/VaultPromptProvider.js';
import { SettingsProvider } from '../settings/SettingsProvider.js';
import { SettingsView } from '../settings/SettingsView.js';
import { MainPanel } from './MainPanel.js';
import { useSkeinApi } from './skeinApiContext.js';
import { useViewShortcuts } from './useViewShortcuts.js';
import { ViewBar } from './ViewBar.js';
import type { MainView } from './viewShortcut.js';

export function App() {
  const [view, setView] = useState<MainView>('tabs');
  useViewShortcuts(view, setView);
  const savedHosts = useSavedHosts(useSkeinApi());
  // The tabs view takes this over: it opens a tab (a channel on the host's pooled connection).
  const openHost = useCallback<OpenHost>(() => undefined, []);
  return (
    <SettingsProvider>
      <VaultPromptProvider>
        <div className="app">
          <aside className="app-sidebar" aria-label="Saved hosts">
            <HostSidebar savedHosts={savedHosts} onOpen={openHost} />
          </aside>
          <main className="app-main">
            <div className="app-topbar">
              <QuickConnect onOpen={openHost} onSaved={() => void savedHosts.refresh()} />
            </div>
            <ViewBar view={view} onChange={setView} />
            <div className="app-views">
              {/* The tabs stay mounted (and keep their scrollback) under a panel; inert keeps keys and readers out. */}
              <div className="app-content" inert={view !== 'tabs'} />
              {view === 'health' && (
                <MainPanel label="Pool health">
                  <HealthView />
                </MainPanel>
              )}
              {view === 'settings' && (
                <MainPanel label="Settings">
                  <SettingsView />
                </MainPanel>
              )}
            </div>
          </main>
        </div>
        <PromptHost />
      </VaultPromptProvider>
    </SettingsProvider>
  );
}
