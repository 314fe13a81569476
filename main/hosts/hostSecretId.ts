// The secret-store id under which a saved host's password or key passphrase is kept.

export type HostSecretKind = 'password' | 'passphrase';

export function hostSecretId(hostId: string, kind: HostSecretKind): string {
  return `host:${hostId}:${kind}`;
}
