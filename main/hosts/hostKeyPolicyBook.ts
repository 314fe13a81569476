// Which host-key policy applies to host:port: the strictest of the saved hosts on it, else the global default.
import type { SavedHost } from '../../app/hosts.js';
import type { HostKeyPolicy } from '../../app/trust.js';

/** Weakest first: accept-new < ask < strict. */
const STRICTNESS: readonly HostKeyPolicy[] = ['accept-new', 'ask', 'strict'];

function stricter(a: HostKeyPolicy, b: HostKeyPolicy | undefined): HostKeyPolicy {
  return b !== undefined && STRICTNESS.indexOf(b) > STRICTNESS.indexOf(a) ? b : a;
}

/** What the saved hosts on one endpoint ask for. */
interface EndpointPolicies {
  /** The strictest policy a host on the endpoint chose itself. */
  chosen: HostKeyPolicy | undefined;
  /** Some host on the endpoint chose nothing, so it expects the global policy. */
  usesGlobal: boolean;
}

export class HostKeyPolicyBook {
  // Kept in memory because the verifier asks synchronously, from inside a handshake.
  private byEndpoint = new Map<string, EndpointPolicies>();

  constructor(private readonly globalPolicy: HostKeyPolicy = 'ask') {}

  /**
   * Called with the saved hosts whenever they change. The verifier learns only host and port, not
   * which saved host (label, user) is connecting, so an endpoint gets the strictest policy any of
   * its hosts expects: one host's accept-new must not weaken another's strict.
   */
  update(hosts: readonly Pick<SavedHost, 'host' | 'port' | 'hostKeyPolicy'>[]): void {
    const next = new Map<string, EndpointPolicies>();
    for (const h of hosts) {
      const id = endpointId(h.host, h.port);
      const entry = next.get(id) ?? { chosen: undefined, usesGlobal: false };
      if (h.hostKeyPolicy) entry.chosen = entry.chosen ? stricter(entry.chosen, h.hostKeyPolicy) : h.hostKeyPolicy;
      else entry.usesGlobal = true;
      next.set(id, entry);
    }
    this.byEndpoint = next;
  }

  policyFor(host: string, port: number): HostKeyPolicy {
    const entry = this.byEndpoint.get(endpointId(host, port));
    if (!entry?.chosen) return this.globalPolicy;
    return entry.usesGlobal ? stricter(entry.chosen, this.globalPolicy) : entry.chosen;
  }
}

function endpointId(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}
