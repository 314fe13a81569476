// The secret in the URL web mode prints: made fresh at each start, exchanged for a cookie, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export class ConnectionToken {
  private readonly digest: Buffer;

  constructor(readonly value: string) {
    if (value.length < 22) throw new Error('a connection token must carry at least 128 random bits (22 base64url characters)');
    this.digest = sha256(value);
  }

  /** 256 random bits, URL-safe. */
  static generate(): ConnectionToken {
    return new ConnectionToken(randomBytes(32).toString('base64url'));
  }

  /** Hashing first gives equal-length buffers, so neither the length nor the content leaks through timing. */
  matches(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0) return false;
    return timingSafeEqual(this.digest, sha256(candidate));
  }

  /** Cookies ignore the port, so each server's cookie carries its port in the name and two servers do not overwrite each other. */
  static cookieName(port: number): string {
    return `skein-token-${port}`;
  }

  /** The token read from a Cookie header, if it has this server's cookie. */
  static fromCookieHeader(header: string | undefined, port: number): string | undefined {
    const name = ConnectionToken.cookieName(port);
    for (const part of (header ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return undefined;
  }

  setCookieHeader(port: number): string {
    return `${ConnectionToken.cookieName(port)}=${this.value}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
