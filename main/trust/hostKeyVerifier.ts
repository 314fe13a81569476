// Decides whether a server's host key is trusted, from known_hosts, the host's policy and the user.
import { formatHostPort } from '../../app/hosts.js';
import type { HostKeyPolicy, PresentedHostKey, UnknownHostKeyPrompt } from '../../app/trust.js';
import { HostKeyError } from './hostKeyError.js';
import { hostKeyFingerprint } from '../pool/hostKeyFingerprint.js';
import { hostKeyType } from '../pool/hostKeyType.js';
import type { KnownHosts } from './knownHosts.js';

export interface HostKeyVerifierDeps {
  knownHosts: Pick<KnownHosts, 'read' | 'add'>;
  policyFor(host: string, port: number): HostKeyPolicy;
  /** The signal aborts when the question expires (the connection gave up waiting). */
  askUser(prompt: UnknownHostKeyPrompt, signal?: AbortSignal): Promise<boolean>;
  /** Told when a trusted key could not be saved (the connection still goes ahead, as with ssh). */
  onWarning?(message: string): void;
}

export class HostKeyVerifier {
  // Verifications in flight, keyed by host, port, policy and key: connections opened together to
  // one new host share one prompt and one answer instead of stacking dialogs.
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly deps: HostKeyVerifierDeps) {}

  /**
   * Resolves when the key may be used, rejects with a HostKeyError when it may not. Nothing but
   * askUser waits on a person, so the pool can await this inside ssh2's hostVerifier.
   */
  verify(presented: PresentedHostKey, signal?: AbortSignal): Promise<void> {
    let policy: HostKeyPolicy;
    try {
      policy = this.deps.policyFor(presented.host, presented.port);
    } catch (error) {
      // Callers await a promise; a synchronous throw would escape ssh2's callback instead.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const id = [presented.host.toLowerCase(), presented.port, policy, Buffer.from(presented.key).toString('base64')].join(' ');
    // A shared question expires with the first caller's signal; the others time out alike.
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    // Dropped only once settled, i.e. after an accepted key is appended, so a verification that
    // starts later re-reads the file and finds it instead of asking again.
    const result = this.decide(presented, policy, signal).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, result);
    return result;
  }

  /**
   * The key types known_hosts holds for host:port, for the handshake to offer first (as OpenSSH's
   * order_hostkeyalgs does). Only plain lines count: revoked and CA keys never let a key pass.
   */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const { entries } = await this.deps.knownHosts.read();
    const types = entries.filter((e) => e.marker === null && e.matches(host, port)).map((e) => e.keyType);
    return [...new Set(types)];
  }

  private async decide(presented: PresentedHostKey, policy: HostKeyPolicy, signal: AbortSignal | undefined): Promise<void> {
    const { host, port, key } = presented;
    // The blob, not the caller's labels, says what the key is: a caller passing a negotiated
    // algorithm name (rsa-sha2-512) must still be compared with the ssh-rsa lines.
    const keyType = hostKeyType(key);
    const fingerprint = hostKeyFingerprint(key);
    const facts = { host, port, keyType, fingerprint };

    const { entries } = await this.deps.knownHosts.read();

    // Checked before anything can trust the key: a @revoked line wins over a plain line for the
    // same key, and a key revoked under any host name is refused everywhere.
    const revoked = entries.find((e) => e.marker === 'revoked' && e.hasKey(key));
    if (revoked) throw new HostKeyError({ kind: 'revoked', ...facts, location: revoked.location });

    // @cert-authority lines are left out: they vouch for certificates, which are not validated
    // here, so a CA key must never pass as the host's own key.
    const known = entries.filter((e) => e.marker === null && e.keyType === keyType && e.matches(host, port));
    if (known.some((e) => e.hasKey(key))) return;

    const previous = known[0];
    if (previous) {
      throw new HostKeyError({
        kind: 'changed',
        ...facts,
        knownFingerprint: hostKeyFingerprint(previous.key),
        location: previous.location,
      });
    }

    // No line of this key type for the host. If the host is known only with other key types
    // (e.g. it now offers ed25519 where we hold ecdsa), this is treated as a new key, like
    // OpenSSH does: 'ask' asks, 'accept-new' adds it, 'strict' refuses it. Calling it a change
    // would block every server that merely gained a key type; refusing under strict keeps strict
    // meaning "only keys already in known_hosts".
    switch (policy) {
      case 'strict':
        throw new HostKeyError({ kind: 'unknown-refused', ...facts });
      case 'accept-new':
        return this.remember(host, port, key);
      case 'ask': {
        // Every plain line for the host is of another type here (same-type lines returned above).
        const knownKeys = entries
          .filter((e) => e.marker === null && e.matches(host, port))
          .map((e) => ({ keyType: e.keyType, fingerprint: hostKeyFingerprint(e.key), location: e.location }));
        const trusted = await this.deps.askUser({ host, port, keyType, fingerprint, knownKeys }, signal);
        if (!trusted) throw new HostKeyError({ kind: 'rejected', ...facts });
        return this.remember(host, port, key);
      }
    }
  }

  /**
   * The key is trusted either way: like ssh, a failure to save it only warns, since refusing the
   * connection would overrule what the user or the policy just decided.
   */
  private async remember(host: string, port: number, key: Uint8Array): Promise<void> {
    try {
      await this.deps.knownHosts.add(host, port, key);
    } catch (error) {
      this.deps.onWarning?.(
        `Could not add the host key of ${formatHostPort(host, port)} to known_hosts (${(error as Error).message}); ` +
          'it is trusted for this connection only.',
      );
    }
  }
}
