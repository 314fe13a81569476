// The host list's search: every typed word must appear in a host's label, address, user, group or a tag.
import { formatEndpoint, type SavedHostView } from '../../app/hosts.js';

/** Each host with its searchable text lowered once, so a keystroke costs one pass of `includes`. */
export interface HostSearchIndex {
  entries: readonly { host: SavedHostView; text: string }[];
}

export function indexHostsForSearch(hosts: readonly SavedHostView[]): HostSearchIndex {
  return {
    entries: hosts.map((host) => ({
      host,
      // Fields joined by a newline: a word (never containing whitespace) cannot match across two fields.
      text: [host.label, host.host, host.username, host.group ?? '', ...host.tags, formatEndpoint(host)].join('\n').toLowerCase(),
    })),
  };
}

/** Same rule as the core's searchHosts (case-insensitive, all words), run here so typing needs no round trip. */
export function filterHosts(index: HostSearchIndex, query: string): SavedHostView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return index.entries.map((e) => e.host);
  const hits: SavedHostView[] = [];
  for (const entry of index.entries) {
    if (words.every((w) => entry.text.includes(w))) hits.push(entry.host);
  }
  return hits;
}
