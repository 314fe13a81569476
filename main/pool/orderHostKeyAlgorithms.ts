// The host-key algorithms a handshake offers: those of already known key types first, as OpenSSH orders them.
import type { ServerHostKeyAlgorithm } from 'ssh2';

/** ssh2's default offer, most preferred first (its README for the pinned version; a test compares it with ssh2's own). */
const SSH2_DEFAULT_ORDER: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** The type of key an algorithm signs with: RSA's SHA-2 signatures use ssh-rsa keys (RFC 8332). */
function keyTypeOf(algorithm: ServerHostKeyAlgorithm): string {
  return algorithm === 'rsa-sha2-512' || algorithm === 'rsa-sha2-256' ? 'ssh-rsa' : algorithm;
}

/**
 * The server shows the key of the first algorithm in our list that it has, so a server holding an
 * ed25519 key never seen and an ecdsa key in known_hosts would show the unknown one: a prompt, or a
 * refusal under strict. Like OpenSSH's order_hostkeyalgs, algorithms whose key type is known go
 * first and both groups keep the default order. Nothing outside the default list is added: a known
 * DSA key does not turn DSA on.
 */
export function orderHostKeyAlgorithms(knownKeyTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const known = SSH2_DEFAULT_ORDER.filter((algorithm) => knownKeyTypes.includes(keyTypeOf(algorithm)));
  return [...known, ...SSH2_DEFAULT_ORDER.filter((algorithm) => !known.includes(algorithm))];
}
