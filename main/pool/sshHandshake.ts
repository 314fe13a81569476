// One SSH handshake over a given socket: host-key check, authentication, and a ready timeout that waits for people.
import type { Duplex } from 'node:stream';
import ssh2, { type ConnectConfig, type NextAuthHandler, type ServerHostKeyAlgorithm } from 'ssh2';
import type { ConnectStage } from '../../app/health.js';
import type { ConnectionKey } from '../../app/hosts.js';
import type { PresentedHostKey } from '../../app/trust.js';
import { classifySsh2Error } from './classifySsh2Error.js';
import { hostKeyFingerprint } from './hostKeyFingerprint.js';
import { hostKeyType } from './hostKeyType.js';
import { planAuthMethods, type AuthMethod, type AuthOffer } from './planAuthMethods.js';
import { PoolError } from './poolError.js';
import type { InteractivePromptRequest } from './poolOptions.js';
import type { PoolTarget } from './poolTarget.js';

// ssh2 is CommonJS: its named exports are reached through the default export under ESM.
const { Client, utils } = ssh2;
type Client = InstanceType<typeof Client>;

export interface HandshakeRequest {
  key: ConnectionKey;
  target: PoolTarget;
  /** The target's private key as parsePrivateKey gave it for this attempt: a key is decrypted once per attempt. */
  privateKey: ParsedKey | undefined;
  /** Connected (or connecting) transport: a TCP socket, or a direct-tcpip channel through a jump host. */
  sock: Duplex;
  readyTimeoutMs: number;
  promptTimeoutMs: number;
  verifyHostKey: ((presented: PresentedHostKey, signal: AbortSignal) => Promise<void>) | undefined;
  /** The host-key algorithms to offer, most preferred first; undefined for ssh2's default. */
  serverHostKeyAlgorithms: ServerHostKeyAlgorithm[] | undefined;
  answerPrompts: ((request: InteractivePromptRequest, signal: AbortSignal) => Promise<string[]>) | undefined;
  /** Told of each step until login: the transport is up, the host key is checked, a login method is tried. */
  onStage?: (stage: HandshakeStage, authMethod: string | null) => void;
}

export type HandshakeStage = Exclude<ConnectStage, 'tcp' | 'ready'>;

/** A deadline that stops counting while a person is being asked something. */
class PausableDeadline {
  private timer: NodeJS.Timeout | undefined;
  private remaining: number;
  private startedAt = 0;
  private paused = 0;

  constructor(
    ms: number,
    private readonly onExpire: () => void,
  ) {
    this.remaining = ms;
    this.arm();
  }

  pause(): void {
    if (this.paused++ === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remaining -= Date.now() - this.startedAt;
    }
  }

  resume(): void {
    if (this.paused > 0 && --this.paused === 0) this.arm();
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.paused = Number.POSITIVE_INFINITY;
  }

  private arm(): void {
    this.startedAt = Date.now();
    this.timer = setTimeout(this.onExpire, Math.max(0, this.remaining));
  }
}

/** Rejects with `onTimeout()` if `promise` has not settled within ms. */
function within<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type ParsedKey = Exclude<ReturnType<typeof utils.parseKey>, Error>;

/**
 * Parses (and decrypts) the private key, so a missing or wrong passphrase gets its own message.
 * Called once per connection attempt, before any transport is opened: a key that cannot be used
 * must not cost a TCP connection, a tunnel through a bastion, or a failed login in the server's
 * log. The result goes to the handshake, so an encrypted key's KDF runs once.
 */
export function parsePrivateKey(key: string, target: PoolTarget): ParsedKey | undefined {
  if (target.privateKey === undefined) return undefined;
  const parsed = utils.parseKey(target.privateKey, target.passphrase);
  if (!(parsed instanceof Error)) return parsed;
  switch (classifySsh2Error(parsed).kind) {
    case 'key-needs-passphrase':
      throw new PoolError('KEY_UNUSABLE', `the private key for ${key} is encrypted and no passphrase was given`, key);
    case 'key-wrong-passphrase':
      throw new PoolError('KEY_UNUSABLE', `wrong passphrase for the private key of ${key}`, key);
    default:
      throw new PoolError('KEY_UNUSABLE', `the private key for ${key} cannot be read: ${parsed.message}`, key);
  }
}

