// One host in the health view: its status in words, counters, connections, forwards with Start and Stop, and Disconnect and Reconnect.
import { useEffect, useId, useRef, useState } from 'react';
import type { ForwardHealth, HostHealth } from '../../app/health.js';
import type { LocalForward } from '../../app/hosts.js';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { ChannelBar } from './ChannelBar.js';
import { connectionStateWords, type Tone } from './connectionStateWords.js';
import { formatBytes } from './formatBytes.js';
import { formatDuration } from './formatDuration.js';
import type { HostStatus } from './hostStatus.js';
import { RttSparkline } from './RttSparkline.js';
import type { RttHistory } from './rttHistory.js';

/** A host's status as the card heads it: word, icon and colour together. */
export const STATUS_LOOK: Record<HostStatus | 'disconnected', { label: string; icon: string; tone: Tone }> = {
  healthy: { label: 'Healthy', icon: '✓', tone: 'ok' },
  warning: { label: 'Needs attention', icon: '⚠', tone: 'warn' },
  connecting: { label: 'Connecting', icon: '…', tone: 'muted' },
  reconnecting: { label: 'Reconnecting', icon: '↻', tone: 'warn' },
  failed: { label: 'Failed', icon: '✕', tone: 'bad' },
  idle: { label: 'Idle', icon: '○', tone: 'muted' },
  disconnected: { label: 'Disconnected', icon: '○', tone: 'muted' },
};

const FORWARD_LOOK: Record<ForwardHealth['state'], { label: string; icon: string; tone: Tone }> = {
  listening: { label: 'Listening', icon: '✓', tone: 'ok' },
  stopped: { label: 'Stopped', icon: '○', tone: 'muted' },
  failed: { label: 'Failed', icon: '✕', tone: 'bad' },
};

const NOT_STARTED_LOOK = { label: 'Not started', icon: '○', tone: 'muted' } as const;

export type HostAction = 'disconnect' | 'reconnect';

export type ForwardAction = 'start' | 'stop';

/** A forward saved on one of the card's hosts: what Start starts. */
export interface SavedForward {
  hostId: string;
  forward: LocalForward;
}

/** One line of the card's forward table: a forward that runs (or failed), or a saved one not started. */
interface ForwardLine {
  id: string;
  hostId: string | undefined;
  health: ForwardHealth | undefined;
  spec: Pick<LocalForward, 'bindAddress' | 'bindPort' | 'remoteHost' | 'remotePort'>;
}

function forwardLines(running: readonly ForwardHealth[], saved: readonly SavedForward[]): ForwardLine[] {
  const ownerOf = (id: string) => saved.find((s) => s.forward.id === id)?.hostId ?? saved[0]?.hostId;
  const lines: ForwardLine[] = running.map((f) => ({ id: f.id, hostId: ownerOf(f.id), health: f, spec: f }));
  for (const s of saved) {
    if (!running.some((f) => f.id === s.forward.id)) lines.push({ id: s.forward.id, hostId: s.hostId, health: undefined, spec: s.forward });
  }
  return lines;
}

export interface HostHealthCardProps {
  /** Pool key; the card's data when the host is in the snapshot, absent for one disconnected from here. */
  hostKey: string;
  host: HostHealth | null;
  status: HostStatus | 'disconnected';
  /** The saved host's label(s); empty for a host that is not saved (quick connect). */
  labels: string[];
  /** Whether the card can act: a saved host it knows the id of. */
  canAct: boolean;
  rtt: RttHistory;
  rttCapacity: number;
  now: number;
  onAction: (action: HostAction) => Promise<void>;
  /** The forwards saved on the card's hosts; [] for a host that is not saved. */
  savedForwards: readonly SavedForward[];
  onForward: (action: ForwardAction, hostId: string, forwardId: string) => Promise<void>;
  onForget?: () => void;
}

function StateBadge({ look }: { look: { label: string; icon: string; tone: Tone } }) {
  return (
    <span className={`state state-${look.tone}`}>
      <span className="state-icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.label}
    </span>
  );
}

