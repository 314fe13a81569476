// The tab actions (open a tab on a host, ...) handed to other views through React context instead of a global.
import { createContext, useContext } from 'react';
import type { TabsActions } from './tabsController.js';

export const TabsActionsContext = createContext<TabsActions | null>(null);

/** For the host list, quick connect and menus: `useTabsActions().openTab(host.id, host)`. */
export function useTabsActions(): TabsActions {
  const actions = useContext(TabsActionsContext);
  if (!actions) throw new Error('useTabsActions outside <TabsActionsContext.Provider>: App mounts it around the layout');
  return actions;
}
