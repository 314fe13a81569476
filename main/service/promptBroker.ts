// Questions the core asks the person (unknown host keys, keyboard-interactive), relayed to whichever UI listens.
import type { AuthPromptEvent, HostKeyPromptEvent } from '../../app/api.js';
import { formatHostPort } from '../../app/hosts.js';
import type { UnknownHostKeyPrompt } from '../../app/trust.js';

interface InteractiveRequest {
  key: string;
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
  private readonly hostKeyListeners = new Set<(p: HostKeyPromptEvent) => void>();
  private readonly authListeners = new Set<(p: AuthPromptEvent) => void>();
  private readonly expiredListeners = new Set<(promptId: string, message: string) => void>();

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
      for (const cb of this.hostKeyListeners) cb(event);
    });
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
      for (const cb of this.authListeners) cb(event);
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
    this.hostKeyListeners.add(cb);
    return () => this.hostKeyListeners.delete(cb);
  }

  onAuthPrompt(cb: (p: AuthPromptEvent) => void): () => void {
    this.authListeners.add(cb);
    return () => this.authListeners.delete(cb);
  }

  onPromptExpired(cb: (promptId: string, message: string) => void): () => void {
    this.expiredListeners.add(cb);
    return () => this.expiredListeners.delete(cb);
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
      for (const cb of this.expiredListeners) cb(promptId, reason.message);
    };
    if (signal.aborted) expire();
    else signal.addEventListener('abort', expire, { once: true });
  }
}
