// The saved hosts behind each pool key, so the health view can name a host and act on it by its id.
import { useEffect, useState } from 'react';
import type { SavedHostView } from '../../app/hosts.js';
import { useSkeinApi } from '../app/skeinApiContext.js';

/**
 * Looks the hosts up again when a key shows up that no saved host has: a host saved or edited since.
 * A key still unknown after that (a quick-connect host not saved) is not asked about again.
 */
export function useHostsByKey(keys: readonly string[]): ReadonlyMap<string, SavedHostView[]> {
  const api = useSkeinApi();
  const [byKey, setByKey] = useState<ReadonlyMap<string, SavedHostView[]>>(new Map());
  const [askedFor, setAskedFor] = useState<ReadonlySet<string> | null>(null);
  const unknown = keys.filter((k) => !byKey.has(k) && !(askedFor?.has(k) ?? false));
  const needed = askedFor === null || unknown.length > 0;
  const unknownKey = unknown.join('\n');

  useEffect(() => {
    if (!needed) return;
    let live = true;
    const asked = new Set(unknownKey === '' ? [] : unknownKey.split('\n'));
    api.listHosts().then(
      (hosts) => {
        if (!live) return;
        const map = new Map<string, SavedHostView[]>();
        for (const host of hosts) map.set(host.connectionKey, [...(map.get(host.connectionKey) ?? []), host]);
        setByKey(map);
        setAskedFor((prev) => new Set([...(prev ?? []), ...asked]));
      },
      () => {
        if (live) setAskedFor((prev) => new Set([...(prev ?? []), ...asked]));
      },
    );
    return () => {
      live = false;
    };
  }, [api, needed, unknownKey]);

  return byKey;
}
