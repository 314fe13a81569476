// The pool's tunables: documented defaults, and validation that names the option and its range.
import type { ConnectionKey } from '../../app/hosts.js';
import type { PresentedHostKey } from '../../app/trust.js';

export interface ReconnectPolicy {
  /** How many times a lost connection that carried channels is re-established before giving up. */
  attempts: number;
  /** Delay before the first attempt; doubles with each further attempt. */
  baseDelayMs: number;
  /** Cap on the delay between attempts. */
  maxDelayMs: number;
  /** Fraction (0..1) of each delay that is randomised, so many clients do not retry in lockstep. */
  jitter: number;
}

/** One keyboard-interactive round (2FA codes, password prompts) relayed to the person. */
export interface InteractivePromptRequest {
  /** Pool key of the connection asking. */
  key: ConnectionKey;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

export interface PoolOptions {
  /** Session channels (shells, exec) per connection before the next connection is used. Default 10, OpenSSH's MaxSessions. */
  maxChannelsPerConnection: number;
  /** Connections to one pool key. Default 3. */
  maxConnectionsPerHost: number;
  /** Keep-alive probe interval. Default 15000; 0 turns keep-alives off (ServerAliveInterval 0). */
  keepaliveIntervalMs: number;
  /** Unanswered probes after which the link is declared dead. Default 3. */
  keepaliveCountMax: number;
  /** Limit on TCP connect + SSH handshake + authentication, not counting time spent waiting for the person. Default 20000. */
  readyTimeoutMs: number;
  /** How long a connection with no channels lingers (like ControlPersist). Default 300000. */
  idleTimeoutMs: number;
  /** How long a channel request waits for a free slot. Default 30000. */
  acquireTimeoutMs: number;
  /** Connections across all hosts. Default 64. */
  maxConnections: number;
  /** Default { attempts: 8, baseDelayMs: 500, maxDelayMs: 30000, jitter: 0.3 }. */
  reconnect: ReconnectPolicy;
  /** How long an interactive prompt may wait for an answer. Default 120000. */
  promptTimeoutMs: number;
  /**
   * Bytes a shell's server may send ahead of what Skein has read (its SSH channel window; ssh2
   * grants 2 MiB). Everything in flight is drawn after Ctrl-C before the prompt shows, so a shell
   * keeps it small: 128 KiB is about 20 ms of drawing in a terminal that draws 7 MB/s, and still
   * 1.3 MB/s of output over a 100 ms link. Exec and forwards keep ssh2's 2 MiB. Default 131072.
   */
  shellWindowBytes: number;
  /**
   * Called before any authentication is sent; reject to refuse the server. Default: none, every
   * key is accepted, so the service layer always passes the known_hosts verifier. The signal
   * aborts when the question is moot (prompt timeout, connection gone): close any dialog then.
   */
  verifyHostKey: ((presented: PresentedHostKey, signal: AbortSignal) => Promise<void>) | undefined;
  /**
   * The key types already known for host:port (e.g. in known_hosts). Their algorithms are offered
   * first, as OpenSSH does, so a server with several host keys shows one that can be checked.
   * Asked before every handshake (jump hops and reconnects too). Default: none, ssh2's own order.
   */
  knownHostKeyTypes: ((host: string, port: number) => Promise<readonly string[]>) | undefined;
  /** Answers keyboard-interactive prompts; the signal aborts when they expire. Default: none, so the method is not offered. */
  answerPrompts: ((request: InteractivePromptRequest, signal: AbortSignal) => Promise<string[]>) | undefined;
  /** Random source for backoff jitter, in [0, 1). Default Math.random. */
  random: () => number;
}

export type PoolOptionsInput = Partial<Omit<PoolOptions, 'reconnect'>> & { reconnect?: Partial<ReconnectPolicy> };

const DEFAULT_RECONNECT: ReconnectPolicy = Object.freeze({
  attempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.3,
});

export const DEFAULT_POOL_OPTIONS: Readonly<Omit<PoolOptions, 'verifyHostKey' | 'knownHostKeyTypes' | 'answerPrompts' | 'random' | 'reconnect'>> =
  Object.freeze({
    maxChannelsPerConnection: 10,
    maxConnectionsPerHost: 3,
    keepaliveIntervalMs: 15_000,
    keepaliveCountMax: 3,
    readyTimeoutMs: 20_000,
    idleTimeoutMs: 300_000,
    acquireTimeoutMs: 30_000,
    maxConnections: 64,
    promptTimeoutMs: 120_000,
    shellWindowBytes: 128 * 1024,
  });

/** Allowed integer ranges, inclusive. */
const RANGES = {
  maxChannelsPerConnection: [1, 1000],
  maxConnectionsPerHost: [1, 100],
  keepaliveIntervalMs: [50, 3_600_000],
  keepaliveCountMax: [1, 100],
  readyTimeoutMs: [100, 600_000],
  idleTimeoutMs: [0, 86_400_000],
  acquireTimeoutMs: [0, 600_000],
  maxConnections: [1, 10_000],
  promptTimeoutMs: [1_000, 3_600_000],
  // Up to ssh2's own window; under 32 KiB (one SSH packet) a shell would crawl.
  shellWindowBytes: [32 * 1024, 2 * 1024 * 1024],
  'reconnect.attempts': [0, 1000],
  'reconnect.baseDelayMs': [0, 600_000],
  'reconnect.maxDelayMs': [0, 3_600_000],
} as const;

export type RangedOption = keyof typeof RANGES;

export function checkInteger(name: RangedOption, value: unknown): number {
  const [min, max] = RANGES[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`pool option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/**
 * 0 is "off", as ServerAliveInterval 0 is in OpenSSH; any other interval must be in its range, as
 * probes every few milliseconds would flood the link.
 */
export function checkKeepaliveInterval(value: unknown): number {
  if (value === 0) return 0;
  const [min, max] = RANGES.keepaliveIntervalMs;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`pool option keepaliveIntervalMs must be 0 (off) or an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export function resolvePoolOptions(input: PoolOptionsInput = {}): PoolOptions {
  if (typeof input !== 'object' || input === null) throw new TypeError('pool options must be an object');
  const known = new Set([...Object.keys(DEFAULT_POOL_OPTIONS), 'reconnect', 'verifyHostKey', 'knownHostKeyTypes', 'answerPrompts', 'random']);
  for (const name of Object.keys(input)) {
    if (!known.has(name)) throw new TypeError(`unknown pool option ${name}; known options: ${[...known].join(', ')}`);
  }
  const pick = (name: keyof typeof DEFAULT_POOL_OPTIONS): number =>
    checkInteger(name, input[name] ?? DEFAULT_POOL_OPTIONS[name]);

  const r = { ...DEFAULT_RECONNECT, ...(input.reconnect ?? {}) };
  const reconnect: ReconnectPolicy = {
    attempts: checkInteger('reconnect.attempts', r.attempts),
    baseDelayMs: checkInteger('reconnect.baseDelayMs', r.baseDelayMs),
    maxDelayMs: checkInteger('reconnect.maxDelayMs', r.maxDelayMs),
    jitter: r.jitter,
  };
  if (typeof reconnect.jitter !== 'number' || !(reconnect.jitter >= 0 && reconnect.jitter <= 1)) {
    throw new RangeError(`pool option reconnect.jitter must be a number from 0 to 1, got ${String(reconnect.jitter)}`);
  }
  if (reconnect.maxDelayMs < reconnect.baseDelayMs) {
    throw new RangeError(
      `pool option reconnect.maxDelayMs (${reconnect.maxDelayMs}) must be at least reconnect.baseDelayMs (${reconnect.baseDelayMs})`,
    );
  }
  for (const fn of ['verifyHostKey', 'knownHostKeyTypes', 'answerPrompts', 'random'] as const) {
    if (input[fn] !== undefined && typeof input[fn] !== 'function') {
      throw new TypeError(`pool option ${fn} must be a function`);
    }
  }
  return {
    maxChannelsPerConnection: pick('maxChannelsPerConnection'),
    maxConnectionsPerHost: pick('maxConnectionsPerHost'),
    keepaliveIntervalMs: checkKeepaliveInterval(input.keepaliveIntervalMs ?? DEFAULT_POOL_OPTIONS.keepaliveIntervalMs),
    keepaliveCountMax: pick('keepaliveCountMax'),
    readyTimeoutMs: pick('readyTimeoutMs'),
    idleTimeoutMs: pick('idleTimeoutMs'),
    acquireTimeoutMs: pick('acquireTimeoutMs'),
    maxConnections: pick('maxConnections'),
    promptTimeoutMs: pick('promptTimeoutMs'),
    shellWindowBytes: pick('shellWindowBytes'),
    reconnect,
    verifyHostKey: input.verifyHostKey,
    knownHostKeyTypes: input.knownHostKeyTypes,
    answerPrompts: input.answerPrompts,
    random: input.random ?? Math.random,
  };
}

/** Delay before reconnect attempt n (1-based): exponential, capped, with symmetric jitter. */
export function reconnectDelayMs(policy: ReconnectPolicy, attempt: number, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const spread = exp * policy.jitter;
  return Math.max(0, Math.round(exp - spread + 2 * spread * random()));
}
