// The pool's latest snapshot for a view, re-rendered at most every 250 ms, with each connection's recent round trips.
import { useEffect, useRef, useState } from 'react';
import type { PoolSnapshot } from '../../app/health.js';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { recordRtt, type RttHistory } from './rttHistory.js';

export interface PoolView {
  /** null until the first snapshot arrived. */
  snapshot: PoolSnapshot | null;
  rtt: RttHistory;
  error: SkeinErrorShape | null;
}

export interface PoolSnapshotOptions {
  /** The core coalesces to 250 ms already; a view never renders faster than that. */
  minIntervalMs?: number;
  /** Round trips kept per connection. */
  rttLimit?: number;
  /** See RttHistoryOptions.repeatAfterMs: the default keep-alive interval. */
  rttRepeatAfterMs: number;
}

export function usePoolSnapshot({ minIntervalMs = 250, rttLimit = 60, rttRepeatAfterMs }: PoolSnapshotOptions): PoolView {
  const api = useSkeinApi();
  const [view, setView] = useState<PoolView>({ snapshot: null, rtt: new Map(), error: null });
  const repeatRef = useRef(rttRepeatAfterMs);
  useEffect(() => {
    repeatRef.current = rttRepeatAfterMs;
  }, [rttRepeatAfterMs]);

  useEffect(() => {
    let live = true;
    let rtt: RttHistory = new Map();
    let latest: PoolSnapshot | null = null;
    let gotEvent = false;
    let lastRender = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const render = (): void => {
      timer = undefined;
      lastRender = performance.now();
      if (live) setView({ snapshot: latest, rtt, error: null });
    };
    const arrived = (snapshot: PoolSnapshot): void => {
      // Every snapshot feeds the sparklines, even one that is never drawn on its own.
      rtt = recordRtt(rtt, snapshot, Date.now(), { limit: rttLimit, repeatAfterMs: repeatRef.current });
      latest = snapshot;
      if (timer !== undefined) return;
      const wait = minIntervalMs - (performance.now() - lastRender);
      if (wait <= 0) render();
      else timer = setTimeout(render, wait);
    };

    const off = api.onPoolSnapshot((snapshot) => {
      gotEvent = true;
      arrived(snapshot);
    });
    api.poolSnapshot().then(
      (first) => {
        if (live && !gotEvent) arrived(first);
      },
      (thrown: unknown) => {
        if (live) setView((prev) => ({ ...prev, error: skeinErrorFromShape(thrown).toShape() }));
      },
    );
    return () => {
      live = false;
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, minIntervalMs, rttLimit]);

  return view;
}