function describeSocketError(key: string, err: Error & { code?: string }): PoolError {
  const code = err.code ? ` (${err.code})` : '';
  switch (classifySsh2Error(err).kind) {
    case 'connection-refused':
      return new PoolError('CONNECT_FAILED', `cannot reach ${key}: connection refused${code}`, key, { cause: err });
    case 'host-not-found':
      return new PoolError('CONNECT_FAILED', `cannot reach ${key}: host name not found${code}`, key, { cause: err });
    default:
      return new PoolError('CONNECT_FAILED', `SSH connection to ${key} failed: ${err.message}${code}`, key, { cause: err });
  }
}

type KeyboardPrompt = (name: string, instructions: string, lang: string, prompts: { prompt: string; echo?: boolean }[], finish: (answers: string[]) => void) => void;

/** Resolves with an authenticated client, or rejects with a PoolError that names what went wrong. */
export function sshHandshake(req: HandshakeRequest): Promise<Client> {
  return new SshHandshake(req).run();
}

/** One login: ssh2 calls back into it for the host key, each auth round and each prompt. */
class SshHandshake {
  private readonly client = new Client();
  private readonly key: ConnectionKey;
  private readonly target: PoolTarget;
  private readonly offer: AuthOffer;
  private deadline: PausableDeadline | undefined;
  /** Questions on a person's screen: told to close when the handshake ends without them. */
  private readonly openQuestions = new Set<AbortController>();
  private settled = false;
  private resolve: (client: Client) => void = () => undefined;
  private reject: (err: Error) => void = () => undefined;
  /** The precise reason, when we know more than ssh2's generic error will say. */
  private reason: Error | undefined;
  private askedNone = false;
  /** What the server's last refusal said it accepts; null until it has said. */
  private serverAccepts: string[] | null = null;
  private readonly tried: AuthMethod[] = [];
  private savedPasswordUsed = false;
  /** Why the agent could not sign, kept for the final message: ssh2 moves on to the next method. */
  private agentProblem: string | undefined;
  /** The host key the person or the trust store accepted; a later key exchange must show the same. */
  private verifiedKey: Buffer | undefined;

  constructor(private readonly req: HandshakeRequest) {
    this.key = req.key;
    this.target = req.target;
    this.offer = {
      privateKey: req.privateKey !== undefined,
      agent: Boolean(req.target.agent),
      password: req.target.password !== undefined,
      keyboardInteractive: req.target.keyboardInteractive === true,
      canAnswerPrompts: req.answerPrompts !== undefined,
    };
  }

  run(): Promise<Client> {
    const { sock } = this.req;
    const done = new Promise<Client>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A jump-host tunnel is a half-open channel: when the bastion's link to the target ends it
    // only sends EOF, and ssh2 would sit on the dead link until keep-alives gave up (a minute by
    // default). Ending our side too, as a TCP socket does, closes the channel and the link at once.
    sock.once('end', () => sock.end());
    this.deadline = new PausableDeadline(this.req.readyTimeoutMs, () =>
      this.fail(new PoolError('HANDSHAKE_TIMEOUT', `SSH handshake with ${this.key} timed out after ${this.req.readyTimeoutMs} ms`, this.key)),
    );
    this.client.on('error', this.onError);
    this.client.once('close', this.onClose);
    this.client.once('ready', () => this.succeed());
    // ssh2 says 'connect' once the transport carries bytes (at once for a tunnel already open).
    this.client.once('connect', () => this.stage('key-exchange'));
    try {
      this.client.connect(this.connectConfig());
    } catch (err) {
      this.fail(new PoolError('CONNECT_FAILED', `SSH connection to ${this.key} failed: ${(err as Error).message}`, this.key, { cause: err }));
    }
    return done;
  }

