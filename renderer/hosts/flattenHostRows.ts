// The host list as one flat run of rows (group headers and hosts) that a virtualizer can window over.
import type { SavedHostView } from '../../app/hosts.js';

/** Group id of hosts without a group; saved group names are never empty, so it cannot clash. */
export const UNGROUPED = '';
export const UNGROUPED_NAME = 'No group';

/** level, position (from 1) and setSize place a row in the tree for screen readers, which see only the rows drawn. */
interface TreePlace {
  level: number;
  position: number;
  setSize: number;
}

export type HostRow =
  | ({ kind: 'group'; key: string; group: string; name: string; count: number; collapsed: boolean } & TreePlace)
  | ({ kind: 'host'; key: string; group: string; host: SavedHostView } & TreePlace);

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
  let groupPosition = 0;
  for (const [group, members] of groups) {
    const collapsed = headers && !options.expandAll && options.collapsed.has(group);
    if (headers) {
      const name = group === UNGROUPED ? UNGROUPED_NAME : group;
      const place = { level: 1, position: ++groupPosition, setSize: groups.size };
      rows.push({ kind: 'group', key: `g:${group}`, group, name, count: members.length, collapsed, ...place });
    }
    if (collapsed) continue;
    members.forEach((host, i) => {
      rows.push({ kind: 'host', key: `h:${host.id}`, group, host, level: headers ? 2 : 1, position: i + 1, setSize: members.length });
    });
  }
  return rows;
}
