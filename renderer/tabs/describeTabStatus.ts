// A tab's connection state in words: the one-word state for the strip and screen readers, and the sentence for its status area.
import { errorHeadline } from '../errors/errorHeadline.js';
import type { TabEnd, TabPhase } from './tabsReducer.js';

export type TabState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface TabStatusText {
  state: TabState;
  /** What went on, as a person would say it. */
  headline: string;
  /** The facts behind it (the core's message), when there are some. */
  detail?: string;
  /** What to do about it. */
  hint?: string;
  /** The session ended with a failure rather than by the shell's own exit or a close. */
  failed: boolean;
}

export function describeTabStatus(phase: TabPhase, now: number): TabStatusText {
  switch (phase.kind) {
    case 'connecting':
      return { state: 'connecting', headline: phase.stage ? `Connecting: ${phase.stage}…` : 'Connecting…', failed: false };
    case 'open':
      return { state: 'open', headline: 'Connected', failed: false };
    case 'reconnecting':
      return { state: 'reconnecting', headline: reconnectingHeadline(phase, now), detail: phase.message, failed: false };
    case 'closed':
      return { state: 'closed', ...describeEnd(phase.end) };
  }
}

function reconnectingHeadline(phase: Extract<TabPhase, { kind: 'reconnecting' }>, now: number): string {
  let words = 'Connection lost, reconnecting';
  if (phase.nextAttemptAt !== undefined) {
    const seconds = Math.ceil((phase.nextAttemptAt - now) / 1000);
    if (seconds > 0) words += ` in ${seconds} s`;
  }
  if (phase.attempt !== undefined) words += phase.attempts !== undefined ? ` (attempt ${phase.attempt} of ${phase.attempts})` : ` (attempt ${phase.attempt})`;
  if (phase.stage !== undefined) words += `: ${phase.stage}`;
  return `${words}…`;
}

function describeEnd(end: TabEnd): Omit<TabStatusText, 'state'> {
  switch (end.type) {
    case 'exit':
      return end.code === 0
        ? { headline: 'The shell exited', failed: false }
        : { headline: `The shell exited with code ${end.code}`, failed: false };
    case 'signal':
      return { headline: `The shell was ended by signal ${end.signal}`, failed: false };
    case 'closed':
      return { headline: 'The session was closed', failed: false };
    case 'disconnected':
      return { headline: 'The host was disconnected', hint: 'Reconnect opens a new shell on it.', failed: false };
    case 'connection-lost':
      return { headline: 'Connection lost; Skein gave up reconnecting', detail: end.message, failed: true };
    case 'overrun':
      return { headline: 'The server sent more output than the tab could hold', detail: end.message, failed: true };
    case 'open-failed':
      return {
        headline: errorHeadline(end.error.code),
        detail: end.error.message,
        ...(end.error.hint === undefined ? {} : { hint: end.error.hint }),
        failed: true,
      };
  }
}
