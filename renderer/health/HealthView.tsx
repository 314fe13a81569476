// The pool health view: every host with its connections and forwards, live, problems first, and a summary at the top.
import { useId, useMemo, type Dispatch, type SetStateAction } from 'react';
import type { HostHealth } from '../../app/health.js';
import type { ConnectionKey, SavedHostView } from '../../app/hosts.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { useSettings } from '../settings/useSettings.js';
import { healthSummary } from './healthSummary.js';
import { HostHealthCard, type ForwardAction, type HostAction, type SavedForward } from './HostHealthCard.js';
import { hostStatus } from './hostStatus.js';
import { problemsFirst } from './problemsFirst.js';
import { useNow } from './useNow.js';
import { usePoolSnapshot } from './usePoolSnapshot.js';
import './health.css';

const RTT_VALUES = 60;

/** A host disconnected from this view: the pool forgets it, the view keeps a card to reconnect it from. */
export interface DisconnectedHost {
  hostId: string;
  labels: string[];
}

export type DisconnectedHosts = ReadonlyMap<ConnectionKey, DisconnectedHost>;

export interface HealthViewProps {
  /** The window's saved hosts (the sidebar's list): a host added or edited, its forwards too, shows here at once. */
  savedHosts: readonly SavedHostView[] | null;
  /** Held by the window, not the view: the cards stay while the person looks at the tabs and comes back. */
  disconnected: DisconnectedHosts;
  setDisconnected: Dispatch<SetStateAction<DisconnectedHosts>>;
}

export function HealthView({ savedHosts, disconnected, setDisconnected }: HealthViewProps) {
  const api = useSkeinApi();
  const id = useId();
  const { settings } = useSettings();
  const { snapshot, rtt, error } = usePoolSnapshot({
    rttLimit: RTT_VALUES,
    rttRepeatAfterMs: settings.keepaliveIntervalMs > 0 ? settings.keepaliveIntervalMs : 15_000,
  });
  const now = useNow();
  const hosts = snapshot ? problemsFirst(snapshot.hosts) : [];
  const savedByKey = useMemo(() => {
    // The saved hosts behind each pool key: several may share one connection.
    const byKey = new Map<ConnectionKey, SavedHostView[]>();
    for (const host of savedHosts ?? []) byKey.set(host.connectionKey, [...(byKey.get(host.connectionKey) ?? []), host]);
    return byKey;
  }, [savedHosts]);
  const liveKeys = new Set(hosts.map((h) => h.key));
  const gone = [...disconnected].filter(([key]) => !liveKeys.has(key));

  const act = (host: HostHealth | null, key: ConnectionKey) => async (action: HostAction) => {
    const saved = savedByKey.get(key)?.[0];
    const hostId = saved?.id ?? disconnected.get(key)?.hostId;
    if (!hostId) return;
    if (action === 'disconnect') {
      await api.disconnectHost(hostId);
      const labels = (savedByKey.get(key) ?? []).map((h) => h.label);
      setDisconnected((prev) => new Map(prev).set(key, { hostId, labels }));
      return;
    }
    const reconnecting = host?.connections.some((c) => c.state === 'reconnecting') ?? false;
    if (reconnecting) await api.reconnectNow(hostId);
    else await api.connectHost(hostId);
    setDisconnected((prev) => {
      const next = new Map(prev);
      next.delete(key);
      return next;
    });
  };

  const onForward = async (action: ForwardAction, hostId: string, forwardId: string): Promise<void> => {
    if (action === 'start') await api.startForward(hostId, forwardId);
    else await api.stopForward(hostId, forwardId);
  };
  const savedForwardsOf = (key: ConnectionKey): SavedForward[] =>
    (savedByKey.get(key) ?? []).flatMap((h) => h.localForwards.map((forward) => ({ hostId: h.id, forward })));

  const statuses = hosts.map(hostStatus);
  return (
    <section className="health-view" data-testid="health-view" aria-labelledby={`${id}-title`}>
      <header className="health-head">
        <h2 id={`${id}-title`}>Pool health</h2>
        <p className="health-summary" role="status" data-testid="health-summary">
          {snapshot === null ? (error ? 'The pool cannot be read.' : 'Reading the pool…') : healthSummary(statuses)}
        </p>
      </header>
      {error && <ErrorNotice error={error} />}
      {snapshot && hosts.length === 0 && gone.length === 0 && (
        <p className="muted health-empty">Nothing is connected. Open a tab on a host and its connection shows here, live.</p>
      )}
      <ul className="health-hosts">
        {hosts.map((host, i) => {
          const saved = savedByKey.get(host.key) ?? [];
          return (
            <HostHealthCard
              key={host.key}
              hostKey={host.key}
              host={host}
              status={statuses[i] ?? 'idle'}
              labels={saved.map((h) => h.label)}
              canAct={saved.length > 0}
              rtt={rtt}
              rttCapacity={RTT_VALUES}
              now={now}
              onAction={act(host, host.key)}
              savedForwards={savedForwardsOf(host.key)}
              onForward={onForward}
            />
          );
        })}
        {gone.map(([key, d]) => (
          <HostHealthCard
            key={key}
            hostKey={key}
            host={null}
            status="disconnected"
            labels={d.labels}
            canAct
            rtt={rtt}
            rttCapacity={RTT_VALUES}
            now={now}
            onAction={act(null, key)}
            savedForwards={[]}
            onForward={onForward}
            onForget={() =>
              setDisconnected((prev) => {
                const next = new Map(prev);
                next.delete(key);
                return next;
              })
            }
          />
        ))}
      </ul>
    </section>
  );
}
