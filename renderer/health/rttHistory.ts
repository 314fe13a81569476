// The recent keep-alive round trips of each connection, collected from the pool snapshots as they arrive.
import type { PoolSnapshot } from '../../app/health.js';

export interface RttTrack {
  values: number[];
  /** When the last value was taken (epoch ms). */
  at: number;
}

export type RttHistory = ReadonlyMap<string, RttTrack>;

export interface RttHistoryOptions {
  /** Values kept per connection. */
  limit: number;
  /**
   * A snapshot also arrives for other changes (bytes, channels) and repeats the last rttMs. The pool
   * measures to 0.01 ms, so a new answer almost always differs; an equal value is taken as a new
   * answer only once the connection's keep-alive interval has passed. This is the interval for a
   * connection that does not say its own.
   */
  repeatAfterMs: number;
}

/** A new history: each connection in the snapshot with its new round trip added; connections gone are dropped. */
export function recordRtt(history: RttHistory, snapshot: PoolSnapshot, now: number, options: RttHistoryOptions): Map<string, RttTrack> {
  const next = new Map<string, RttTrack>();
  for (const host of snapshot.hosts) {
    for (const conn of host.connections) {
      const track = history.get(conn.id);
      const rtt = conn.rttMs;
      if (rtt === null || !Number.isFinite(rtt)) {
        if (track) next.set(conn.id, track);
        continue;
      }
      const last = track?.values[track.values.length - 1];
      const repeatAfterMs = conn.keepalive?.intervalMs ?? options.repeatAfterMs;
      const isNew = !track || last !== rtt || now - track.at >= repeatAfterMs;
      if (!isNew) {
        next.set(conn.id, track);
        continue;
      }
      const values = [...(track?.values ?? []), rtt].slice(-options.limit);
      next.set(conn.id, { values, at: now });
    }
  }
  return next;
}
