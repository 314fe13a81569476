// One SSH handshake over a given socket: host-key check, authentication, and a ready timeout that waits for people.
import type { Duplex } from 'node:stream';
import ssh2, { type AuthenticationType, type AuthHandlerMiddleware, type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import type { PresentedHostKey } from '../../app/trust.js';
import { hostKeyFingerprint } from './hostKeyFingerprint.js';
import { hostKeyType } from './hostKeyType.js';
import { PoolError } from './poolError.js';
import type { InteractivePromptRequest } from './poolOptions.js';
import type { PoolTarget } from './poolTarget.js';

// ssh2 is CommonJS: its named exports are reached through the default export under ESM.
const { Client, utils } = ssh2;
type Client = InstanceType<typeof Client>;

export interface HandshakeRequest {
  key: string;
  target: PoolTarget;
  /** Connected (or connecting) transport: a TCP socket, or a direct-tcpip channel through a jump host. */
  sock: Duplex;
  readyTimeoutMs: number;
  promptTimeoutMs: number;
  verifyHostKey: ((presented: PresentedHostKey, signal: AbortSignal) => Promise<void>) | undefined;
  /** The host-key algorithms to offer, most preferred first; undefined for ssh2's default. */
  serverHostKeyAlgorithms: ServerHostKeyAlgorithm[] | undefined;
  answerPrompts: ((request: InteractivePromptRequest, signal: AbortSignal) => Promise<string[]>) | undefined;
}

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

type ParsedKey = ReturnType<typeof utils.parseKey>;

/**
 * Parses the private key, so a missing or wrong passphrase gets its own message. Called before
 * any transport is opened: a key that cannot be used must not cost a TCP connection, a tunnel
 * through a bastion, or a failed login in the server's log.
 */
export function checkPrivateKey(key: string, target: PoolTarget): ParsedKey | undefined {
  if (target.privateKey === undefined) return undefined;
  const parsed = utils.parseKey(target.privateKey, target.passphrase);
  if (!(parsed instanceof Error)) return parsed;
  const msg = parsed.message;
  if (/no passphrase given/i.test(msg)) {
    throw new PoolError('KEY_UNUSABLE', `the private key for ${key} is encrypted and no passphrase was given`, key);
  }
  if (/bad passphrase|integrity check failed|bad decrypt/i.test(msg)) {
    throw new PoolError('KEY_UNUSABLE', `wrong passphrase for the private key of ${key}`, key);
  }
  throw new PoolError('KEY_UNUSABLE', `the private key for ${key} cannot be read: ${msg}`, key);
}

function describeSocketError(key: string, err: Error & { code?: string; level?: string }): PoolError {
  const code = err.code ? ` (${err.code})` : '';
  if (err.code === 'ECONNREFUSED') return new PoolError('CONNECT_FAILED', `cannot reach ${key}: connection refused${code}`, key, { cause: err });
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new PoolError('CONNECT_FAILED', `cannot reach ${key}: host name not found${code}`, key, { cause: err });
  }
  return new PoolError('CONNECT_FAILED', `SSH connection to ${key} failed: ${err.message}${code}`, key, { cause: err });
}

type HostKeyCheck = (blob: Buffer, verify: (ok: boolean) => void) => void;
type KeyboardPrompt = (name: string, instructions: string, lang: string, prompts: { prompt: string; echo?: boolean }[], finish: (answers: string[]) => void) => void;

/**
 * What ssh2 keeps calling for the life of the link. ssh2 holds its callbacks until the client is
 * gone, and a callback made inside sshHandshake would keep that whole scope alive (~1.3 KB per
 * connection). These gates are made out here and are repointed once the login is done.
 */
interface HandshakeGates {
  hostKey: HostKeyCheck;
  auth: AuthHandlerMiddleware | undefined;
  prompt: KeyboardPrompt | undefined;
}

function gatedHostVerifier(gates: HandshakeGates): HostKeyCheck {
  return (blob, verify) => gates.hostKey(blob, verify);
}

function gatedAuthHandler(gates: HandshakeGates): AuthHandlerMiddleware {
  return (left, partial, next) => (gates.auth ? gates.auth(left, partial, next) : next(false as never));
}

function gatedPrompt(gates: HandshakeGates): KeyboardPrompt {
  return (name, instructions, lang, prompts, finish) => gates.prompt?.(name, instructions, lang, prompts, finish);
}

/** After login a rekey may only present the key that was verified, as OpenSSH insists too. */
function sameHostKeyOnly(verified: Buffer): HostKeyCheck {
  return (blob, verify) => verify(blob.equals(verified));
}

