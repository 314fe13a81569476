// The host list as one flat run of rows (group headers and hosts) that a virtualizer can window over.
import type { SavedHostView } from '../../app/hosts.js';

/** Group id of hosts without a group; saved group names are never empty, so it cannot clash. */
export const UNGROUPED = '';
export const UNGROUPED_NAME = 'No group';

export type HostRow =
  | { kind: 'group'; key: string; group: string; name: string; count: number; collapsed: boolean }
  | { kind: 'host'; key: string; group: string; host: SavedHostView };

export interface HostRowOptions {
  /** Group ids (UNGROUPED for hosts without one) whose hosts are hidden under their header. */
  collapsed: ReadonlySet<string>;
  /** While searching every group is open: a match hidden under a closed header would look like no match. */
  expandAll: boolean;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Display order: named groups A-Z, hosts without a group last, labels A-Z (web2 before web10) within each. */
export function compareHostsForList(a: SavedHostView, b: SavedHostView): number {
  if ((a.group === undefined) !== (b.group === undefined)) return a.group === undefined ? 1 : -1;
  return collator.compare(a.group ?? '', b.group ?? '') || collator.compare(a.label, b.label) || collator.compare(a.id, b.id);
}

/**
 * `hosts` must already be in compareHostsForList order (sort once per list, not per keystroke).
 * With no named group at all the list has no headers: a lone "No group" header says nothing.
 */
export function flattenHostRows(hosts: readonly SavedHostView[], options: HostRowOptions): HostRow[] {
  const groups = new Map<string, SavedHostView[]>();
  for (const host of hosts) {
    const id = host.group ?? UNGROUPED;
    let members = groups.get(id);
    if (!members) groups.set(id, (members = []));
    members.push(host);
  }
  const rows: HostRow[] = [];
  const headers = [...groups.keys()].some((id) => id !== UNGROUPED);
  for (const [group, members] of groups) {
    const collapsed = headers && !options.expandAll && options.collapsed.has(group);
    if (headers) {
      rows.push({ kind: 'group', key: `g:${group}`, group, name: group === UNGROUPED ? UNGROUPED_NAME : group, count: members.length, collapsed });
    }
    if (collapsed) continue;
    for (const host of members) rows.push({ kind: 'host', key: `h:${host.id}`, group, host });
  }
  return rows;
}
