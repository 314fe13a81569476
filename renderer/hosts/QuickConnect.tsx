// Quick connect: type user@host[:port], log in (agent, default keys, then a password), open a tab, offer to save the host.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { QuickConnectAuth, QuickConnectResult } from '../../app/api.js';
import { formatEndpoint, type Endpoint } from '../../app/hosts.js';
import { skeinErrorFromShape, type SkeinError } from '../../app/skeinError.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import type { OpenHost } from './HostSidebar.js';
import { parseQuickConnect } from './parseQuickConnect.js';
import { QuickConnectPasswordDialog } from './QuickConnectPasswordDialog.js';
import './hosts.css';

type Phase =
  | { step: 'idle' }
  | { step: 'invalid'; message: string }
  | { step: 'connecting'; target: Endpoint; withPassword: boolean }
  | { step: 'password'; target: Endpoint; retry: boolean }
  | { step: 'failed'; target: Endpoint; error: SkeinError }
  | { step: 'cancelled'; target: Endpoint };

interface SaveOffer {
  result: QuickConnectResult;
  target: Endpoint;
  label: string;
  state: { step: 'asking' } | { step: 'saving' } | { step: 'saved'; label: string } | { step: 'failed'; error: SkeinError };
}

export interface QuickConnectProps {
  onOpen: OpenHost;
  /** A quick host was saved: the host list should read the hosts again. */
  onSaved: () => void;
  /** Text the desktop shell hands over (a launch's ssh:// target): filled in, never connected. */
  prefill?: { text: string } | undefined;
}

/** The core's message, naming the target when the message itself does not. */
function failureWords(target: Endpoint, error: SkeinError): string {
  const where = formatEndpoint(target);
  return error.message.includes(where) ? error.message : `Could not connect to ${where}: ${error.message}`;
}

function authWords(auth: QuickConnectAuth): string {
  if (auth.method === 'agent') return 'ssh-agent';
  if (auth.method === 'key') return auth.keyPath;
  return 'a password';
}