/** A tunnel's EOF ends our side too (see the comment where it is attached). */
function endOwnSide(this: Duplex): void {
  this.end();
}

/** Resolves with an authenticated client, or rejects with a PoolError that names what went wrong. */
export function sshHandshake(req: HandshakeRequest): Promise<Client> {
  const { key, target, sock } = req;
  return new Promise<Client>((resolve, reject) => {
    let privateKey: ParsedKey | undefined;
    try {
      privateKey = checkPrivateKey(key, target);
    } catch (err) {
      sock.destroy();
      reject(err);
      return;
    }
    // A jump-host tunnel is a half-open channel: when the bastion's link to the target ends it
    // only sends EOF, and ssh2 would sit on the dead link until keep-alives gave up (a minute by
    // default). Ending our side too, as a TCP socket does, closes the channel and the link at once.
    sock.once('end', endOwnSide);
    const client = new Client();
    let settled = false;
    /** The precise reason, when we know more than ssh2's generic error will say. */
    let reason: Error | undefined;

    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      client.removeAllListeners('ready');
      // Late errors from a client being torn down must not become unhandled 'error' events.
      client.on('error', () => undefined);
      client.end();
      sock.destroy();
      // A question still on screen is moot now: tell whoever shows it.
      for (const question of openQuestions) question.abort(err);
      reject(err);
    };
    const openQuestions = new Set<AbortController>();
    const deadline = new PausableDeadline(req.readyTimeoutMs, () =>
      fail(new PoolError('HANDSHAKE_TIMEOUT', `SSH handshake with ${key} timed out after ${req.readyTimeoutMs} ms`, key)),
    );
    /** Runs a step that waits for a person: the handshake deadline stops, the prompt deadline starts. */
    const askPerson = <T>(what: string, ask: (signal: AbortSignal) => Promise<T>): Promise<T> => {
      deadline.pause();
      // The signal tells the asker when the question expires, so a dialog does not outlive it.
      const question = new AbortController();
      openQuestions.add(question);
      // A hook that throws instead of rejecting must not escape into ssh2's packet parser.
      return within(
        Promise.resolve().then(() => ask(question.signal)),
        req.promptTimeoutMs,
        () => {
          const err = new PoolError('PROMPT_TIMEOUT', `${what} for ${key} was not answered within ${Math.round(req.promptTimeoutMs / 1000)} s`, key);
          question.abort(err);
          return err;
        },
      ).finally(() => {
        openQuestions.delete(question);
        deadline.resume();
      });
    };

    const answer = req.answerPrompts;
    const plan: AuthenticationType[] = [];
    if (privateKey) plan.push('publickey');
    if (target.agent) plan.push('agent');
    // Keyboard-interactive needs someone to answer: the person, or the saved password for a password prompt.
    if ((target.keyboardInteractive && answer) || target.password !== undefined) plan.push('keyboard-interactive');
    if (target.password !== undefined) plan.push('password');
    const tried: string[] = [];
    let offered: string[] = [];
    let askedNone = false;
    let savedPasswordUsed = false;
    /** Why the agent could not sign, kept for the final message: ssh2 moves on to the next method. */
    let agentProblem: string | undefined;

    const promptHandler = (
      name: string,
      instructions: string,
      _lang: string,
      prompts: { prompt: string; echo?: boolean }[],
      finish: (answers: string[]) => void,
    ): void => {
      if (settled) return;
      if (prompts.length === 0) return finish([]);
      // The first lone password prompt gets the saved password, as OpenSSH does; a repeat goes to the person.
      if (target.password !== undefined && !savedPasswordUsed && prompts.length === 1 && /password/i.test(prompts[0]?.prompt ?? '')) {
        savedPasswordUsed = true;
        return finish([target.password]);
      }
      if (!answer) return finish(prompts.map(() => ''));
      const what = `the keyboard-interactive prompt "${prompts[0]?.prompt.trim() ?? ''}"`;
      const request = { key, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })) };
      askPerson(what, (signal) => answer(request, signal)).then(
        (answers) => {
          if (settled) return;
          if (!Array.isArray(answers) || answers.length !== prompts.length || answers.some((a) => typeof a !== 'string')) {
            return fail(new PoolError('AUTH_FAILED', `${what} for ${key} needs ${prompts.length} text answer(s)`, key));
          }
          finish(answers);
        },
        (err: Error) =>
          // A prompt the person dismissed is final: asking again on every reconnect would nag.
          fail(err instanceof PoolError ? err : new PoolError('AUTH_FAILED', `${what} for ${key} was not answered: ${err.message}`, key, { cause: err })),
      );
    };

    const authHandler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
      // 'none' first, as OpenSSH does: the reply lists what the server accepts, so nothing it
      // refuses is tried, and the failure message can say what it would have taken.
      if (!askedNone) {
        askedNone = true;
        return next({ type: 'none', username: target.username });
      }
      if (methodsLeft) offered = methodsLeft;
      while (plan.length > 0) {
        const method = plan.shift() as AuthenticationType;
        if (methodsLeft && !methodsLeft.includes(method === 'agent' ? 'publickey' : method)) continue;
        tried.push(method);
        const username = target.username;
        switch (method) {
          case 'publickey':
            return next({ type: 'publickey', username, key: (Array.isArray(privateKey) ? privateKey[0] : privateKey) as never });
          case 'agent':
            return next({ type: 'agent', username, agent: target.agent as string });
          case 'password':
            return next({ type: 'password', username, password: target.password as string });
          case 'keyboard-interactive':
            return next({ type: 'keyboard-interactive', username, prompt: gatedPrompt(gates) });
          default:
            continue;
        }
      }
      const accepts = offered.length > 0 ? offered.join(', ') : 'none that were asked';
      const notes: string[] = [];
      if (agentProblem) notes.push(`the ssh-agent at ${target.agent ?? ''} could not be used: ${agentProblem}`);
      if (target.keyboardInteractive && !answer && target.password === undefined) {
        notes.push('keyboard-interactive was asked for, but nothing is set up to answer its prompts');
      }
      const note = notes.length > 0 ? `; ${notes.join('; ')}` : '';
      reason = new PoolError(
        'AUTH_FAILED',
        tried.length === 0
          ? `cannot log in to ${key}: no authentication method is configured that the server accepts (server accepts: ${accepts})${note}`
          : `authentication to ${key} failed: the server accepts ${accepts}; tried ${tried.join(', ')}${note}`,
        key,
      );
      return next(false as never);
    };

    let verifiedKey: Buffer | undefined;
    const firstHostKeyCheck = (blob: Buffer, verify: (ok: boolean) => void): void => {
      const check = req.verifyHostKey;
      const accept = (): void => {
        verifiedKey = Buffer.from(blob);
        verify(true);
      };
      if (!check) return accept();
      const presented: PresentedHostKey = {
        host: target.host,
        port: target.port ?? 22,
        // Cannot throw: ssh2 only calls this once the blob's type matched the negotiated algorithm.
        keyType: hostKeyType(blob),
        fingerprint: hostKeyFingerprint(blob),
        key: new Uint8Array(blob),
      };
      // Callback form on purpose: ssh2 treats a returned Promise as "accepted".
      askPerson('the host key prompt', (signal) => check(presented, signal)).then(accept, (err: Error) => {
        reason = err instanceof PoolError ? err : new PoolError('HOST_KEY_REFUSED', err.message, key, { cause: err });
        verify(false);
      });
    };
    const gates: HandshakeGates = { hostKey: firstHostKeyCheck, auth: authHandler, prompt: promptHandler };

    const config: ConnectConfig = {
      sock: sock as ConnectConfig['sock'],
      username: target.username,
      readyTimeout: 0, // replaced by the pausable deadline above
      keepaliveInterval: 0, // the pool runs its own keep-alive so it can measure round trips
      authHandler: gatedAuthHandler(gates),
      hostVerifier: gatedHostVerifier(gates),
      ...(req.serverHostKeyAlgorithms ? { algorithms: { serverHostKey: req.serverHostKeyAlgorithms } } : {}),
    };

    client.once('ready', () => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      // Let go of this scope: ssh2 keeps the gates, which now hold only the verified key.
      gates.hostKey = verifiedKey ? sameHostKeyOnly(verifiedKey) : gates.hostKey;
      gates.auth = undefined;
      gates.prompt = undefined;
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      resolve(client);
    });
    const onError = (err: Error & { level?: string; code?: string }): void => {
      if (reason) return fail(reason);
      // An unreachable agent or a refused signature: ssh2 goes on with the next method itself.
      if (err.level === 'agent') {
        agentProblem ??= err.message;
        return;
      }
      if (err.level === 'client-authentication') {
        return fail(new PoolError('AUTH_FAILED', `authentication to ${key} failed: ${err.message}`, key, { cause: err }));
      }
      fail(describeSocketError(key, err));
    };
    const onClose = (): void => fail(reason ?? new PoolError('CONNECT_FAILED', `${key} closed the connection during the handshake`, key));
    client.on('error', onError);
    client.once('close', onClose);
    try {
      client.connect(config);
    } catch (err) {
      fail(new PoolError('CONNECT_FAILED', `SSH connection to ${key} failed: ${(err as Error).message}`, key, { cause: err }));
    }
  });
}
