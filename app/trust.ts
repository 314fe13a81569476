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

/** What the UI is asked when a host's key is not known yet. */
export interface UnknownHostKeyPrompt {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
}