export function QuickConnect({ onOpen, onSaved, prefill }: QuickConnectProps) {
  const api = useSkeinApi();
  const [text, setText] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [offer, setOffer] = useState<SaveOffer | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();
  const labelId = useId();
  // Each login attempt's ticket; a cancelled or superseded attempt's answer is ignored.
  const attempt = useRef(0);

  useEffect(() => {
    if (!prefill) return;
    setText(prefill.text);
    setPhase((current) => (current.step === 'connecting' || current.step === 'password' ? current : { step: 'idle' }));
    inputRef.current?.focus();
  }, [prefill]);

  const connect = async (target: Endpoint, password?: string): Promise<void> => {
    const ticket = ++attempt.current;
    setPhase({ step: 'connecting', target, withPassword: password !== undefined });
    try {
      const result = await api.quickConnect({ ...target, ...(password === undefined ? {} : { password }) });
      if (ticket !== attempt.current) return;
      setPhase({ step: 'idle' });
      setText('');
      onOpen(result.hostId);
      setOffer({ result, target, label: target.host, state: { step: 'asking' } });
    } catch (e) {
      if (ticket !== attempt.current) return;
      const error = skeinErrorFromShape(e);
      if (error.code === 'AUTH_FAILED') setPhase({ step: 'password', target, retry: password !== undefined });
      else setPhase({ step: 'failed', target, error });
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (phase.step === 'connecting' || phase.step === 'password') return;
    const parsed = parseQuickConnect(text);
    if (!parsed.ok) {
      setPhase({ step: 'invalid', message: parsed.message });
      return;
    }
    void connect(parsed.target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setText('');
      setPhase({ step: 'idle' });
    }
  };

  const save = async (current: SaveOffer): Promise<void> => {
    setOffer({ ...current, state: { step: 'saving' } });
    try {
      const saved = await api.saveQuickHost(current.result.hostId, current.label.trim() === '' ? undefined : current.label.trim());
      setOffer({ ...current, state: { step: 'saved', label: saved.label } });
      onSaved();
    } catch (e) {
      setOffer({ ...current, state: { step: 'failed', error: skeinErrorFromShape(e) } });
    }
  };

  const dismiss = (): void => {
    setOffer(null);
    inputRef.current?.focus();
  };

  const busy = phase.step === 'connecting';
  const dialogOpen = phase.step === 'password' || (phase.step === 'connecting' && phase.withPassword);

  return (
    <div className="quick-connect-area">
      <form className="quick-connect" onSubmit={submit}>
        <label htmlFor={inputId} className="quick-connect-label">
          Quick connect
        </label>
        <input
          ref={inputRef}
          id={inputId}
          data-testid="quick-connect"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (phase.step === 'invalid' || phase.step === 'failed' || phase.step === 'cancelled') setPhase({ step: 'idle' });
          }}
          onKeyDown={onKeyDown}
          placeholder="user@host:port"
          aria-invalid={phase.step === 'invalid'}
          aria-describedby={messageId}
          readOnly={busy}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </form>
      <div id={messageId} className="quick-connect-message" aria-live="polite">
        {phase.step === 'invalid' ? (
          <p className="field-error" data-testid="error">
            {phase.message}
          </p>
        ) : null}
        {phase.step === 'connecting' ? (
          <p role="status">
            {phase.withPassword ? 'Logging in' : 'Connecting'} to {formatEndpoint(phase.target)}…
          </p>
        ) : null}
        {phase.step === 'cancelled' ? <p role="status">Did not log in to {formatEndpoint(phase.target)}: no password given.</p> : null}
      </div>
      {phase.step === 'failed' ? (
        <div className="quick-connect-failure">
          <ErrorNotice error={{ ...phase.error.toShape(), message: failureWords(phase.target, phase.error) }} />
          <button type="button" onClick={() => setPhase({ step: 'idle' })} aria-label="Dismiss the error">
            Dismiss
          </button>
        </div>
      ) : null}
      {offer ? (
        <div className="quick-save" role="region" aria-label="Save the quick-connect host" data-testid="quick-save">
          {offer.state.step === 'saved' ? (
            <p role="status">Saved “{offer.state.label}” to your hosts.</p>
          ) : (
            <>
              <p className="quick-save-text">
                Logged in to {formatEndpoint(offer.target)} with {authWords(offer.result.auth)}. Save it to your hosts?
              </p>
              <label htmlFor={labelId} className="visually-hidden">
                Label for the saved host
              </label>
              <input
                id={labelId}
                value={offer.label}
                onChange={(e) => setOffer({ ...offer, label: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void save(offer);
                }}
                placeholder="Label"
                disabled={offer.state.step === 'saving'}
              />
              <button type="button" className="primary" onClick={() => void save(offer)} disabled={offer.state.step === 'saving'}>
                {offer.state.step === 'saving' ? 'Saving…' : 'Save host'}
              </button>
            </>
          )}
          <button type="button" onClick={dismiss} aria-label={offer.state.step === 'saved' ? 'Close this message' : 'Dismiss: do not save this host'}>
            {offer.state.step === 'saved' ? 'Close' : 'Dismiss'}
          </button>
          {offer.state.step === 'failed' ? <ErrorNotice error={offer.state.error} /> : null}
        </div>
      ) : null}
      {dialogOpen ? (
        <QuickConnectPasswordDialog
          target={phase.target}
          retry={phase.step === 'password' && phase.retry}
          busy={phase.step === 'connecting'}
          onSubmit={(password) => void connect(phase.target, password)}
          onCancel={() => {
            // The core cannot abort a login in flight; its answer, if one comes, is ignored.
            attempt.current++;
            setPhase({ step: 'cancelled', target: phase.target });
          }}
        />
      ) : null}
    </div>
  );
}