  private connectConfig(): ConnectConfig {
    return {
      sock: this.req.sock,
      username: this.target.username,
      readyTimeout: 0, // replaced by the pausable deadline
      keepaliveInterval: 0, // the pool runs its own keep-alive so it can measure round trips
      authHandler: (methodsLeft, partial, next) => this.nextAuth(methodsLeft, next),
      // Callback form on purpose: ssh2 treats a returned value (a Promise too) as the answer.
      hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => this.checkHostKey(blob, verify),
      ...(this.req.serverHostKeyAlgorithms ? { algorithms: { serverHostKey: this.req.serverHostKeyAlgorithms } } : {}),
    };
  }

  private stage(step: HandshakeStage, authMethod: string | null = null): void {
    if (!this.settled) this.req.onStage?.(step, authMethod);
  }

  private succeed(): void {
    if (this.settled) return;
    this.settled = true;
    this.deadline?.cancel();
    this.client.removeListener('error', this.onError);
    this.client.removeListener('close', this.onClose);
    this.resolve(this.client);
  }

  private fail(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.deadline?.cancel();
    this.client.removeAllListeners('ready');
    // Late errors from a client being torn down must not become unhandled 'error' events.
    this.client.on('error', () => undefined);
    this.client.end();
    this.req.sock.destroy();
    // A question still on screen is moot now: tell whoever shows it.
    for (const question of this.openQuestions) question.abort(err);
    this.reject(err);
  }

  private readonly onError = (err: Error): void => {
    if (this.reason) return this.fail(this.reason);
    switch (classifySsh2Error(err).kind) {
      case 'agent-failed':
        // An unreachable agent or a refused signature: ssh2 goes on with the next method itself.
        this.agentProblem ??= err.message;
        return;
      case 'auth-failed':
        return this.fail(new PoolError('AUTH_FAILED', `authentication to ${this.key} failed: ${err.message}`, this.key, { cause: err }));
      default:
        return this.fail(describeSocketError(this.key, err));
    }
  };

  private readonly onClose = (): void =>
    this.fail(this.reason ?? new PoolError('CONNECT_FAILED', `${this.key} closed the connection during the handshake`, this.key));

  /** Runs a step that waits for a person: the handshake deadline stops, the prompt deadline starts. */
  private askPerson<T>(what: string, ask: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.deadline?.pause();
    // The signal tells the asker when the question expires, so a dialog does not outlive it.
    const question = new AbortController();
    this.openQuestions.add(question);
    const ms = this.req.promptTimeoutMs;
    // A hook that throws instead of rejecting must not escape into ssh2's packet parser.
    return within(
      Promise.resolve().then(() => ask(question.signal)),
      ms,
      () => {
        const err = new PoolError('PROMPT_TIMEOUT', `${what} for ${this.key} was not answered within ${Math.round(ms / 1000)} s`, this.key);
        question.abort(err);
        return err;
      },
    ).finally(() => {
      this.openQuestions.delete(question);
      this.deadline?.resume();
    });
  }

  private checkHostKey(blob: Buffer, verify: (ok: boolean) => void): void {
    // After the first check (a rekey, even after login) only the verified key is accepted, as OpenSSH insists.
    if (this.verifiedKey) return verify(blob.equals(this.verifiedKey));
    const accept = (): void => {
      this.verifiedKey = Buffer.from(blob);
      this.stage('authenticating');
      verify(true);
    };
    this.stage('host-key');
    const check = this.req.verifyHostKey;
    if (!check) return accept();
    const presented: PresentedHostKey = {
      host: this.target.host,
      port: this.target.port ?? 22,
      // Cannot throw: ssh2 only calls this once the blob's type matched the negotiated algorithm.
      keyType: hostKeyType(blob),
      fingerprint: hostKeyFingerprint(blob),
      key: new Uint8Array(blob),
    };
    this.askPerson('the host key prompt', (signal) => check(presented, signal)).then(accept, (err: Error) => {
      this.reason = err instanceof PoolError ? err : new PoolError('HOST_KEY_REFUSED', err.message, this.key, { cause: err });
      verify(false);
    });
  }

