// The few words at the top of an error notice: what kind of thing went wrong, from the error's code alone.
import type { SkeinErrorCode } from '../../app/skeinError.js';

/** A Record, not a switch: a code added to the contract does not compile until it has its words here. */
const HEADLINES: Record<SkeinErrorCode, string> = {
  CONNECT_FAILED: 'Could not reach the host',
  HANDSHAKE_TIMEOUT: 'The server did not answer in time',
  HOST_KEY_REFUSED: 'The host key was not confirmed',
  AUTH_FAILED: 'Login refused',
  KEY_UNUSABLE: 'The key cannot be used',
  PROMPT_TIMEOUT: 'The question expired',
  POOL_EXHAUSTED: 'No free session on this host',
  CHANNEL_REFUSED: 'The server refused another session',
  CONNECTION_LOST: 'Connection lost',
  EXEC_TIMEOUT: 'The command took too long',
  EXEC_COMMAND_TOO_LONG: 'The command is too long to send',
  EXEC_OUTPUT_LIMIT: 'The command printed too much',
  POOL_CLOSED: 'The connection was closed',
  DISCONNECTED: 'The host was disconnected',
  HOST_KEY_CHANGED: 'The host key has changed',
  HOST_KEY_REVOKED: 'The host key is revoked',
  HOST_KEY_REJECTED: 'Host key not trusted',
  HOST_KEY_UNKNOWN: 'Unknown host key refused',
  PORT_IN_USE: 'The local port is in use',
  PERMISSION_DENIED: 'Not allowed to listen on that port',
  ADDRESS_UNAVAILABLE: 'That address is not on this machine',
  LISTEN_FAILED: 'The forward could not start',
  VAULT_LOCKED: 'The vault is locked',
  VAULT_WRONG_PASSPHRASE: 'Wrong vault passphrase',
  VAULT_DAMAGED: 'The vault file is damaged',
  HOST_NOT_FOUND: 'Host not found',
  HOST_IN_USE: 'Other hosts jump through this one',
  HOST_ENTRY_INVALID: 'The saved host is not valid',
  HOSTS_FILE_INVALID: 'The hosts file cannot be used',
  SECRET_MISSING: 'No password or passphrase saved',
  AGENT_MISSING: 'No SSH agent is running',
  FORWARD_NOT_FOUND: 'Forward not found',
  INVALID_INPUT: 'A value cannot be used',
  INTERNAL: 'Something went wrong',
};

export function errorHeadline(code: SkeinErrorCode): string {
  return HEADLINES[code];
}
