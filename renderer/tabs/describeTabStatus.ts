// A tab's connection state in words: the one-word state for the strip and screen readers, and the sentence for its status area.
import type { SkeinErrorCode } from '../../app/skeinError.js';
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

/** What each error code means for a tab that could not open, in a person's words. */
export const OPEN_FAILED_HEADLINES = {
  CONNECT_FAILED: 'Could not reach the host',
  HANDSHAKE_TIMEOUT: 'The host did not finish connecting in time',
  HOST_KEY_REFUSED: "The host's key was not accepted",
  AUTH_FAILED: 'Login failed',
  KEY_UNUSABLE: 'The private key could not be used',
  PROMPT_TIMEOUT: 'A login question was not answered in time',
  POOL_EXHAUSTED: 'Too many connections to this host',
  CHANNEL_REFUSED: 'The server refused to open another shell',
  CONNECTION_LOST: 'The connection was lost',
  EXEC_TIMEOUT: 'A command on the host took too long',
  EXEC_OUTPUT_LIMIT: 'A command on the host printed too much',
  EXEC_COMMAND_TOO_LONG: 'A command for the host was too long',
  POOL_CLOSED: 'Skein is shutting down',
  DISCONNECTED: 'The host was disconnected',
  HOST_KEY_CHANGED: "The host's key has changed",
  HOST_KEY_REVOKED: "The host's key is revoked",
  HOST_KEY_REJECTED: "The host's key was rejected",
  HOST_KEY_UNKNOWN: "The host's key is not known",
  PORT_IN_USE: 'A port is already in use',
  PERMISSION_DENIED: 'Permission denied',
  ADDRESS_UNAVAILABLE: 'An address is not available',
  LISTEN_FAILED: 'A port could not be opened',
  VAULT_LOCKED: 'The secrets vault is locked',
  VAULT_WRONG_PASSPHRASE: "The vault's passphrase is wrong",
  VAULT_DAMAGED: 'The secrets vault is damaged',
  HOST_NOT_FOUND: 'This saved host no longer exists',
  HOST_IN_USE: 'This host is in use',
  HOST_ENTRY_INVALID: 'This saved host has problems',
  HOSTS_FILE_INVALID: 'The saved hosts file cannot be read',
  SECRET_MISSING: 'A password or passphrase is missing',
  AGENT_MISSING: 'ssh-agent is not running',
  FORWARD_NOT_FOUND: 'That port forward is not saved',
  INVALID_INPUT: 'Skein sent the core a bad request',
  INTERNAL: 'Something went wrong inside Skein',
} as const satisfies Record<SkeinErrorCode, string>;

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
        headline: OPEN_FAILED_HEADLINES[end.error.code],
        detail: end.error.message,
        ...(end.error.hint === undefined ? {} : { hint: end.error.hint }),
        failed: true,
      };
  }
}
