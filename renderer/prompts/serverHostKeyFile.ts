// Where an OpenSSH server keeps the public host key of a type, so the dialog can say how to read its fingerprint there.

/** sshd's default HostKey files (/etc/ssh/ssh_host_<type>_key.pub); null for types it has no default file for. */
export function serverHostKeyFile(keyType: string): string | null {
  if (keyType === 'ssh-ed25519') return '/etc/ssh/ssh_host_ed25519_key.pub';
  if (keyType.startsWith('ecdsa-sha2-')) return '/etc/ssh/ssh_host_ecdsa_key.pub';
  if (keyType === 'ssh-rsa' || keyType.startsWith('rsa-sha2-')) return '/etc/ssh/ssh_host_rsa_key.pub';
  return null;
}
