// Turns a saved host id into the PoolTarget the pool dials: key files read, secrets fetched, jump chain flattened.
import { isAbsolute, join, resolve } from 'node:path';
import type { SavedHost } from '../../app/hosts.js';
import type { PoolTarget } from '../pool/poolTarget.js';
import { HostError } from './hostError.js';
import { hostSecretId } from './hostSecretId.js';
import { isEncryptedKey } from './isEncryptedKey.js';
import type { SecretStore } from './secretStore.js';

/** Where saved hosts come from (HostStore in the app). */
export interface SavedHostSource {
  get(id: string): Promise<SavedHost | undefined>;
}

export interface TargetResolverOptions {
  hosts: SavedHostSource;
  secrets: SecretStore;
  /** Reads a private key file; rejections with code ENOENT / EACCES are reported by path. */
  readKeyFile: (path: string) => Promise<string | Buffer>;
  /** Expands "~" in key paths. */
  homeDir: string;
  /** SSH_AUTH_SOCK; hosts that authenticate with the agent need it. */
  agentSocket?: string | undefined;
  /** The keep-alive of hosts (and jump hosts) that set none: the person's settings, read at each resolve. */
  defaultKeepalive?: () => { intervalMs: number; countMax: number };
  /**
   * Asks the person for a password or key passphrase the host needs and has not saved, as ssh
   * does; the answer serves this connection and is not saved. Resolves undefined when there is
   * nobody to ask (no window open), rejects when the person did not answer. Without it, or with no
   * one to ask, a missing secret is a SECRET_MISSING error.
   */
  askSecret?: (request: SecretRequest) => Promise<string | undefined>;
}

export interface SecretRequest {
  kind: 'password' | 'passphrase';
  host: SavedHost;
  /** The locked key file, for a passphrase. */
  keyPath?: string;
}

export class TargetResolver {
  readonly #options: TargetResolverOptions;

  constructor(options: TargetResolverOptions) {
    this.#options = options;
  }

  /** Rejects with a message naming the host (and jump host) and what is missing. */
  resolve(hostId: string): Promise<PoolTarget> {
    return this.#resolve(hostId, []);
  }

