// One SSH handshake over a given socket: host-key check, authentication, and a ready timeout that waits for people.
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import ssh2, { type AuthenticationType, type AuthHandlerMiddleware, type ConnectConfig } from 'ssh2';
import type { PresentedHostKey } from '../../app/trust.js';
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
  verifyHostKey: ((presented: PresentedHostKey) => Promise<void>) | undefined;
  answerPrompts: ((request: InteractivePromptRequest) => Promise<string[]>) | undefined;
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

/** Reads the key type (the first SSH string) out of a public key blob. */
function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

export function sha256Fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Parses the private key up front, so a missing or wrong passphrase gets its own message. */
function parsePrivateKey(key: string, target: PoolTarget): ReturnType<typeof utils.parseKey> | undefined {
  if (target.privateKey === undefined) return undefined;
  const parsed = utils.parseKey(target.privateKey, target.passphrase);
  if (!(parsed instanceof Error)) return parsed;
  const msg = parsed.message;
  if (/no passphrase given/i.test(msg)) {
    throw new PoolError('KEY_UNUSABLE', `the private key for ${key} is encrypted and no passphrase was given`, key);
  }
  if (/bad passphrase|integrity check failed/i.test(msg)) {
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

/** Resolves with an authenticated client, or rejects with a PoolError that names what went wrong. */
export function sshHandshake(req: HandshakeRequest): Promise<Client> {
  const { key, target, sock } = req;
  return new Promise<Client>((resolve, reject) => {
    let privateKey: ReturnType<typeof parsePrivateKey>;
    try {
      privateKey = parsePrivateKey(key, target);
    } catch (err) {
      sock.destroy();
      reject(err);
      return;
    }
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
      reject(err);
    };
    const deadline = new PausableDeadline(req.readyTimeoutMs, () =>
      fail(new PoolError('HANDSHAKE_TIMEOUT', `SSH handshake with ${key} timed out after ${req.readyTimeoutMs} ms`, key)),
    );
    /** Runs a step that waits for a person: the handshake deadline stops, the prompt deadline starts. */
    const askPerson = <T>(what: string, ask: () => Promise<T>): Promise<T> => {
      deadline.pause();
      return within(ask(), req.promptTimeoutMs, () =>
        new PoolError('PROMPT_TIMEOUT', `${what} for ${key} was not answered within ${Math.round(req.promptTimeoutMs / 1000)} s`, key),
      ).finally(() => deadline.resume());
    };

    const plan: AuthenticationType[] = [];
    if (privateKey) plan.push('publickey');
    if (target.agent) plan.push('agent');
    if (target.keyboardInteractive || target.password !== undefined) plan.push('keyboard-interactive');
    if (target.password !== undefined) plan.push('password');
    const tried: string[] = [];
    let offered: string[] = [];

    const authHandler: AuthHandlerMiddleware = (methodsLeft, _partial, next) => {
      if (methodsLeft) offered = methodsLeft;
      while (plan.length > 0) {
        const method = plan.shift() as AuthenticationType;
        if (methodsLeft && !methodsLeft.includes(method)) continue;
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
            return next({
              type: 'keyboard-interactive',
              username,
              prompt: (name, instructions, _lang, prompts, finish) => {
                if (prompts.length === 0) return finish([]);
                // A lone password prompt is answered with the saved password, as OpenSSH does.
                if (target.password !== undefined && prompts.length === 1 && /password/i.test(prompts[0]?.prompt ?? '')) {
                  return finish([target.password]);
                }
                const answer = req.answerPrompts;
                if (!answer) return finish(prompts.map(() => ''));
                const request = { key, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo ?? false })) };
                askPerson(`the keyboard-interactive prompt "${prompts[0]?.prompt.trim() ?? ''}"`, () => answer(request)).then(
                  (answers) => finish(answers),
                  (err: Error) => fail(err),
                );
              },
            });
          default:
            continue;
        }
      }
      const accepts = offered.length > 0 ? offered.join(', ') : 'none that were asked';
      reason = new PoolError(
        'AUTH_FAILED',
        tried.length === 0
          ? `cannot log in to ${key}: no authentication method is configured that the server accepts (server accepts: ${accepts})`
          : `authentication to ${key} failed: the server accepts ${accepts}; tried ${tried.join(', ')}`,
        key,
      );
      return next(false as never);
    };

    const config: ConnectConfig = {
      sock: sock as ConnectConfig['sock'],
      username: target.username,
      readyTimeout: 0, // replaced by the pausable deadline above
      keepaliveInterval: 0, // the pool runs its own keep-alive so it can measure round trips
      authHandler,
      hostVerifier: (blob: Buffer, verify: (ok: boolean) => void): void => {
        const check = req.verifyHostKey;
        if (!check) return verify(true);
        const presented: PresentedHostKey = {
          host: target.host,
          port: target.port ?? 22,
          keyType: keyTypeOf(blob),
          fingerprint: sha256Fingerprint(blob),
          key: new Uint8Array(blob),
        };
        // Callback form on purpose: ssh2 treats a returned Promise as "accepted".
        askPerson('the host key prompt', () => check(presented)).then(
          () => verify(true),
          (err: Error) => {
            reason = err instanceof PoolError ? err : new PoolError('HOST_KEY_REFUSED', err.message, key, { cause: err });
            verify(false);
          },
        );
      },
    };

    client.once('ready', () => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      client.removeListener('error', onError);
      client.removeListener('close', onClose);
      resolve(client);
    });
    const onError = (err: Error & { level?: string; code?: string }): void => {
      if (reason) return fail(reason);
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
