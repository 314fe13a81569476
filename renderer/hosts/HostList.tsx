// The saved hosts as a virtualized tree: group headers that fold, host rows with colour, tags and live state.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { formatEndpoint, type SavedHostView } from '../../app/hosts.js';
import type { HostRow } from './flattenHostRows.js';
import { hostListKeyAction } from './hostListKeyAction.js';
import { HostRowMenu, type HostMenuCommand } from './HostRowMenu.js';
import type { LiveMark } from './liveMarksByKey.js';

const GROUP_ROW_HEIGHT = 30;
const HOST_ROW_HEIGHT = 50;

export interface HostListProps {
  rows: readonly HostRow[];
  /** Key of the row the keyboard is on (HostRow.key); the first row when it is not in the list. */
  activeKey: string | null;
  onActiveKeyChange: (key: string) => void;
  onToggleGroup: (group: string) => void;
  onCommand: (command: HostMenuCommand, host: SavedHostView) => void;
  marks: ReadonlyMap<string, LiveMark>;
  treeRef: RefObject<HTMLDivElement | null>;
  /** Id of the element that says how to use the list from the keyboard. */
  describedBy: string;
}

export function HostList({ rows, activeKey, onActiveKeyChange, onToggleGroup, onCommand, marks, treeRef, describedBy }: HostListProps) {
  const idPrefix = useId();
  const [menu, setMenu] = useState<{ host: SavedHostView; at: { x: number; y: number } } | null>(null);
  const found = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  const activeIndex = found < 0 ? 0 : found;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => treeRef.current,
    estimateSize: useCallback((i: number) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : HOST_ROW_HEIGHT), [rows]),
    getItemKey: useCallback((i: number) => rows[i]?.key ?? i, [rows]),
    overscan: 10,
    // React 19 warns about flushSync inside its own updates; plain state updates are smooth enough here.
    useFlushSync: false,
  });

  const moveTo = (index: number): void => {
    const row = rows[index];
    if (!row) return;
    onActiveKeyChange(row.key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  // A filter that drops the active row moves the keyboard to the first row; keep it in view too.
  useEffect(() => {
    if (rows.length > 0 && found < 0 && document.activeElement === treeRef.current) virtualizer.scrollToIndex(0);
  }, [rows, found, treeRef, virtualizer]);

  const rowId = (index: number) => `${idPrefix}-row-${index}`;
  const pageSize = Math.max(1, Math.floor((treeRef.current?.clientHeight ?? 400) / HOST_ROW_HEIGHT) - 1);

  const closeMenu = useCallback(() => {
    setMenu(null);
    treeRef.current?.focus();
  }, [treeRef]);

  const openMenuFor = (host: SavedHostView, index: number): void => {
    const el = document.getElementById(rowId(index));
    const rect = el?.getBoundingClientRect();
    setMenu({ host, at: rect ? { x: rect.left + 24, y: rect.bottom - 4 } : { x: 40, y: 40 } });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const action = hostListKeyAction(rows, activeIndex, event, pageSize);
    if (!action) return;
    event.preventDefault();
    const host = (id: string) => rows.find((r): r is Extract<HostRow, { kind: 'host' }> => r.kind === 'host' && r.host.id === id)?.host;
    switch (action.type) {
      case 'move':
        moveTo(action.index);
        break;
      case 'toggle':
        onToggleGroup(action.group);
        break;
      case 'open': {
        const h = host(action.hostId);
        if (h) onCommand('open', h);
        break;
      }
      case 'menu': {
        const h = host(action.hostId);
        if (h) openMenuFor(h, activeIndex);
        break;
      }
      case 'edit':
      case 'delete': {
        const h = host(action.hostId);
        if (h) onCommand(action.type, h);
        break;
      }
    }
  };

  const onRowContextMenu = (event: MouseEvent, host: SavedHostView, index: number): void => {
    event.preventDefault();
    moveTo(index);
    setMenu({ host, at: { x: event.clientX, y: event.clientY } });
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === activeIndex);

  return (
    <>
      <div
        ref={treeRef}
        className="host-list"
        role="tree"
        aria-label="Host list"
        aria-describedby={describedBy}
        aria-activedescendant={rows.length > 0 && activeRendered ? rowId(activeIndex) : undefined}
        tabIndex={0}
        data-testid="host-list"
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target === event.currentTarget && rows.length > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
        }}
      >
        <div role="none" className="host-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const common = {
              id: rowId(item.index),
              role: 'treeitem',
              'aria-level': row.level,
              'aria-posinset': row.position,
              'aria-setsize': row.setSize,
              'aria-selected': item.index === activeIndex,
              style: { transform: `translateY(${item.start}px)`, height: item.size },
            } as const;
            const active = item.index === activeIndex ? ' active' : '';
            if (row.kind === 'group') {
              return (
                <div
                  key={item.key}
                  {...common}
                  aria-label={`${row.name}, ${row.count} ${row.count === 1 ? 'host' : 'hosts'}`}
                  aria-expanded={!row.collapsed}
                  className={`host-group-row${active}`}
                  onClick={() => {
                    moveTo(item.index);
                    onToggleGroup(row.group);
                  }}
                >
                  <span className="host-group-chevron" aria-hidden="true">
                    {row.collapsed ? '▸' : '▾'}
                  </span>
                  <span className="host-group-name">{row.name}</span>
                  <span className="host-group-count">{row.count}</span>
                </div>
              );
            }
            const { host } = row;
            const mark = marks.get(host.connectionKey);
            return (
              <div
                key={item.key}
                {...common}
                aria-label={hostRowName(host, mark)}
                className={`host-row${active}`}
                data-testid="host-item"
                data-host-id={host.id}
                onClick={() => {
                  moveTo(item.index);
                  onCommand('open', host);
                }}
                onContextMenu={(event) => onRowContextMenu(event, host, item.index)}
              >
                <span className="host-colour" aria-hidden="true" style={host.colour ? { background: host.colour } : undefined} />
                <span className="host-row-text">
                  <span className="host-row-line">
                    <span className="host-label">{host.label}</span>
                    {mark ? (
                      <span className={`host-live host-live-${mark.state}`} title={mark.words} data-state={mark.state} />
                    ) : null}
                  </span>
                  <span className="host-row-line">
                    <span className="host-address">{formatEndpoint(host)}</span>
                    {host.tags.length > 0 ? (
                      <span className="host-tags">
                        {host.tags.map((tag) => (
                          <span key={tag} className="tag">
                            {tag}
                          </span>
                        ))}
                      </span>
                    ) : null}
                  </span>
                </span>
                {/* A pointer's way to the menu; the keyboard has Shift+F10 and the menu key, so it is not a tab stop. */}
                <span
                  className="host-row-more"
                  aria-hidden="true"
                  title="More actions (Shift+F10)"
                  onClick={(event) => {
                    event.stopPropagation();
                    moveTo(item.index);
                    const rect = event.currentTarget.getBoundingClientRect();
                    setMenu({ host, at: { x: rect.left, y: rect.bottom } });
                  }}
                >
                  ⋯
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {menu ? <HostRowMenu host={menu.host} at={menu.at} onCommand={onCommand} onClose={closeMenu} /> : null}
    </>
  );
}

/** What a screen reader says for a row: the same facts as on screen, in an order and with pauses that read well. */
function hostRowName(host: SavedHostView, mark: LiveMark | undefined): string {
  const parts = [host.label, formatEndpoint(host)];
  if (mark) parts.push(mark.words);
  if (host.tags.length > 0) parts.push(`tags ${host.tags.join(', ')}`);
  return parts.join(', ');
}
