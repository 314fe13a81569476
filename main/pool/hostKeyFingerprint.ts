// OpenSSH's SHA256 fingerprint of a public key, as ssh and ssh-keygen -l print it.
import { createHash } from 'node:crypto';

/** "SHA256:" + unpadded base64 of sha256(blob), so users can compare it with `ssh-keygen -l`. */
export function hostKeyFingerprint(blob: Uint8Array): string {
  const digest = createHash('sha256').update(blob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}
