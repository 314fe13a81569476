// The window's layout: saved hosts on the left; quick connect, tabs and the open view on the right.
import { useCallback, useEffect, useState } from 'react';
import { HealthView, type DisconnectedHosts } from '../health/HealthView.js';
import { HostSidebar, type OpenHost } from '../hosts/HostSidebar.js';
import { QuickConnect } from '../hosts/QuickConnect.js';
import { useSavedHosts } from '../hosts/useSavedHosts.js';
import { PromptHost } from '../prompts/PromptHost.js';
import { VaultPromptProvider } from '../prompts/VaultPromptProvider.js';
import { SettingsProvider } from '../settings/SettingsProvider.js';
import { SettingsView } from '../settings/SettingsView.js';
import { useSettings } from '../settings/useSettings.js';
import { TabsView } from '../tabs/TabsView.js';
import { TabsActionsContext } from '../tabs/tabsContext.js';
import { useTabs } from '../tabs/useTabs.js';
import { listenToDesktopRequests } from './desktopRequests.js';
import type { PageWebgl } from '../terminal/rendererChoice.js';
import { MainPanel } from './MainPanel.js';
import { useSkeinApi } from './skeinApiContext.js';
import { useViewShortcuts } from './useViewShortcuts.js';
import { ViewBar } from './ViewBar.js';
import type { MainView } from './viewShortcut.js';

export interface AppProps {
  /** What draws the page's WebGL, probed once for the page (renderer/main.tsx). */
  pageWebgl: PageWebgl;
}

export function App({ pageWebgl }: AppProps) {
  return (
    <SettingsProvider>
      <VaultPromptProvider>
        <Layout pageWebgl={pageWebgl} />
        <PromptHost />
      </VaultPromptProvider>
    </SettingsProvider>
  );
}

/** Inside the providers: the terminals read their font and scrollback from the settings. */
function Layout({ pageWebgl }: AppProps) {
  const [view, setView] = useState<MainView>('tabs');
  useViewShortcuts(view, setView);
  const api = useSkeinApi();
  const savedHosts = useSavedHosts(api);
  const tabs = useTabs(api, pageWebgl, useSettings().settings);
  const { openTab } = tabs.controller;
  const [disconnectedHosts, setDisconnectedHosts] = useState<DisconnectedHosts>(new Map());
  // A tab on the host, a channel on its pooled connection; the saved host's label and colour go on the tab.
  const openHost = useCallback<OpenHost>(
    (hostId, options) => openTab(hostId, savedHosts.hosts?.find((h) => h.id === hostId), options),
    [openTab, savedHosts.hosts],
  );
  // A fresh object each time, so the same target handed over twice fills the bar again.
  const [prefill, setPrefill] = useState<{ text: string }>();
  useEffect(
    () =>
      listenToDesktopRequests(api, {
        openHost: (hostId) => {
          setView('tabs');
          openHost(hostId);
        },
        showView: setView,
        prefillQuickConnect: (text) => setPrefill({ text }),
      }),
    [api, openHost],
  );
  return (
    <TabsActionsContext.Provider value={tabs.controller}>
      <div className="app">
        <aside className="app-sidebar" aria-label="Saved hosts">
          <HostSidebar savedHosts={savedHosts} onOpen={openHost} />
        </aside>
        <main className="app-main">
          <div className="app-topbar">
            <QuickConnect onOpen={openHost} onSaved={() => void savedHosts.refresh()} prefill={prefill} />
          </div>
          <ViewBar view={view} onChange={setView} />
          <div className="app-views">
            {/* The tabs stay mounted (and keep their scrollback) under a panel; inert keeps keys and readers out. */}
            <div className="app-content" inert={view !== 'tabs'}>
              <TabsView controller={tabs.controller} state={tabs.state} />
            </div>
            {view === 'health' && (
              <MainPanel label="Pool health">
                <HealthView savedHosts={savedHosts.hosts} disconnected={disconnectedHosts} setDisconnected={setDisconnectedHosts} />
              </MainPanel>
            )}
            {view === 'settings' && (
              <MainPanel label="Settings">
                <SettingsView pageWebgl={pageWebgl} />
              </MainPanel>
            )}
          </div>
        </main>
      </div>
    </TabsActionsContext.Provider>
  );
}
