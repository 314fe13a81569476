// Whether a private key file is locked by a passphrase, read from its headers without decrypting it.

/**
 * Spotting a locked key before connecting turns a vague handshake failure into "save the passphrase"
 * (saved hosts) or "skipped, encrypted" (quick connect). PEM says so in its headers; the OpenSSH
 * format names its cipher right after the magic.
 */
export function isEncryptedKey(key: string | Buffer): boolean {
  const text = key.toString();
  if (/Proc-Type:\s*4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(text)) return true;
  if (/^PuTTY-User-Key-File-\d+:/m.test(text)) return !/^Encryption:\s*none\s*$/m.test(text);
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
  if (body === undefined) return false;
  const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.subarray(0, magic.length).toString('latin1') !== magic || bytes.length < magic.length + 4) return false;
  const length = bytes.readUInt32BE(magic.length);
  const cipher = bytes.subarray(magic.length + 4, magic.length + 4 + length).toString('latin1');
  return cipher !== 'none';
}
