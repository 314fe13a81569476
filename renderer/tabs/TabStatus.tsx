// A tab's status card over its terminal: connecting, reconnecting or why it ended, with Reconnect, Retry now and Close.
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { describeTabStatus } from './describeTabStatus.js';
import type { TabView } from './tabsReducer.js';

export interface TabStatusProps {
  tab: TabView;
  onReconnect: () => void;
  onClose: () => void;
  /** Present once the core offers an early retry while it waits between attempts. */
  onRetryNow?: () => void;
}

/** The current time, ticking each second while a countdown is on screen. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

export function TabStatus({ tab, onReconnect, onClose, onRetryNow }: TabStatusProps) {
  const { phase } = tab;
  const now = useNow(phase.kind === 'reconnecting' && phase.nextAttemptAt !== undefined);
  const status = describeTabStatus(phase, now);
  const shown = phase.kind !== 'open';
  // A tab that could not open shows the error as every view does: headline, words, the fix with its command to copy.
  const openError = phase.kind === 'closed' && phase.end.type === 'open-failed' ? phase.end.error : undefined;
  const actions = (
    <>
      {phase.kind === 'reconnecting' && onRetryNow && (
        <button type="button" onClick={onRetryNow}>
          Retry now
        </button>
      )}
      {phase.kind === 'closed' && (
        <button type="button" className="primary" onClick={onReconnect}>
          {openError ? 'Try again' : 'Reconnect'}
        </button>
      )}
      <button type="button" onClick={onClose}>
        Close tab
      </button>
    </>
  );
  return (
    <div className={`tab-status${shown ? ` shown state-${status.state}` : ''}${status.failed ? ' failed' : ''}${openError ? ' has-notice' : ''}`} data-state={status.state}>
      {/* Always mounted, so screen readers hear each change of state, "Connected" included (an error notice is its own alert). */}
      <div role="status" className={shown && !openError ? 'tab-status-text' : 'visually-hidden'} data-testid={status.failed && !openError ? 'error' : undefined}>
        {!openError && (
          <>
            <strong className="tab-status-headline">{status.headline}</strong>
            {status.detail !== undefined && <span className="tab-status-detail">{status.detail}</span>}
            {status.hint !== undefined && <span className="tab-status-hint">{status.hint}</span>}
          </>
        )}
      </div>
      {openError ? <ErrorNotice error={openError}>{actions}</ErrorNotice> : shown && <div className="tab-status-actions">{actions}</div>}
    </div>
  );
}
