// One known_hosts line: parsing it, matching it against a host and port, and writing a new one.
import { HashedHostName } from './hashedHostName.js';
import { hostKeyType } from '../pool/hostKeyType.js';
import { knownHostsName } from './knownHostsName.js';
import { matchHostPatterns } from './matchHostPatterns.js';

/**
 * @revoked: the key must never be accepted. @cert-authority: the key signs host certificates;
 * it is recognised and reported so it is never mistaken for the host's own key, but Skein does
 * not validate host certificates (out of scope), so such a line never makes a key trusted.
 */
export type KnownHostsMarker = 'revoked' | 'cert-authority';

/** Where a line lives, for messages that tell the user which line to look at. */
export interface KnownHostsLocation {
  path: string;
  /** 1-based, as editors and `ssh-keygen -F` count. */
  line: number;
}

export type KnownHostsLineParse =
  | { kind: 'entry'; entry: KnownHostsEntry }
  /** Blank line or comment. */
  | { kind: 'ignored' }
  /** Unusable line; kept as is in the file and only reported, as ssh does. */
  | { kind: 'malformed'; reason: string };

const MARKERS: Readonly<Record<string, KnownHostsMarker>> = {
  '@revoked': 'revoked',
  '@cert-authority': 'cert-authority',
};

/** A parsed, well-formed known_hosts entry. */
export class KnownHostsEntry {
  private constructor(
    readonly location: KnownHostsLocation,
    readonly marker: KnownHostsMarker | null,
    /** The host field as written: a pattern list, or a |1|salt|hash field. */
    readonly hostField: string,
    private readonly matcher: HashedHostName | null,
    /** Always the type named inside the blob; parsing refuses lines where the field disagrees. */
    readonly keyType: string,
    readonly key: Uint8Array,
    readonly comment: string,
  ) {}

  /** Whether this line is about host:port (ports other than 22 only match `[host]:port` forms). */
  matches(host: string, port: number): boolean {
    const name = knownHostsName(host, port);
    return this.matcher ? this.matcher.matches(name) : matchHostPatterns(name, this.hostField);
  }

  hasKey(key: Uint8Array): boolean {
    return Buffer.from(this.key).equals(key);
  }

  static parse(text: string, location: KnownHostsLocation): KnownHostsLineParse {
    const trimmed = text.replace(/\r$/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'ignored' };
    const fields = trimmed.split(/[ \t]+/);

    let marker: KnownHostsMarker | null = null;
    if (fields[0]?.startsWith('@')) {
      const word = fields.shift() ?? '';
      const known = MARKERS[word];
      if (!known) return malformed(`unknown marker ${word}`);
      marker = known;
    }

    const [hostField, keyTypeField, keyText, ...commentWords] = fields;
    if (hostField === undefined || keyTypeField === undefined) return malformed('missing key type');
    if (/^\d+$/.test(keyTypeField)) return malformed('SSH protocol 1 (RSA1) keys are not supported');
    if (keyText === undefined) return malformed('missing key');

    let matcher: HashedHostName | null = null;
    if (HashedHostName.isHashed(hostField)) {
      const parsed = HashedHostName.parse(hostField);
      if (!(parsed instanceof HashedHostName)) return malformed(parsed.error);
      matcher = parsed;
    }

    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyText) || keyText.length % 4 !== 0) {
      return malformed('key is not valid base64');
    }
    const key = new Uint8Array(Buffer.from(keyText, 'base64'));
    let blobType: string;
    try {
      blobType = hostKeyType(key);
    } catch (error) {
      return malformed((error as Error).message);
    }
    // A line whose label lies about its key could make a key of one type shadow another.
    if (blobType !== keyTypeField) {
      return malformed(`key type field ${keyTypeField} does not match the key's own type ${blobType}`);
    }

    const entry = new KnownHostsEntry(location, marker, hostField, matcher, blobType, key, commentWords.join(' '));
    return { kind: 'entry', entry };
  }

  /**
   * The text of a new plain entry for host:port (no newline). Hashed by default so the file does
   * not list where the user connects, as Debian's `HashKnownHosts yes` does.
   */
  static format(host: string, port: number, key: Uint8Array, options: { hash?: boolean } = {}): string {
    const name = knownHostsName(host, port);
    const hash = options.hash ?? true;
    // Written in the clear, such a name would be read back as a pattern list or split into fields.
    if (!hash && !/^[^\s,!*?|@#]+$/.test(name)) {
      throw new Error(`cannot write host name ${JSON.stringify(host)} unhashed to known_hosts`);
    }
    const hostField = hash ? HashedHostName.of(name).toString() : name;
    return `${hostField} ${hostKeyType(key)} ${Buffer.from(key).toString('base64')}`;
  }
}

function malformed(reason: string): KnownHostsLineParse {
  return { kind: 'malformed', reason };
}