  async #resolve(id: string, via: SavedHost[]): Promise<PoolTarget> {
    const host = await this.#options.hosts.get(id);
    const target = via[0];
    if (host === undefined) {
      const from = via.at(-1);
      if (target === undefined || from === undefined) throw new HostError('HOST_NOT_FOUND', `no saved host with id "${id}"`);
      throw new HostError('HOST_NOT_FOUND', `cannot connect to "${target.label}": jump host "${id}" of "${from.label}" is not a saved host (deleted, or its entry is malformed)`, {
        hint: `Choose another jump host for "${from.label}", or fix its entry in the host list.`,
      });
    }
    if (via.some((h) => h.id === host.id)) {
      const loop = [...via, host].map((h) => `"${h.label}"`).join(' -> ');
      throw new HostError('HOST_ENTRY_INVALID', `cannot connect to "${(target ?? host).label}": jump hosts form a loop: ${loop}`, {
        hint: 'Give one of these hosts another jump host (or none).',
      });
    }
    const who = target === undefined ? `cannot connect to "${host.label}"` : `cannot connect to "${target.label}" through jump host "${host.label}"`;
    const resolved: PoolTarget = { host: host.host, port: host.port, username: host.username, ...(await this.#login(host, who)) };
    const fallback = this.#options.defaultKeepalive?.();
    const intervalMs = host.keepalive?.intervalMs ?? fallback?.intervalMs;
    const countMax = host.keepalive?.countMax ?? fallback?.countMax;
    if (intervalMs !== undefined) resolved.keepaliveIntervalMs = intervalMs;
    if (countMax !== undefined) resolved.keepaliveCountMax = countMax;
    if (host.pool?.maxChannelsPerConnection !== undefined) resolved.maxChannelsPerConnection = host.pool.maxChannelsPerConnection;
    if (host.pool?.maxConnectionsPerHost !== undefined) resolved.maxConnectionsPerHost = host.pool.maxConnectionsPerHost;
    if (host.jumpHostId !== undefined) {
      // The pool wants one flat chain, first hop first; each hop is pooled under its own prefix of it.
      const { jump: before = [], ...hop } = await this.#resolve(host.jumpHostId, [...via, host]);
      resolved.jump = [...before, hop];
    }
    return resolved;
  }

  async #login(host: SavedHost, who: string): Promise<Partial<PoolTarget>> {
    const { secrets } = this.#options;
    switch (host.auth.method) {
      case 'password': {
        const saved = await secrets.get(hostSecretId(host.id, 'password'));
        const password =
          saved ??
          (await this.#ask({ kind: 'password', host }, () => new HostError('SECRET_MISSING', `${who}: no password is saved for "${host.label}"`, {
            hint: `Save the password in "${host.label}"'s settings, or choose another login method.`,
          })));
        return { password };
      }
      case 'key': {
        const keyPath = this.#expand(host.auth.keyPath ?? '');
        const privateKey = await this.#readKey(keyPath, who);
        // Only an encrypted key needs the vault: a plain key logs in while the vault is still locked.
        const encrypted = isEncryptedKey(privateKey);
        if (!encrypted) return { privateKey };
        const saved = await secrets.get(hostSecretId(host.id, 'passphrase'));
        const passphrase =
          saved ??
          (await this.#ask({ kind: 'passphrase', host, keyPath }, () => new HostError('SECRET_MISSING', `${who}: key file ${keyPath} is encrypted and no passphrase is saved for "${host.label}"`, {
            hint: `Save the key's passphrase in "${host.label}"'s settings.`,
          })));
        return { privateKey, passphrase };
      }
      case 'agent': {
        const agent = this.#options.agentSocket;
        if (agent === undefined || agent === '') {
          throw new HostError('AGENT_MISSING', `${who}: "${host.label}" logs in with ssh-agent, but no agent is running (SSH_AUTH_SOCK is not set)`, {
            hint: 'Start ssh-agent, add your key with ssh-add, and start Skein where SSH_AUTH_SOCK is set; or choose another login method.',
          });
        }
        return { agent };
      }
      case 'keyboard-interactive':
        return { keyboardInteractive: true };
    }
  }

  /** The person's answer; `missing` is the error when nobody can be asked, and, with the reason, when nobody answered. */
  async #ask(request: SecretRequest, missing: () => HostError): Promise<string> {
    const ask = this.#options.askSecret;
    if (!ask) throw missing();
    let answer: string | undefined;
    try {
      answer = await ask(request);
    } catch (error) {
      const unanswered = missing();
      throw new HostError('SECRET_MISSING', `${unanswered.message}, and it was not given (${(error as Error).message})`, {
        ...(unanswered.hint === undefined ? {} : { hint: unanswered.hint }),
        cause: error,
      });
    }
    if (answer === undefined) throw missing();
    return answer;
  }

  #expand(keyPath: string): string {
    const { homeDir } = this.#options;
    if (keyPath === '~') return homeDir;
    if (keyPath.startsWith('~/')) return join(homeDir, keyPath.slice(2));
    return isAbsolute(keyPath) ? keyPath : resolve(homeDir, keyPath);
  }

  async #readKey(path: string, who: string): Promise<string | Buffer> {
    try {
      return await this.#options.readKeyFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const unusable = (message: string, hint: string): HostError => new HostError('KEY_UNUSABLE', message, { hint, cause: error });
      const checkPath = "Check the key path in the host's settings.";
      if (code === 'ENOENT') throw unusable(`${who}: key file not found: ${path}`, checkPath);
      if (code === 'EACCES' || code === 'EPERM') throw unusable(`${who}: key file not readable (permission denied): ${path}`, `Make ${path} yours and readable by you (chown to your user, chmod 600).`);
      if (code === 'EISDIR') throw unusable(`${who}: key path is a folder, not a key file: ${path}`, checkPath);
      throw unusable(`${who}: cannot read key file ${path}: ${(error as Error).message}`, checkPath);
    }
  }
}
