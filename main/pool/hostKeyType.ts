// Reads a public key's algorithm name from its SSH wire-format blob (one reader for the pool and trust).

/**
 * The key type is the first SSH string of the blob (RFC 4253 section 6.6). It is the authority
 * on what a key is: a name announced beside the blob (known_hosts field, negotiated algorithm
 * such as rsa-sha2-512) can disagree with it, the blob cannot.
 * Throws when the blob does not start with a well-formed, printable name.
 */
export function hostKeyType(blob: Uint8Array): string {
  if (blob.length < 4) throw new Error('SSH key blob is too short to hold a key type');
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0);
  // Real names are short; the cap keeps a corrupt length from being read as a huge name.
  if (length === 0 || length > 64 || 4 + length > blob.length) {
    throw new Error('SSH key blob has an invalid key type length');
  }
  const name = String.fromCharCode(...blob.subarray(4, 4 + length));
  if (!/^[\x21-\x7e]+$/.test(name)) throw new Error('SSH key blob has a non-printable key type');
  return name;
}
