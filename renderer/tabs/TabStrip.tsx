// The strip of terminal tabs: host colour, label and connection state on each; switch, rename, close and reorder by mouse or keyboard.
import { useEffect, useRef, useState, type CSSProperties, type DragEvent, type KeyboardEvent } from 'react';
import { describeTabStatus, type TabState } from './describeTabStatus.js';
import type { TabsActions } from './tabsController.js';
import { activeTab, tabLabel, type TabView, type TabsState } from './tabsReducer.js';

export interface TabStripProps {
  state: TabsState;
  actions: TabsActions;
  /** The person picked a tab with the mouse or Enter: its terminal should take the keyboard. */
  onFocusTerminal: () => void;
  onShowShortcuts: () => void;
}

/** Drag data of our own type: a tab dropped on the terminal must not paste its label. */
const DRAG_TYPE = 'application/x-skein-tab';

const STATE_ICON: Record<TabState, string> = { connecting: '◌', open: '●', reconnecting: '↻', closed: '■' };

export function tabDomId(id: string): string {
  return `tab-button-${id}`;
}

export function panelDomId(id: string): string {
  return `tab-panel-${id}`;
}

function focusTab(id: string): void {
  requestAnimationFrame(() => document.getElementById(tabDomId(id))?.focus());
}

export function TabStrip({ state, actions, onFocusTerminal, onShowShortcuts }: TabStripProps) {
  const [renamingId, setRenamingId] = useState<string>();
  const [dragId, setDragId] = useState<string>();
  const [drop, setDrop] = useState<{ id: string; side: 'before' | 'after' }>();
  const current = activeTab(state);

  // With more tabs than fit, the strip scrolls: keep the active one in view wherever it was picked from.
  useEffect(() => {
    if (state.activeId !== undefined) document.getElementById(tabDomId(state.activeId))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [state.activeId]);

  const onTabKeyDown = (event: KeyboardEvent, tab: TabView, index: number): void => {
    const n = state.tabs.length;
    const goTo = (i: number): void => {
      const target = state.tabs[(i + n) % n];
      if (!target) return;
      actions.activate(target.id);
      focusTab(target.id);
    };
    switch (event.key) {
      case 'ArrowRight':
        goTo(index + 1);
        break;
      case 'ArrowLeft':
        goTo(index - 1);
        break;
      case 'Home':
        goTo(0);
        break;
      case 'End':
        goTo(n - 1);
        break;
      case 'F2':
        setRenamingId(tab.id);
        break;
      case 'Delete':
        actions.closeTab(tab.id);
        break;
      case 'Enter':
      case ' ':
        actions.activate(tab.id);
        onFocusTerminal();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onDragOver = (event: DragEvent, tab: TabView): void => {
    if (dragId === undefined || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const side = event.clientX < box.left + box.width / 2 ? 'before' : 'after';
    if (drop?.id !== tab.id || drop.side !== side) setDrop({ id: tab.id, side });
  };

  const onDrop = (event: DragEvent, tab: TabView): void => {
    event.preventDefault();
    const from = state.tabs.findIndex((t) => t.id === dragId);
    const over = state.tabs.findIndex((t) => t.id === tab.id);
    if (dragId !== undefined && from >= 0 && over >= 0) {
      const insertAt = drop?.id === tab.id && drop.side === 'after' ? over + 1 : over;
      actions.move(dragId, insertAt > from ? insertAt - 1 : insertAt);
    }
    setDragId(undefined);
    setDrop(undefined);
  };

  return (
    <div className="tab-bar">
      <div role="tablist" aria-label="Terminal tabs" className="tab-strip">
        {state.tabs.map((tab, index) => {
          const isActive = tab.id === state.activeId;
          const status = describeTabStatus(tab.phase, Date.now());
          const label = tabLabel(tab);
          const classes = ['tab', isActive ? 'active' : '', tab.id === dragId ? 'dragging' : '', drop?.id === tab.id ? `drop-${drop.side}` : '']
            .filter(Boolean)
            .join(' ');
          const colour = tab.colour ? ({ '--host-colour': tab.colour } as CSSProperties) : undefined;
          return (
            <div
              key={tab.id}
              className={classes}
              style={colour}
              data-testid="tab"
              data-state={status.state}
              data-active={isActive}
              draggable={renamingId !== tab.id}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, tab.id);
                event.dataTransfer.effectAllowed = 'move';
                setDragId(tab.id);
              }}
              onDragOver={(event) => onDragOver(event, tab)}
              onDragLeave={() => setDrop((d) => (d?.id === tab.id ? undefined : d))}
              onDrop={(event) => onDrop(event, tab)}
              onDragEnd={() => {
                setDragId(undefined);
                setDrop(undefined);
              }}
            >
              {renamingId === tab.id ? (
                <RenameField
                  initial={label}
                  onDone={(name) => {
                    if (name !== undefined) actions.rename(tab.id, name);
                    setRenamingId(undefined);
                    focusTab(tab.id);
                  }}
                />
              ) : (
                <button
                  type="button"
                  role="tab"
                  id={tabDomId(tab.id)}
                  aria-selected={isActive}
                  aria-controls={panelDomId(tab.id)}
                  tabIndex={isActive ? 0 : -1}
                  className="tab-button"
                  // Said as one phrase: the label, the host when renamed, the state. Read from the parts, a
                  // flex row's pieces are joined with spaces ("alpha , open").
                  aria-label={`${label}${label === tab.hostLabel ? '' : `, ${tab.hostLabel}`}, ${status.state}`}
                  title={`${tab.hostLabel}: ${status.headline}\nDouble-click or F2 to rename`}
                  onClick={() => {
                    actions.activate(tab.id);
                    onFocusTerminal();
                  }}
                  onDoubleClick={() => setRenamingId(tab.id)}
                  onKeyDown={(event) => onTabKeyDown(event, tab, index)}
                >
                  <span className={`tab-state-icon state-${status.state}${status.failed ? ' failed' : ''}`} aria-hidden="true">
                    {status.failed ? '✕' : STATE_ICON[status.state]}
                  </span>
                  <span className="tab-label">{label}</span>
                </button>
              )}
              <button
                type="button"
                className="tab-close"
                tabIndex={-1}
                aria-label={`Close tab ${label}`}
                title="Close tab (Ctrl+Shift+W)"
                onClick={() => actions.closeTab(tab.id)}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="tab-bar-button"
        disabled={!current}
        aria-label={current ? `New tab on ${current.hostLabel}` : 'New tab (open a host first)'}
        title={current ? `New tab on ${current.hostLabel} (Ctrl+Shift+T)` : 'Open a saved host to start a tab'}
        onClick={() => actions.newTabOnCurrentHost()}
      >
        +
      </button>
      <button type="button" className="tab-bar-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts" onClick={onShowShortcuts}>
        ⌨
      </button>
    </div>
  );
}

function RenameField({ initial, onDone }: { initial: string; onDone: (name: string | undefined) => void }) {
  const [value, setValue] = useState(initial);
  // Enter or Escape unmounts the field, and the blur that may follow must not answer a second time.
  const answered = useRef(false);
  const finish = (name: string | undefined): void => {
    if (answered.current) return;
    answered.current = true;
    onDone(name);
  };
  return (
    <input
      className="tab-rename"
      aria-label="Tab name (Enter to keep, Escape to cancel; empty for the automatic name)"
      value={value}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(value);
        else if (event.key === 'Escape') finish(undefined);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
      onBlur={() => finish(value)}
    />
  );
}
