// A server's login questions (password, key passphrase, two-factor code): each answer hidden when the server says so.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AuthPromptEvent } from '../../app/api.js';
import { authPromptWords } from './authPromptWords.js';
import { ModalDialog } from './ModalDialog.js';

export interface AuthDialogProps {
  prompt: AuthPromptEvent;
  /** null: the person cancelled. */
  onAnswer: (answers: string[] | null) => void;
  waiting: number;
}

export function AuthDialog({ prompt, onAnswer, waiting }: AuthDialogProps) {
  const id = useId();
  const words = authPromptWords(prompt);
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''));
  const firstRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onAnswer(answers);
  };

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-who`}
      testId="auth-dialog"
      className="prompt-dialog"
      onCancel={() => onAnswer(null)}
      initialFocus={firstRef}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`} className="prompt-title">
          {words.title}
        </h2>
        <p id={`${id}-who`}>
          <span className="mono">{prompt.key}</span> asks:
        </p>
        {prompt.instructions.trim() !== '' && <p className="prompt-instructions">{prompt.instructions}</p>}
        {words.fields.length === 0 && <p className="muted">The server asks nothing more; continue to go on logging in.</p>}
        {words.fields.map((field, i) => (
          <label key={i} className="prompt-field">
            <span>{field.label}</span>
            <input
              ref={i === 0 ? firstRef : undefined}
              type={field.secret ? 'password' : 'text'}
              value={answers[i] ?? ''}
              onChange={(e) => setAnswers((prev) => prev.map((a, j) => (j === i ? e.target.value : a)))}
              // Not a site login: the browser must not offer to save or fill it, except a one-time code.
              autoComplete={field.oneTimeCode ? 'one-time-code' : 'off'}
              spellCheck={false}
              autoCapitalize="off"
            />
          </label>
        ))}
        {waiting > 0 && (
          <p className="muted">
            {waiting} more question{waiting === 1 ? '' : 's'} waiting after this one.
          </p>
        )}
        <div className="prompt-buttons">
          <button type="button" onClick={() => onAnswer(null)}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {words.fields.length === 0 ? 'Continue' : 'Log in'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
