// Questions the core asks the person (unknown host keys, keyboard-interactive), relayed to whichever UI listens.
import type { AuthPromptEvent, HostKeyPromptEvent } from '../../app/api.js';
import { formatHostPort, type ConnectionKey } from '../../app/hosts.js';
import { Listeners } from '../../app/listeners.js';
import type { UnknownHostKeyPrompt } from '../../app/trust.js';

interface InteractiveRequest {
  key: ConnectionKey;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
}

export class PromptBroker {
  private nextId = 1;
  private readonly hostKeyPending = new Map<string, Pending<boolean>>();
  private readonly authPending = new Map<string, Pending<string[]>>();
  private readonly hostKeyListeners = this.listeners<[HostKeyPromptEvent]>('onHostKeyPrompt');
  private readonly authListeners = this.listeners<[AuthPromptEvent]>('onAuthPrompt');
  private readonly expiredListeners = this.listeners<[promptId: string, message: string]>('onPromptExpired');

  /** @param listenerFailed told when a UI's listener throws; the other listeners still hear the prompt. */
  constructor(private readonly listenerFailed?: (event: string, error: unknown) => void) {}

  /** Resolves with the person's decision. With no UI listening, nobody can decide: it is refused. */
  askHostKey(prompt: UnknownHostKeyPrompt, signal?: AbortSignal): Promise<boolean> {
    if (this.hostKeyListeners.size === 0) {
      return Promise.reject(
        new Error(`the host key of ${formatHostPort(prompt.host, prompt.port)} (${prompt.keyType} ${prompt.fingerprint}) is unknown and no window is open to confirm it`),
      );
    }
    const promptId = `hk${this.nextId++}`;
    return new Promise<boolean>((resolve, reject) => {
      this.hostKeyPending.set(promptId, { resolve, reject });
      this.expireWith(signal, promptId, this.hostKeyPending);
      const event: HostKeyPromptEvent = { promptId, ...prompt };
      this.hostKeyListeners.emit(event);
    });
  }

  /** Whether a UI listens for login questions: with none, asking is refused at once. */
  canAskAuth(): boolean {
    return this.authListeners.size > 0;
  }

  askAuth(request: InteractiveRequest, signal?: AbortSignal): Promise<string[]> {
    if (this.authListeners.size === 0) {
      return Promise.reject(new Error(`${request.key} asks "${request.prompts[0]?.prompt.trim() ?? ''}" and no window is open to answer it`));
    }
    const promptId = `ap${this.nextId++}`;
    return new Promise<string[]>((resolve, reject) => {
      this.authPending.set(promptId, { resolve, reject });
      this.expireWith(signal, promptId, this.authPending);
      const event: AuthPromptEvent = { promptId, key: request.key, name: request.name, instructions: request.instructions, prompts: request.prompts };
      this.authListeners.emit(event);
    });
  }

  answerHostKey(promptId: string, trust: boolean): void {
    const p = this.hostKeyPending.get(promptId);
    if (!p) return; // answered elsewhere or timed out
    this.hostKeyPending.delete(promptId);
    p.resolve(trust === true);
  }

  answerAuth(promptId: string, answers: string[] | null): void {
    const p = this.authPending.get(promptId);
    if (!p) return;
    this.authPending.delete(promptId);
    if (answers === null) p.reject(new Error('the person cancelled the login prompt'));
    else if (!Array.isArray(answers) || answers.some((a) => typeof a !== 'string')) p.reject(new Error('prompt answers must be a list of strings'));
    else p.resolve(answers);
  }

  onHostKeyPrompt(cb: (p: HostKeyPromptEvent) => void): () => void {
    return this.hostKeyListeners.add(cb);
  }

  onAuthPrompt(cb: (p: AuthPromptEvent) => void): () => void {
    return this.authListeners.add(cb);
  }

  onPromptExpired(cb: (promptId: string, message: string) => void): () => void {
    return this.expiredListeners.add(cb);
  }

  private listeners<A extends unknown[]>(event: string): Listeners<A> {
    return new Listeners<A>((error) => this.listenerFailed?.(event, error));
  }

  /** When the asker gives up, the prompt is dropped and the UI told, so no dead dialog stays open. */
  private expireWith<T>(signal: AbortSignal | undefined, promptId: string, pending: Map<string, Pending<T>>): void {
    if (!signal) return;
    const expire = (): void => {
      const p = pending.get(promptId);
      if (!p) return;
      pending.delete(promptId);
      const reason = signal.reason instanceof Error ? signal.reason : new Error('the prompt expired');
      p.reject(reason);
      this.expiredListeners.emit(promptId, reason.message);
    };
    if (signal.aborted) expire();
    else signal.addEventListener('abort', expire, { once: true });
  }
}
