// Which host-key policy applies to host:port: a saved host's own choice, else the global default.
import type { SavedHost } from '../../app/hosts.js';
import type { HostKeyPolicy } from '../../app/trust.js';

export class HostKeyPolicyBook {
  // Kept in memory because the verifier asks synchronously, from inside a handshake.
  private byEndpoint = new Map<string, HostKeyPolicy>();

  constructor(private globalPolicy: HostKeyPolicy = 'ask') {}

  /** Called with the saved hosts whenever they change. The first host naming an endpoint decides. */
  update(hosts: readonly Pick<SavedHost, 'host' | 'port' | 'hostKeyPolicy'>[]): void {
    const next = new Map<string, HostKeyPolicy>();
    for (const h of hosts) {
      const id = endpointId(h.host, h.port);
      if (h.hostKeyPolicy && !next.has(id)) next.set(id, h.hostKeyPolicy);
    }
    this.byEndpoint = next;
  }

  setGlobal(policy: HostKeyPolicy): void {
    this.globalPolicy = policy;
  }

  policyFor(host: string, port: number): HostKeyPolicy {
    return this.byEndpoint.get(endpointId(host, port)) ?? this.globalPolicy;
  }
}

function endpointId(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
