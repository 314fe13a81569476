// Host-key trust: what the core tells the UI about a server key, and the policies a host may use.

/** ask: prompt on unknown keys (default); accept-new: trust unknown keys silently; strict: refuse them. */
export type HostKeyPolicy = 'ask' | 'accept-new' | 'strict';

export const HOST_KEY_POLICIES = ['ask', 'accept-new', 'strict'] as const satisfies readonly HostKeyPolicy[];

/** A server key as presented during a handshake. */
export interface PresentedHostKey {
  host: string;
  port: number;
  /** e.g. ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa */
  keyType: string;
  /** OpenSSH style: "SHA256:" + unpadded base64 of the sha256 of the key blob. */
  fingerprint: string;
  /** The raw public key blob (SSH wire format). */
  key: Uint8Array;
}

/** A key known_hosts already holds for a host. */
export interface KnownHostKey {
  keyType: string;
  fingerprint: string;
  /** The known_hosts line holding it (1-based line), so the user can look it up. */
  location?: { path: string; line: number };
}

/** What the UI is asked when a host's key is not known yet. */
export interface UnknownHostKeyPrompt {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /**
   * Keys of other types already known for this host; [] on first contact. When not empty the UI
   * says so, as OpenSSH does ("but keys of different type are already known for this host"):
   * the user can compare with a key they already trust instead of accepting a stranger's.
   */
  knownKeys: KnownHostKey[];
}