export function HostHealthCard(props: HostHealthCardProps) {
  const { hostKey, host, status, labels, canAct, rtt, rttCapacity, now, onAction, savedForwards, onForward, onForget } = props;
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState<HostAction | null>(null);
  const [error, setError] = useState<SkeinErrorShape | null>(null);
  const [forwardPending, setForwardPending] = useState<string | null>(null);
  const [forwardError, setForwardError] = useState<SkeinErrorShape | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const forwards = forwardLines(host?.forwards ?? [], savedForwards);
  const name = labels.length > 0 ? labels.join(', ') : hostKey;
  const look = STATUS_LOOK[status];
  const sessions = host?.connections.reduce((n, c) => n + c.channels, 0) ?? 0;
  const live = host?.connections.some((c) => c.state === 'ready' || c.state === 'connecting' || c.state === 'reconnecting') ?? false;
  const reconnecting = host?.connections.some((c) => c.state === 'reconnecting') ?? false;
  const canReconnect = status === 'failed' || status === 'idle' || status === 'disconnected' || reconnecting;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const run = async (action: HostAction): Promise<void> => {
    setConfirming(false);
    setPending(action);
    setError(null);
    try {
      await onAction(action);
    } catch (thrown) {
      setError(skeinErrorFromShape(thrown).toShape());
    } finally {
      setPending(null);
    }
  };

  const runForward = async (action: ForwardAction, line: ForwardLine): Promise<void> => {
    if (!line.hostId) return;
    setForwardPending(line.id);
    setForwardError(null);
    try {
      await onForward(action, line.hostId, line.id);
    } catch (thrown) {
      setForwardError(skeinErrorFromShape(thrown).toShape());
    } finally {
      setForwardPending(null);
    }
  };

  return (
    <li className={`health-host health-host-${look.tone}`} data-testid="health-host" data-status={status} data-key={hostKey} aria-labelledby={`${id}-name`}>
      <div className="health-host-head">
        <div className="health-host-title">
          <StateBadge look={look} />
          <h3 id={`${id}-name`} className="health-host-name">
            {name}
          </h3>
          {labels.length > 0 && <span className="mono muted health-host-key">{hostKey}</span>}
        </div>
        <div className="health-host-actions">
          {pending && (
            <span className="muted" role="status">
              {pending === 'disconnect' ? 'Disconnecting…' : 'Reconnecting…'}
            </span>
          )}
          {canAct && canReconnect && (
            <button type="button" onClick={() => void run('reconnect')} disabled={pending !== null} aria-label={`${reconnecting ? 'Reconnect now' : 'Reconnect'}: ${name}`}>
              {reconnecting ? 'Reconnect now' : 'Reconnect'}
            </button>
          )}
          {canAct && live && !confirming && (
            <button type="button" onClick={() => setConfirming(true)} disabled={pending !== null} aria-label={`Disconnect ${name}`}>
              Disconnect
            </button>
          )}
          {!canAct && status !== 'disconnected' && <span className="muted">Not a saved host: close its tabs to disconnect it.</span>}
          {onForget && (
            <button type="button" onClick={onForget} aria-label={`Remove ${name} from this list`}>
              Remove from list
            </button>
          )}
        </div>
      </div>

      {confirming && (
        <div className="health-confirm" role="group" aria-label={`Confirm disconnecting ${name}`}>
          <span>
            Disconnect {name}?{' '}
            {sessions > 0
              ? `Its ${sessions} open session${sessions === 1 ? '' : 's'} (tabs and commands) will close.`
              : 'Its forwards stop.'}
          </span>
          <button type="button" ref={confirmRef} className="danger" onClick={() => void run('disconnect')} aria-label={`Yes, disconnect ${name}`}>
            Disconnect
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep connected
          </button>
        </div>
      )}
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {status === 'disconnected' && <p className="muted health-host-note">You disconnected this host. Reconnect opens a new connection.</p>}

      {host && (
        <>
          <p className="health-counters">
            <span>Handshakes {host.counters.handshakes}</span>
            <span>Reused {host.counters.reuses}</span>
            <span>Reconnects {host.counters.reconnects}</span>
            <span className={host.counters.errors > 0 ? 'health-counter-bad' : undefined}>Errors {host.counters.errors}</span>
            {host.waiting > 0 && (
              <span className="health-counter-bad">
                {host.waiting} request{host.waiting === 1 ? '' : 's'} waiting for a free channel
              </span>
            )}
          </p>
          {host.lastError && (
            <p className="health-last-error">
              <span aria-hidden="true">✕ </span>Last error: {host.lastError}
            </p>
          )}
          {host.connections.length > 0 && (
            <div className="health-table-wrap">
              <table className="health-table">
                <caption className="visually-hidden">Connections to {name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Connection</th>
                    <th scope="col">State</th>
                    <th scope="col">Channels</th>
                    <th scope="col">Round trip</th>
                    <th scope="col">Missed</th>
                    <th scope="col">Received</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Up for</th>
                  </tr>
                </thead>
                <tbody>
                  {host.connections.map((conn, i) => {
                    const words = connectionStateWords(conn, now);
                    return (
                      <tr key={conn.id} data-testid="health-connection" data-state={conn.state} data-channels={conn.channels} data-cap={conn.channelCap}>
                        <th scope="row" className="mono">
                          #{i + 1}
                        </th>
                        <td>
                          <StateBadge look={words} />
                          {words.detail && <div className="health-detail">{words.detail}</div>}
                          {conn.lastError && conn.state !== 'ready' && <div className="health-conn-error">{conn.lastError}</div>}
                        </td>
                        <td>
                          <ChannelBar used={conn.channels} cap={conn.channelCap} />
                          {conn.tunnels > 0 && (
                            <div className="health-detail">
                              {conn.tunnels} tunnel{conn.tunnels === 1 ? '' : 's'}
                            </div>
                          )}
                        </td>
                        <td>
                          {conn.keepalive === null ? (
                            <span className="muted">keep-alives off</span>
                          ) : (
                            <RttSparkline values={rtt.get(conn.id)?.values ?? []} capacity={rttCapacity} />
                          )}
                        </td>
                        <td className={conn.keepaliveMisses > 0 ? 'health-counter-bad' : undefined}>{conn.keepaliveMisses}</td>
                        <td>{formatBytes(conn.bytesIn)}</td>
                        <td>{formatBytes(conn.bytesOut)}</td>
                        <td>{formatDuration(now - conn.createdAt)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {forwards.length > 0 && (
        <div className="health-table-wrap">
          <table className="health-table">
            <caption className="health-caption">Port forwards</caption>
            <thead>
              <tr>
                <th scope="col">Local → remote</th>
                <th scope="col">State</th>
                <th scope="col">Open</th>
                <th scope="col">Total</th>
                <th scope="col">Received</th>
                <th scope="col">Sent</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {forwards.map((line) => {
                const f = line.health;
                const route = `${line.spec.bindAddress}:${line.spec.bindPort} → ${line.spec.remoteHost}:${line.spec.remotePort}`;
                // A failed forward holds no port: Start tries again, Stop clears it from the list.
                const canStart = canAct && line.hostId !== undefined && (f === undefined || f.state === 'failed');
                const canStop = canAct && line.hostId !== undefined && f !== undefined;
                return (
                  <tr key={line.id} data-testid="health-forward" data-state={f?.state ?? 'not-started'}>
                    <th scope="row" className="mono">
                      {route}
                    </th>
                    <td>
                      <StateBadge look={f ? FORWARD_LOOK[f.state] : NOT_STARTED_LOOK} />
                      {f?.lastError && <div className="health-conn-error">{f.lastError}</div>}
                    </td>
                    <td>{f?.openSockets ?? '—'}</td>
                    <td>{f?.totalConnections ?? '—'}</td>
                    <td>{f ? formatBytes(f.bytesIn) : '—'}</td>
                    <td>{f ? formatBytes(f.bytesOut) : '—'}</td>
                    <td className="health-forward-actions">
                      {forwardPending === line.id && (
                        <span className="muted" role="status">
                          {f ? 'Stopping…' : 'Starting…'}
                        </span>
                      )}
                      {canStart && (
                        <button type="button" onClick={() => void runForward('start', line)} disabled={forwardPending !== null} aria-label={`Start forward ${route}`}>
                          {f ? 'Retry' : 'Start'}
                        </button>
                      )}
                      {canStop && (
                        <button type="button" onClick={() => void runForward('stop', line)} disabled={forwardPending !== null} aria-label={`Stop forward ${route}`}>
                          Stop
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {forwardError && <ErrorNotice error={forwardError} onDismiss={() => setForwardError(null)} />}
        </div>
      )}
    </li>
  );
}
