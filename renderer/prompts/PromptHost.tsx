// Listens for the core's questions while the window is open and shows them one at a time; says when one expired.
import { useEffect, useReducer } from 'react';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { AuthDialog } from './AuthDialog.js';
import { HostKeyDialog } from './HostKeyDialog.js';
import { EMPTY_PROMPT_QUEUE, promptQueue } from './promptQueue.js';
import './prompts.css';

/**
 * Mounted once by the window. Subscribing is what tells the core a window can answer: when this
 * unmounts it unsubscribes, and the core fails the next question at once instead of waiting.
 */
export function PromptHost() {
  const api = useSkeinApi();
  const [state, dispatch] = useReducer(promptQueue, EMPTY_PROMPT_QUEUE);

  useEffect(() => {
    const offs = [
      api.onHostKeyPrompt((event) => dispatch({ type: 'asked', prompt: { kind: 'host-key', event } })),
      api.onAuthPrompt((event) => dispatch({ type: 'asked', prompt: { kind: 'auth', event } })),
      api.onPromptExpired((promptId, message) => dispatch({ type: 'expired', promptId, message })),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);

  const current = state.prompts[0];
  const waiting = state.prompts.length - 1;

  return (
    <>
      {current?.kind === 'host-key' && (
        <HostKeyDialog
          key={current.event.promptId}
          prompt={current.event}
          waiting={waiting}
          onAnswer={(trust) => {
            dispatch({ type: 'answered', promptId: current.event.promptId });
            api.answerHostKeyPrompt(current.event.promptId, trust);
          }}
        />
      )}
      {current?.kind === 'auth' && (
        <AuthDialog
          key={current.event.promptId}
          prompt={current.event}
          waiting={waiting}
          onAnswer={(answers) => {
            dispatch({ type: 'answered', promptId: current.event.promptId });
            api.answerAuthPrompt(current.event.promptId, answers);
          }}
        />
      )}
      <div className="prompt-notes" role="status" aria-live="polite">
        {state.expired.map((note) => (
          <div key={note.id} className="prompt-note" data-testid="prompt-expired">
            <span aria-hidden="true">⏱</span>
            <span className="prompt-note-text">{note.text}</span>
            <button type="button" onClick={() => dispatch({ type: 'dismissed', id: note.id })} aria-label={`Dismiss: ${note.text}`}>
              ×
            </button>
          </div>
        ))}
      </div>
    </>
  );
}
