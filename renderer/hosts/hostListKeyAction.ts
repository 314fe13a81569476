// What a key pressed in the host list does, decided apart from React so every binding is tested.
import type { HostRow } from './flattenHostRows.js';

export type HostListAction =
  | { type: 'move'; index: number }
  | { type: 'open'; hostId: string }
  | { type: 'toggle'; group: string }
  | { type: 'menu'; hostId: string }
  | { type: 'edit'; hostId: string }
  | { type: 'delete'; hostId: string };

export interface HostListKey {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * The bindings of a tree view (WAI-ARIA tree pattern) plus the list's own: Enter opens a tab,
 * Shift+F10 or the context-menu key opens the row's menu, F2 edits, Delete asks to delete.
 * null: the key is not the list's, let it through.
 */
export function hostListKeyAction(rows: readonly HostRow[], active: number, key: HostListKey, pageSize = 10): HostListAction | null {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const at = Math.min(Math.max(active, 0), last);
  const row = rows[at];
  if (!row) return null;
  const move = (index: number): HostListAction => ({ type: 'move', index: Math.min(Math.max(index, 0), last) });
  if (key.ctrlKey || key.altKey || key.metaKey) return null;

  if ((key.key === 'F10' && key.shiftKey) || key.key === 'ContextMenu') return row.kind === 'host' ? { type: 'menu', hostId: row.host.id } : null;
  if (key.shiftKey) return null;

  switch (key.key) {
    case 'ArrowDown':
      return move(at + 1);
    case 'ArrowUp':
      return move(at - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(last);
    case 'PageDown':
      return move(at + pageSize);
    case 'PageUp':
      return move(at - pageSize);
    case 'Enter':
      return row.kind === 'host' ? { type: 'open', hostId: row.host.id } : { type: 'toggle', group: row.group };
    case ' ':
      return row.kind === 'group' ? { type: 'toggle', group: row.group } : null;
    case 'ArrowRight':
      if (row.kind !== 'group') return null;
      return row.collapsed ? { type: 'toggle', group: row.group } : move(at + 1);
    case 'ArrowLeft': {
      if (row.kind === 'group') return row.collapsed ? null : { type: 'toggle', group: row.group };
      for (let i = at - 1; i >= 0; i--) if (rows[i]?.kind === 'group') return move(i);
      return null;
    }
    case 'F2':
      return row.kind === 'host' ? { type: 'edit', hostId: row.host.id } : null;
    case 'Delete':
      return row.kind === 'host' ? { type: 'delete', hostId: row.host.id } : null;
    default:
      return null;
  }
}
