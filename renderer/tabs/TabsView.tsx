// The main area's terminals: the tab strip, one panel per tab (terminal and status card), and the window-wide tab shortcuts.
import { useEffect, useState } from 'react';
import { TerminalView } from '../terminal/TerminalView.js';
import { shortcutFor, type ShortcutCommand } from './keyboardShortcuts.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { TabStatus } from './TabStatus.js';
import { TabStrip, panelDomId, tabDomId } from './TabStrip.js';
import type { TabsController } from './tabsController.js';
import type { TabsState } from './tabsReducer.js';
import './tabs.css';

export interface TabsViewProps {
  controller: TabsController;
  state: TabsState;
}

const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The window's parts in keyboard order: the sidebar (hosts), the tab bar, the active terminal.
 * Each is given as the element to focus in it; a part with nothing to focus is skipped.
 */
function windowParts(): HTMLElement[] {
  const sidebar = document.querySelector<HTMLElement>('.app-sidebar')?.querySelector<HTMLElement>(FOCUSABLE);
  const tab = document.querySelector<HTMLElement>('.tab-strip [role="tab"][aria-selected="true"]') ?? document.querySelector<HTMLElement>('.tab-bar-button');
  const terminal = document.querySelector<HTMLElement>('.tab-panel:not([hidden]) .xterm-helper-textarea');
  return [sidebar, tab, terminal].filter((e): e is HTMLElement => e != null);
}

function focusPart(delta: -1 | 1): void {
  const parts = windowParts();
  if (parts.length === 0) return;
  const containers = ['.app-sidebar', '.tab-bar', '.tab-panel:not([hidden])'];
  const current = containers.findIndex((c) => document.activeElement?.closest(c));
  const order = parts.map((p) => containers.findIndex((c) => p.closest(c)));
  // From the part that has focus (or from nowhere) to the next one that exists.
  const at = order.findIndex((o) => o === current);
  const next = at < 0 ? (delta > 0 ? 0 : parts.length - 1) : (at + delta + parts.length) % parts.length;
  parts[next]?.focus();
}

export function TabsView({ controller, state }: TabsViewProps) {
  const [showShortcuts, setShowShortcuts] = useState(false);

  // After the panel of the newly active tab is shown (the next frame), its terminal takes the keyboard.
  const focusTerminalSoon = (): void => {
    requestAnimationFrame(() => {
      // The clicks of a double-click on a tab both ask for the terminal, but the double-click opened
      // the tab's name field: the keyboard stays there, or the field would close as it opens.
      if (document.activeElement?.classList.contains('tab-rename')) return;
      controller.activeSession()?.focus();
    });
  };

  useEffect(() => {
    const run = (command: ShortcutCommand, inTerminal: boolean): boolean => {
      const active = controller.getState().activeId;
      switch (command.type) {
        case 'new-tab':
          controller.newTabOnCurrentHost();
          break;
        case 'close-tab':
          if (active === undefined) return false;
          controller.closeTab(active);
          break;
        case 'next-tab':
          controller.activateRelative(1);
          break;
        case 'previous-tab':
          controller.activateRelative(-1);
          break;
        case 'go-to-tab':
          controller.activateIndex(command.index);
          break;
        case 'move-tab':
          if (active === undefined) return false;
          controller.moveRelative(active, command.delta);
          return true;
        case 'focus-part':
          focusPart(command.delta);
          return true;
        case 'find':
          controller.activeSession()?.requestFind();
          return true;
        case 'copy':
          // Outside a terminal (a form field) the chord keeps its usual meaning.
          if (!inTerminal) return false;
          void controller.activeSession()?.copySelection();
          return true;
        case 'paste':
          if (!inTerminal) return false;
          void controller.activeSession()?.pasteFromClipboard();
          return true;
      }
      focusTerminalSoon();
      return true;
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = shortcutFor(event);
      if (!command || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // A dialog is waiting for an answer: tabs stay put behind it.
      if (target?.closest('dialog')) return;
      // Another view (health, settings) covers the tabs and has made them inert: keys act on what is seen.
      if (document.querySelector('.tabs-view')?.closest('[inert]')) return;
      if (run(command, target?.closest('.terminal-host') != null)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller]);

  return (
    <div className="tabs-view">
      <TabStrip state={state} actions={controller} onFocusTerminal={focusTerminalSoon} onShowShortcuts={() => setShowShortcuts(true)} />
      <div className="tab-panels">
        {state.tabs.length === 0 && (
          <div className="tabs-empty">
            <p>No terminal open.</p>
            <p className="muted">Pick a saved host on the left (click it, or Enter) to open one. Each tab is a shell on a shared connection.</p>
            <button type="button" onClick={() => setShowShortcuts(true)}>
              Keyboard shortcuts
            </button>
          </div>
        )}
        {state.tabs.map((tab) => {
          const session = controller.session(tab.id);
          const active = tab.id === state.activeId;
          if (!session) return null;
          return (
            <section key={tab.id} role="tabpanel" id={panelDomId(tab.id)} aria-labelledby={tabDomId(tab.id)} className="tab-panel" hidden={!active}>
              {/* Before the terminal: Tab from the tab bar reaches Reconnect and Close; inside the terminal Tab is the shell's. */}
              <TabStatus
                tab={tab}
                onReconnect={() => {
                  controller.reconnect(tab.id);
                  focusTerminalSoon();
                }}
                onClose={() => controller.closeTab(tab.id)}
                onRetryNow={() => controller.retryNow(tab.id)}
              />
              <TerminalView session={session} active={active} hostLabel={tab.hostLabel} />
            </section>
          );
        })}
      </div>
      {showShortcuts && (
        <ShortcutsHelp
          onClose={() => {
            setShowShortcuts(false);
            focusTerminalSoon();
          }}
        />
      )}
    </div>
  );
}
