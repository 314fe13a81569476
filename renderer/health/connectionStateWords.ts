// A pooled connection's state as a person reads it: a word, an icon that does not rely on colour, and what it waits for.
import type { ConnectionHealth } from '../../app/health.js';
import { connectStageWords } from './connectStageWords.js';
import { formatDuration } from './formatDuration.js';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

export interface StateWords {
  label: string;
  /** A glyph beside the word; the word alone carries the meaning. */
  icon: string;
  tone: Tone;
  /** What it is doing or waiting for, when there is something to say. */
  detail: string | null;
}

type ConnectionFacts = Pick<
  ConnectionHealth,
  'state' | 'stage' | 'authMethod' | 'keepaliveMisses' | 'reconnectAttempt' | 'reconnectAttempts' | 'nextAttemptAt'
>;

export function connectionStateWords(conn: ConnectionFacts, now: number): StateWords {
  const stage = connectStageWords(conn.stage, conn.authMethod);
  switch (conn.state) {
    case 'ready': {
      const misses = conn.keepaliveMisses;
      if (misses > 0) return { label: 'Connected', icon: '⚠', tone: 'warn', detail: `${misses} keep-alive${misses === 1 ? '' : 's'} unanswered` };
      return { label: 'Connected', icon: '✓', tone: 'ok', detail: null };
    }
    case 'connecting':
      return { label: 'Connecting', icon: '…', tone: 'muted', detail: stage };
    case 'reconnecting': {
      const of = `attempt ${Math.max(conn.reconnectAttempt, 1)} of ${conn.reconnectAttempts}`;
      // The pool counts an attempt when it schedules it: while waiting, the number is the one to come.
      const when = conn.nextAttemptAt !== null ? `in ${formatDuration(Math.ceil((conn.nextAttemptAt - now) / 1000) * 1000)}` : stage;
      return { label: 'Reconnecting', icon: '↻', tone: 'warn', detail: when ? `${of} ${conn.nextAttemptAt !== null ? when : `(${when})`}` : of };
    }
    case 'closing':
      return { label: 'Closing', icon: '○', tone: 'muted', detail: null };
    case 'closed':
      return { label: 'Closed', icon: '○', tone: 'muted', detail: null };
    case 'failed':
      return { label: 'Failed', icon: '✕', tone: 'bad', detail: null };
  }
}
