// Hashed known_hosts host fields (|1|salt|hash), as written by HashKnownHosts and ssh-keygen -H.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const MAGIC = '|1|';
// OpenSSH insists on SHA-1-sized salts and hashes; anything else is a corrupt field.
const SHA1_BYTES = 20;

/** A host string hidden as HMAC-SHA1(salt, host string); it can be matched but not read back. */
export class HashedHostName {
  private constructor(
    private readonly salt: Buffer,
    private readonly hash: Buffer,
  ) {}

  /** Hashes a host string (see knownHostsName) with a fresh random salt unless one is given. */
  static of(name: string, salt: Uint8Array = randomBytes(SHA1_BYTES)): HashedHostName {
    const saltBytes = Buffer.from(salt);
    return new HashedHostName(saltBytes, hmac(saltBytes, name));
  }

  /** True when the field looks hashed at all, so a broken hash is reported rather than matched as a pattern. */
  static isHashed(field: string): boolean {
    return field.startsWith('|');
  }

  /** Parses a `|1|salt|hash` field, or returns why it cannot be used. */
  static parse(field: string): HashedHostName | { error: string } {
    if (!field.startsWith(MAGIC)) return { error: 'hashed host field does not start with |1|' };
    const parts = field.slice(MAGIC.length).split('|');
    if (parts.length !== 2) return { error: 'hashed host field is not |1|salt|hash' };
    const [saltText = '', hashText = ''] = parts;
    const salt = strictBase64(saltText);
    const hash = strictBase64(hashText);
    if (salt?.length !== SHA1_BYTES) return { error: 'hashed host field has an invalid salt' };
    if (hash?.length !== SHA1_BYTES) return { error: 'hashed host field has an invalid hash' };
    return new HashedHostName(salt, hash);
  }

  matches(name: string): boolean {
    return timingSafeEqual(hmac(this.salt, name), this.hash);
  }

  toString(): string {
    return `${MAGIC}${this.salt.toString('base64')}|${this.hash.toString('base64')}`;
  }
}

function hmac(salt: Buffer, name: string): Buffer {
  return createHmac('sha1', salt).update(name).digest();
}

// Buffer.from(..., 'base64') silently skips garbage; a corrupt field must not decode to something.
function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}
