// Hosts typed into quick connect: the logins OpenSSH would try for them, and the unsaved entries that got in.
import { join } from 'node:path';
import type { QuickConnectAuth } from '../../app/api.js';
import { DEFAULT_SSH_PORT, formatEndpoint, type SavedHostDraft } from '../../app/hosts.js';
import type { PoolTarget } from '../pool/poolTarget.js';
import { isEncryptedKey } from './isEncryptedKey.js';

/** A quick-connect host after validation. */
export interface QuickEndpoint {
  username: string;
  host: string;
  port?: number | undefined;
  password?: string | undefined;
}

/** One way in to try: what the pool gets, and what "Save host" would save if it works. */
export interface QuickLogin {
  auth: QuickConnectAuth;
  /** For messages: "ssh-agent", "~/.ssh/id_ed25519", "the password". */
  label: string;
  credentials: Pick<PoolTarget, 'agent' | 'privateKey' | 'password'>;
}

interface QuickHost {
  endpoint: Required<Pick<QuickEndpoint, 'username' | 'host' | 'port'>>;
  login: QuickLogin;
}

export interface QuickHostsOptions {
  homeDir: string;
  /** SSH_AUTH_SOCK, as the service is configured. */
  agentSocket?: string | undefined;
  readKeyFile: (path: string) => Promise<string | Buffer>;
  /** The keep-alive of the person's settings; quick hosts set none of their own. */
  defaultKeepalive?: () => { intervalMs: number; countMax: number };
}

/** The identities OpenSSH tries by default, in its order (ssh_config IdentityFile), that Skein can use. */
const DEFAULT_KEY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

export class QuickHosts {
  readonly #options: QuickHostsOptions;
  readonly #hosts = new Map<string, QuickHost>();
  #next = 1;

  constructor(options: QuickHostsOptions) {
    this.#options = options;
  }

  /**
   * ssh-agent, then the default keys that exist, can be read and need no passphrase, then the
   * password if given. `skipped` says why a default key is left out, for the failure message.
   */
  async logins(endpoint: QuickEndpoint): Promise<{ logins: QuickLogin[]; skipped: string[] }> {
    const logins: QuickLogin[] = [];
    const skipped: string[] = [];
    const agent = this.#options.agentSocket;
    if (agent !== undefined && agent !== '') logins.push({ auth: { method: 'agent' }, label: 'ssh-agent', credentials: { agent } });
    else skipped.push('ssh-agent (SSH_AUTH_SOCK is not set)');
    for (const name of DEFAULT_KEY_NAMES) {
      const keyPath = join(this.#options.homeDir, '.ssh', name);
      const label = `~/.ssh/${name}`;
      let privateKey: string | Buffer;
      try {
        privateKey = await this.#options.readKeyFile(keyPath);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A default key that is not there is the usual case, not worth a word.
        if (code !== 'ENOENT') skipped.push(`${label} (cannot be read: ${code ?? (error as Error).message})`);
        continue;
      }
      if (isEncryptedKey(privateKey)) {
        skipped.push(`${label} (encrypted; save the host with the key and its passphrase to use it)`);
        continue;
      }
      logins.push({ auth: { method: 'key', keyPath }, label, credentials: { privateKey } });
    }
    if (endpoint.password !== undefined) logins.push({ auth: { method: 'password' }, label: 'the password', credentials: { password: endpoint.password } });
    return { logins, skipped };
  }

  /** What the pool dials for `endpoint` with `login`. */
  target(endpoint: QuickEndpoint, login: QuickLogin): PoolTarget {
    const target: PoolTarget = { host: endpoint.host, port: endpoint.port ?? DEFAULT_SSH_PORT, username: endpoint.username, ...login.credentials };
    const keepalive = this.#options.defaultKeepalive?.();
    if (keepalive) {
      target.keepaliveIntervalMs = keepalive.intervalMs;
      target.keepaliveCountMax = keepalive.countMax;
    }
    return target;
  }

  /** Remembers a login that got in; the same user@host:port typed again keeps its id. */
  add(endpoint: QuickEndpoint, login: QuickLogin): string {
    const entry: QuickHost = { endpoint: { username: endpoint.username, host: endpoint.host, port: endpoint.port ?? DEFAULT_SSH_PORT }, login };
    for (const [id, known] of this.#hosts) {
      const e = known.endpoint;
      if (e.username === entry.endpoint.username && e.host === entry.endpoint.host && e.port === entry.endpoint.port) {
        this.#hosts.set(id, entry);
        return id;
      }
    }
    const id = `quick:${this.#next++}`;
    this.#hosts.set(id, entry);
    return id;
  }

  /** The pool target of a quick host, or undefined for an id that is not one. */
  targetOf(id: string): PoolTarget | undefined {
    const entry = this.#hosts.get(id);
    return entry && this.target(entry.endpoint, entry.login);
  }

  /** The saved host a quick host becomes, and the secret that goes with it. */
  draftOf(id: string, label?: string): { draft: SavedHostDraft; password?: string } | undefined {
    const entry = this.#hosts.get(id);
    if (!entry) return undefined;
    const { username, host, port } = entry.endpoint;
    const { auth, credentials } = entry.login;
    const shown = port === DEFAULT_SSH_PORT ? `${username}@${host}` : formatEndpoint(entry.endpoint);
    const draft: SavedHostDraft = { label: label ?? shown, host, port, username, auth };
    return credentials.password === undefined ? { draft } : { draft, password: credentials.password };
  }

  forget(id: string): void {
    this.#hosts.delete(id);
  }
}
