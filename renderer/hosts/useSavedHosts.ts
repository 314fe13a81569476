// The saved hosts and the stored entries that cannot be loaded, fetched from the core and refreshed on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostProblem, SkeinApi } from '../../app/api.js';
import type { SavedHostView } from '../../app/hosts.js';
import { skeinErrorFromShape, type SkeinError } from '../../app/skeinError.js';

export interface SavedHosts {
  /** null until the first answer. */
  hosts: SavedHostView[] | null;
  problems: HostProblem[];
  loadError: SkeinError | null;
  refresh: () => Promise<void>;
}

export function useSavedHosts(api: SkeinApi): SavedHosts {
  const [hosts, setHosts] = useState<SavedHostView[] | null>(null);
  const [problems, setProblems] = useState<HostProblem[]>([]);
  const [loadError, setLoadError] = useState<SkeinError | null>(null);
  // Only the newest refresh may set state: an older, slower answer would show a list from the past.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const [list, found] = await Promise.all([api.listHosts(), api.hostProblems()]);
      if (ticket !== latest.current) return;
      setHosts(list);
      setProblems(found);
      setLoadError(null);
    } catch (error) {
      if (ticket === latest.current) setLoadError(skeinErrorFromShape(error));
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { hosts, problems, loadError, refresh };
}
