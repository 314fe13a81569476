// The local forwards of every saved host, by host id and forward id: what the service starts and stops.
import type { ForwardHealth } from '../../app/health.js';
import type { PoolTarget } from '../pool/index.js';
import { LocalForward, type ForwardPool, type LocalForwardSpec } from './localForward.js';

export interface ForwardManagerDeps {
  pool: ForwardPool;
}

export class ForwardManager {
  private readonly byHost = new Map<string, Map<string, LocalForward>>();

  constructor(private readonly deps: ForwardManagerDeps) {}

  /**
   * Starts a saved forward of a host. One already listening is left as it is (stop it first to
   * apply an edited spec); a failed one is replaced by a fresh attempt. Rejects with the
   * ForwardError of a port that cannot be listened on; the failure stays listed until stopped.
   */
  async start(hostId: string, target: PoolTarget, spec: LocalForwardSpec): Promise<ForwardHealth> {
    let forwards = this.byHost.get(hostId);
    if (!forwards) {
      forwards = new Map();
      this.byHost.set(hostId, forwards);
    }
    const previous = forwards.get(spec.id);
    if (previous && previous.state !== 'failed') {
      await previous.start();
      return previous.health();
    }
    const forward = new LocalForward({ pool: this.deps.pool, target, spec });
    // In the table before any await, so a second start of the same id finds it.
    forwards.set(spec.id, forward);
    await previous?.stop();
    await forward.start();
    return forward.health();
  }

  /** Stops one forward and forgets it; stopping one that is not running does nothing. */
  async stop(hostId: string, forwardId: string): Promise<void> {
    const forwards = this.byHost.get(hostId);
    const forward = forwards?.get(forwardId);
    if (!forwards || !forward) return;
    forwards.delete(forwardId);
    if (forwards.size === 0) this.byHost.delete(hostId);
    await forward.stop();
  }

  /** Stops every forward of one host (the host was deleted or disconnected by the person). */
  async stopHost(hostId: string): Promise<void> {
    const forwards = this.byHost.get(hostId);
    if (!forwards) return;
    this.byHost.delete(hostId);
    await Promise.all([...forwards.values()].map((f) => f.stop()));
  }

  /** Stops everything; call before pool.close() so no new socket asks for a tunnel. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.byHost.keys()].map((id) => this.stopHost(id)));
  }
}
