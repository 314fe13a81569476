// A core error in words: what went wrong, then what to do about it when the core said.
import type { SkeinError } from '../../app/skeinError.js';

export function ErrorNotice({ error, id }: { error: Pick<SkeinError, 'message' | 'hint'>; id?: string }) {
  return (
    <div className="error-notice" role="alert" data-testid="error" id={id}>
      <p>{error.message}</p>
      {error.hint ? <p className="error-hint">{error.hint}</p> : null}
    </div>
  );
}
