// The questions the core is waiting on, one shown at a time in arrival order, and the notes about those that expired.
import type { AuthPromptEvent, HostKeyPromptEvent } from '../../app/api.js';
import { formatHostPort } from '../../app/hosts.js';

export type QueuedPrompt = { kind: 'host-key'; event: HostKeyPromptEvent } | { kind: 'auth'; event: AuthPromptEvent };

export interface ExpiredNote {
  /** The expired prompt's id: unique, and what dismissing names. */
  id: string;
  text: string;
}

export interface PromptQueue {
  /** The first is the one on screen. */
  prompts: QueuedPrompt[];
  expired: ExpiredNote[];
}

export type PromptQueueAction =
  | { type: 'asked'; prompt: QueuedPrompt }
  | { type: 'answered'; promptId: string }
  | { type: 'expired'; promptId: string; message: string }
  | { type: 'dismissed'; id: string };

export const EMPTY_PROMPT_QUEUE: PromptQueue = { prompts: [], expired: [] };

/** Who is asking, as the note about an expired question names it. */
export function promptAsker(prompt: QueuedPrompt): string {
  if (prompt.kind === 'auth') return prompt.event.key;
  return formatHostPort(prompt.event.host, prompt.event.port);
}

export function promptQueue(state: PromptQueue, action: PromptQueueAction): PromptQueue {
  switch (action.type) {
    case 'asked':
      // A transport that delivers an event twice must not make the person answer twice.
      if (state.prompts.some((p) => p.event.promptId === action.prompt.event.promptId)) return state;
      return { ...state, prompts: [...state.prompts, action.prompt] };
    case 'answered':
      return { ...state, prompts: state.prompts.filter((p) => p.event.promptId !== action.promptId) };
    case 'expired': {
      const prompt = state.prompts.find((p) => p.event.promptId === action.promptId);
      // Already answered here, or never shown: nothing the person needs to hear about.
      if (!prompt) return state;
      const what = prompt.kind === 'host-key' ? 'host-key question' : 'login question';
      const note = { id: action.promptId, text: `The ${what} from ${promptAsker(prompt)} was closed: ${action.message}` };
      return { prompts: state.prompts.filter((p) => p !== prompt), expired: [...state.expired, note] };
    }
    case 'dismissed':
      return { ...state, expired: state.expired.filter((n) => n.id !== action.id) };
  }
}
