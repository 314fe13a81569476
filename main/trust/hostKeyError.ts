// Why a server's host key was not trusted, with the details a UI or log needs to explain it.
import { formatHostPort } from '../../app/hosts.js';
import type { KnownHostsLocation } from './knownHostsEntry.js';
import { knownHostsName } from './knownHostsName.js';

/**
 * changed: the host is known with a different key of the same type (possible man-in-the-middle).
 * revoked: the key is listed as @revoked.
 * rejected: the user said no to an unknown key.
 * unknown-refused: the key is unknown and the host's policy is strict.
 */
export type HostKeyErrorKind = 'changed' | 'revoked' | 'rejected' | 'unknown-refused';

export interface HostKeyErrorDetails {
  kind: HostKeyErrorKind;
  host: string;
  port: number;
  keyType: string;
  /** Fingerprint of the key the server presented. */
  fingerprint: string;
  /** changed: fingerprint of the key known_hosts records for this host. */
  knownFingerprint?: string;
  /** changed: the line holding the known key; revoked: the @revoked line. */
  location?: KnownHostsLocation;
}

export class HostKeyError extends Error {
  override readonly name = 'HostKeyError';
  readonly kind: HostKeyErrorKind;
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly knownFingerprint: string | undefined;
  readonly location: KnownHostsLocation | undefined;

  constructor(details: HostKeyErrorDetails) {
    super(messageFor(details));
    this.kind = details.kind;
    this.host = details.host;
    this.port = details.port;
    this.keyType = details.keyType;
    this.fingerprint = details.fingerprint;
    this.knownFingerprint = details.knownFingerprint;
    this.location = details.location;
  }
}

function messageFor(d: HostKeyErrorDetails): string {
  const target = formatHostPort(d.host, d.port);
  const where = d.location ? `${d.location.path} line ${d.location.line}` : 'known_hosts';
  // Hashed lines cannot be found by eye; ssh-keygen -R finds and removes them for the user.
  const removal = d.location
    ? `remove line ${d.location.line} of ${d.location.path} (for example with ` +
      `ssh-keygen -R '${knownHostsName(d.host, d.port)}' -f ${d.location.path}) and connect again`
    : 'remove the old key from known_hosts and connect again';
  switch (d.kind) {
    case 'changed':
      return (
        `The host key for ${target} has changed: the server presented ${d.keyType} key ${d.fingerprint}, ` +
        `but ${where} records ${d.keyType} key ${d.knownFingerprint ?? '(unknown)'} for this host. ` +
        'Someone could be intercepting the connection (man-in-the-middle attack), or the server was ' +
        'reinstalled or its key replaced. Skein did not connect and did not change known_hosts; ' +
        `if you have confirmed the new fingerprint with the server's administrator, ${removal}.`
      );
    case 'revoked':
      return (
        `The ${d.keyType} host key ${d.fingerprint} presented by ${target} is revoked (${where}); ` +
        'Skein will not connect with it.'
      );
    case 'rejected':
      return `You did not trust the ${d.keyType} host key ${d.fingerprint} of ${target}; Skein did not connect.`;
    case 'unknown-refused':
      return (
        `The ${d.keyType} host key ${d.fingerprint} of ${target} is not in known_hosts and this host's ` +
        'policy is strict, so Skein did not connect. Add the key to known_hosts after checking its fingerprint.'
      );
  }
}
