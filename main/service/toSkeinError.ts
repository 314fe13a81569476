// Turns whatever a layer threw into the SkeinError the UI receives: its code, its words, the fix and the field.
import { SkeinError, isSkeinErrorCode, type SkeinErrorCode, type SkeinErrorShape } from '../../app/skeinError.js';
import { HostKeyError, type HostKeyErrorKind } from '../trust/hostKeyError.js';
import { knownHostsName } from '../trust/knownHostsName.js';

const HOST_KEY_CODES = {
  changed: 'HOST_KEY_CHANGED',
  revoked: 'HOST_KEY_REVOKED',
  rejected: 'HOST_KEY_REJECTED',
  'unknown-refused': 'HOST_KEY_UNKNOWN',
} as const satisfies Record<HostKeyErrorKind, SkeinErrorCode>;

/** The fix for a code whose thrower could not say one (the pool, forwards and the vault know no UI words). */
const HINTS: Partial<Record<SkeinErrorCode, string>> = {
  CONNECT_FAILED: 'Check the host name and port, and that the server is running and reachable from this machine.',
  HANDSHAKE_TIMEOUT: 'Check that the port is an SSH server and that the network is up, then connect again.',
  HOST_KEY_REFUSED: "Connect again with Skein's window open, and answer its host-key question.",
  AUTH_FAILED: "Check the user name and the password, key or agent set in the host's settings.",
  KEY_UNUSABLE: "Check the key file in the host's settings, and save its passphrase there if the key has one.",
  PROMPT_TIMEOUT: 'Connect again and answer the question before it expires.',
  POOL_EXHAUSTED: "Close some tabs on this host, or raise its channel and connection caps in the host's settings.",
  CHANNEL_REFUSED: "The server limits sessions per connection (sshd's MaxSessions): lower this host's channels per connection.",
  EXEC_OUTPUT_LIMIT: 'Make the command print less, or write its output to a file on the server.',
  PORT_IN_USE: "Stop the program that listens on that local port, or choose another local port in the forward's settings.",
  PERMISSION_DENIED: 'Choose a local port from 1024 up.',
  ADDRESS_UNAVAILABLE: 'Use 127.0.0.1, or an address this machine has, as the bind address.',
  VAULT_LOCKED: 'Unlock the vault with its passphrase.',
  VAULT_WRONG_PASSPHRASE: 'Enter the passphrase the vault was created with.',
  VAULT_DAMAGED: 'Restore the vault file from a backup, or move it aside to start a new vault (the secrets in it are then lost).',
};

/**
 * The one translation to the UI's error shape; every SkeinApi call rejects through it.
 * A refused host key keeps its kind however deep the pool wrapped it (a jump host, a reconnect).
 * PoolError, ForwardError, HostError and the vault's error carry a code from the closed list
 * (their types say so); anything else is a failure nobody classified and becomes INTERNAL.
 */
export function toSkeinError(thrown: unknown): SkeinError {
  if (thrown instanceof SkeinError) return thrown;
  const message = thrown instanceof Error ? thrown.message : `the core failed with a non-error value: ${String(thrown)}`;
  const hostKey = hostKeyErrorIn(thrown);
  if (hostKey) return new SkeinError({ code: HOST_KEY_CODES[hostKey.kind], message, hint: hostKeyHint(hostKey) }, { cause: thrown });
  const own = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as Partial<Record<keyof SkeinErrorShape, unknown>>;
  const code = isSkeinErrorCode(own.code) ? own.code : 'INTERNAL';
  const hint = typeof own.hint === 'string' ? own.hint : HINTS[code];
  const shape: SkeinErrorShape = { code, message };
  if (hint !== undefined) shape.hint = hint;
  if (typeof own.field === 'string') shape.field = own.field;
  return new SkeinError(shape, { cause: thrown });
}

function hostKeyErrorIn(thrown: unknown): HostKeyError | undefined {
  const seen = new Set<unknown>();
  for (let e = thrown; e instanceof Error && !seen.has(e); e = e.cause) {
    if (e instanceof HostKeyError) return e;
    seen.add(e);
  }
  return undefined;
}

function hostKeyHint(e: HostKeyError): string {
  const name = knownHostsName(e.host, e.port);
  switch (e.kind) {
    case 'changed':
      return e.location
        ? "If the server's administrator confirms the new fingerprint, remove the old key with " +
            `ssh-keygen -R ${shellQuote(name)} -f ${shellQuote(e.location.path)} and connect again.`
        : `If the server's administrator confirms the new fingerprint, remove the old key for ${name} from known_hosts and connect again.`;
    case 'revoked':
      return "Ask the server's administrator which host key the server should have; Skein never connects with a revoked key.";
    case 'rejected':
      return "Connect again and trust the key if its fingerprint is the one the server's administrator gave you.";
    case 'unknown-refused':
      return (
        "Check the fingerprint with the server's administrator and add the key to known_hosts " +
        `(ssh-keyscan -p ${e.port} ${shellQuote(e.host)} prints it), or set this host's host-key policy to "ask".`
      );
  }
}

/** POSIX single quotes: the hint's command can be pasted into a shell whatever the path holds. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
