// Which saved hosts were used last (a tab opened on them), kept across launches for the tray's top entries.

/** The few get/set calls of an electron-store (or conf) document this needs. */
export interface RecentHostsDocument {
  get(key: 'recentHosts'): unknown;
  set(key: 'recentHosts', value: string[]): void;
}

export class RecentHosts {
  private ids: string[];

  constructor(
    private readonly document: RecentHostsDocument,
    private readonly max = 10,
  ) {
    const stored = document.get('recentHosts');
    // A hand-edited or damaged entry costs only the recent list, never the launch.
    this.ids = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(0, max) : [];
  }

  /** Most recent first. */
  list(): readonly string[] {
    return this.ids;
  }

  /** True when the order changed (the tray then rebuilds its menu). */
  touch(hostId: string): boolean {
    if (this.ids[0] === hostId) return false;
    this.ids = [hostId, ...this.ids.filter((id) => id !== hostId)].slice(0, this.max);
    this.document.set('recentHosts', this.ids);
    return true;
  }

  /** Drops hosts that are no longer saved. */
  keepOnly(savedIds: ReadonlySet<string>): void {
    const kept = this.ids.filter((id) => savedIds.has(id));
    if (kept.length === this.ids.length) return;
    this.ids = kept;
    this.document.set('recentHosts', kept);
  }
}