  private nextAuth(methodsLeft: string[] | null, next: NextAuthHandler): void {
    const username = this.target.username;
    // 'none' first, as OpenSSH does: the reply lists what the server accepts, so nothing it
    // refuses is tried, and the failure message can say what it would have taken.
    if (!this.askedNone) {
      this.askedNone = true;
      return next({ type: 'none', username });
    }
    if (methodsLeft) this.serverAccepts = methodsLeft;
    const method = planAuthMethods(this.offer, this.serverAccepts, this.tried)[0];
    if (method) {
      this.tried.push(method);
      this.stage('authenticating', method);
    }
    switch (method) {
      case 'publickey': {
        const key = this.req.privateKey;
        return next({ type: 'publickey', username, key: (Array.isArray(key) ? key[0] : key) as never });
      }
      case 'agent':
        return next({ type: 'agent', username, agent: this.target.agent as string });
      case 'password':
        return next({ type: 'password', username, password: this.target.password as string });
      case 'keyboard-interactive':
        return next({ type: 'keyboard-interactive', username, prompt: this.answerPrompt });
      case undefined:
        this.reason = this.noMethodLeft();
        return next(false as never);
    }
  }

  private noMethodLeft(): PoolError {
    const accepts = this.serverAccepts && this.serverAccepts.length > 0 ? this.serverAccepts.join(', ') : 'none that were asked';
    const notes: string[] = [];
    if (this.agentProblem) notes.push(`the ssh-agent at ${this.target.agent ?? ''} could not be used: ${this.agentProblem}`);
    if (this.offer.keyboardInteractive && !this.offer.canAnswerPrompts && !this.offer.password) {
      notes.push('keyboard-interactive was asked for, but nothing is set up to answer its prompts');
    }
    const note = notes.length > 0 ? `; ${notes.join('; ')}` : '';
    return new PoolError(
      'AUTH_FAILED',
      this.tried.length === 0
        ? `cannot log in to ${this.key}: no authentication method is configured that the server accepts (server accepts: ${accepts})${note}`
        : `authentication to ${this.key} failed: the server accepts ${accepts}; tried ${this.tried.join(', ')}${note}`,
      this.key,
    );
  }

  private readonly answerPrompt: KeyboardPrompt = (name, instructions, _lang, prompts, finish) => {
    if (this.settled) return;
    if (prompts.length === 0) return finish([]);
    const { password } = this.target;
    // The first lone password prompt gets the saved password, as OpenSSH does; a repeat goes to the person.
    if (password !== undefined && !this.savedPasswordUsed && prompts.length === 1 && /password/i.test(prompts[0]?.prompt ?? '')) {
      this.savedPasswordUsed = true;
      return finish([password]);
    }
    const answer = this.req.answerPrompts;
    if (!answer) return finish(prompts.map(() => ''));
    const what = `the keyboard-interactive prompt "${prompts[0]?.prompt.trim() ?? ''}"`;
    const request = { key: this.key, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })) };
    this.askPerson(what, (signal) => answer(request, signal)).then(
      (answers) => {
        if (this.settled) return;
        if (!Array.isArray(answers) || answers.length !== prompts.length || answers.some((a) => typeof a !== 'string')) {
          return this.fail(new PoolError('AUTH_FAILED', `${what} for ${this.key} needs ${prompts.length} text answer(s)`, this.key));
        }
        finish(answers);
      },
      (err: Error) =>
        // A prompt the person dismissed is final: asking again on every reconnect would nag.
        this.fail(err instanceof PoolError ? err : new PoolError('AUTH_FAILED', `${what} for ${this.key} was not answered: ${err.message}`, this.key, { cause: err })),
    );
  };
}
