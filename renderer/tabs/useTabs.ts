// Makes the window's one TabsController, keeps React in step with its state, and feeds it settings and theme colours.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SkeinApi } from '../../app/api.js';
import type { PageWebgl } from '../terminal/rendererChoice.js';
import type { TerminalSettings } from '../terminal/terminalOptions.js';
import { terminalColours } from '../terminal/terminalTheme.js';
import { TabsController } from './tabsController.js';
import type { TabsState } from './tabsReducer.js';

export function useTabs(api: SkeinApi, pageWebgl: PageWebgl, settings: Partial<TerminalSettings> = {}): { controller: TabsController; state: TabsState } {
  const [controller] = useState(() => new TabsController(api, pageWebgl, settings));
  const state = useSyncExternalStore(controller.subscribe, controller.getState);

  useEffect(() => controller.start(), [controller]);

  const { fontFamily, fontSize, scrollback, terminalRenderer } = settings;
  useEffect(() => {
    controller.applySettings({ fontFamily, fontSize, scrollback, terminalRenderer });
  }, [controller, fontFamily, fontSize, scrollback, terminalRenderer]);

  // The terminal's colours live in CSS variables; read them again whenever the page's theme flips.
  useEffect(() => {
    const root = document.documentElement;
    const apply = (): void => {
      const style = getComputedStyle(root);
      controller.applyColours(terminalColours((name) => style.getPropertyValue(name)));
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [controller]);

  return { controller, state };
}
