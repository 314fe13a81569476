// The settings form: theme, terminal font, scrollback and renderer, default keep-alive, close to tray; checked as the core checks.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { TERMINAL_RENDERERS, THEMES, type TerminalRenderer, type Theme } from '../../app/settings.js';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import { rendererChoice, type PageWebgl } from '../terminal/rendererChoice.js';
import { settingsFormField } from './settingsFormField.js';
import { settingsFormPatch } from './settingsFormPatch.js';
import { settingsFormValues, type SettingsForm, type SettingsFormField } from './settingsFormValues.js';
import { useVaultPrompt } from '../prompts/useVaultPrompt.js';
import { useSettings } from './useSettings.js';
import './settings.css';

const THEME_WORDS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };
const RENDERER_WORDS: Record<TerminalRenderer, string> = { auto: 'Automatic', webgl: 'WebGL', dom: 'DOM' };

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'unchanged' } | { kind: 'failed'; error: SkeinErrorShape };

const FIELD_ORDER: SettingsFormField[] = ['theme', 'fontFamily', 'fontSize', 'scrollback', 'terminalRenderer', 'keepaliveSeconds', 'keepaliveCountMax', 'closeToTray'];

/** Where secrets are kept, and the vault's door when they are in one. */
function SecretsGroup() {
  const vault = useVaultPrompt();
  const status = vault?.status;
  if (!vault || !status) return null;
  const words =
    status.backend === 'os-keyring'
      ? 'Saved passwords and key passphrases are kept in the system keyring; there is no passphrase to type.'
      : status.state === 'absent'
        ? 'There is no vault yet. Create it with a passphrase before saving a password or key passphrase.'
        : status.state === 'locked'
          ? 'The vault is locked: hosts that need a saved password or key passphrase cannot log in until you unlock it.'
          : 'The vault is unlocked: saved passwords and key passphrases can be used and saved.';
  return (
    <fieldset className="settings-group">
      <legend>Secrets</legend>
      <div className="settings-field">
        <p className="settings-vault" data-testid="vault-status" data-state={status.state}>
          {words}
        </p>
        {status.backend === 'passphrase-vault' && status.state !== 'unlocked' && (
          <button type="button" onClick={() => void vault.ask()}>
            {status.state === 'absent' ? 'Create the vault…' : 'Unlock the vault…'}
          </button>
        )}
      </div>
    </fieldset>
  );
}

export interface SettingsViewProps {
  /** What draws the page's WebGL: the view says what Automatic picks here and why. */
  pageWebgl: PageWebgl;
}

export function SettingsView({ pageWebgl }: SettingsViewProps) {
  const { settings, loaded, loadError, update } = useSettings();
  const id = useId();
  const [form, setForm] = useState<SettingsForm>(() => settingsFormValues(settings));
  const [showErrors, setShowErrors] = useState<ReadonlySet<SettingsFormField>>(new Set());
  const [coreErrors, setCoreErrors] = useState<Partial<Record<SettingsFormField, string>>>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);

  const savedForm = settingsFormValues(settings);
  const dirty = JSON.stringify(form) !== JSON.stringify(savedForm);
  const check = settingsFormPatch(form, settings);

  // Settings changed elsewhere (another window, the first load) show here unless the person is editing.
  const savedKey = JSON.stringify(savedForm);
  const previousSavedKey = useRef(savedKey);
  useEffect(() => {
    const untouched = previousSavedKey.current;
    previousSavedKey.current = savedKey;
    setForm((prev) => (JSON.stringify(prev) === untouched ? (JSON.parse(savedKey) as SettingsForm) : prev));
  }, [savedKey]);

  const errorFor = (field: SettingsFormField): string | undefined => coreErrors[field] ?? (showErrors.has(field) ? check.errors[field] : undefined);

  const set = <K extends SettingsFormField>(field: K, value: SettingsForm[K]): void => {
    setForm((prev) => ({ ...prev, [field]: value }));
    setCoreErrors((prev) => ({ ...prev, [field]: undefined }));
    if (status.kind !== 'saving') setStatus({ kind: 'idle' });
  };
  const touch = (field: SettingsFormField) => () => setShowErrors((prev) => new Set(prev).add(field));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setShowErrors(new Set(FIELD_ORDER));
    const invalid = FIELD_ORDER.find((f) => check.errors[f] !== undefined);
    if (invalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    if (Object.keys(check.patch).length === 0) {
      setStatus({ kind: 'unchanged' });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const saved = await update(check.patch);
      setForm(settingsFormValues(saved));
      setShowErrors(new Set());
      setStatus({ kind: 'saved' });
    } catch (thrown) {
      const error = skeinErrorFromShape(thrown).toShape();
      const field = settingsFormField(error.field);
      if (field) {
        setCoreErrors({ [field]: error.message });
        formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
        setStatus({ kind: 'idle' });
      } else setStatus({ kind: 'failed', error });
    }
  };

  const revert = (): void => {
    setForm(savedForm);
    setShowErrors(new Set());
    setCoreErrors({});
    setStatus({ kind: 'idle' });
  };

  /** The id of a field's help and error, for aria-describedby. */
  const described = (field: SettingsFormField, help: boolean): string =>
    [help ? `${id}-${field}-help` : '', errorFor(field) ? `${id}-${field}-error` : ''].filter(Boolean).join(' ');

  const fieldError = (field: SettingsFormField): ReactNode =>
    errorFor(field) && (
      <p id={`${id}-${field}-error`} className="settings-error">
        <span aria-hidden="true">⚠ </span>
        {errorFor(field)}
      </p>
    );

  const numberField = (field: 'fontSize' | 'scrollback' | 'keepaliveSeconds' | 'keepaliveCountMax', label: string, unit: string, help: ReactNode) => (
    <div className="settings-field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <div className="settings-input-row">
        <input
          id={`${id}-${field}`}
          name={field}
          type="text"
          inputMode={field === 'keepaliveSeconds' ? 'decimal' : 'numeric'}
          value={form[field]}
          onChange={(e) => set(field, e.target.value)}
          onBlur={touch(field)}
          aria-invalid={errorFor(field) ? true : undefined}
          aria-describedby={described(field, true)}
          className="settings-number"
        />
        <span className="muted">{unit}</span>
      </div>
      <p id={`${id}-${field}-help`} className="settings-help">
        {help}
      </p>
      {fieldError(field)}
    </div>
  );

  return (
    <section className="settings-view" data-testid="settings-view" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      {loadError && <ErrorNotice error={loadError} />}
      {!loaded && !loadError && <p className="muted">Loading settings…</p>}
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-busy={status.kind === 'saving'}>
        <fieldset className="settings-group">
          <legend>Appearance</legend>
          <div className="settings-field" role="radiogroup" aria-labelledby={`${id}-theme-label`} aria-describedby={described('theme', false) || undefined}>
            <span id={`${id}-theme-label`} className="settings-label">
              Theme
            </span>
            <div className="settings-choices">
              {THEMES.map((theme) => (
                <label key={theme} className="settings-choice">
                  <input type="radio" name="theme" value={theme} checked={form.theme === theme} onChange={() => set('theme', theme)} />
                  {THEME_WORDS[theme]}
                </label>
              ))}
            </div>
            {fieldError('theme')}
          </div>
          <div className="settings-field">
            <label htmlFor={`${id}-fontFamily`}>Terminal font</label>
            <input
              id={`${id}-fontFamily`}
              name="fontFamily"
              type="text"
              value={form.fontFamily}
              onChange={(e) => set('fontFamily', e.target.value)}
              onBlur={touch('fontFamily')}
              aria-invalid={errorFor('fontFamily') ? true : undefined}
              aria-describedby={described('fontFamily', true)}
              spellCheck={false}
              className="settings-text"
            />
            <p id={`${id}-fontFamily-help`} className="settings-help">
              A list as CSS writes it; the first font installed here is used. Monospace fonts keep columns straight.
            </p>
            {fieldError('fontFamily')}
          </div>
          {numberField('fontSize', 'Terminal font size', 'pixels', 'From 6 to 72.')}
        </fieldset>

        <fieldset className="settings-group">
          <legend>Terminal</legend>
          {numberField(
            'scrollback',
            'Scrollback',
            'lines',
            'Lines each terminal keeps above the screen, from 0 to 1,000,000. More lines take more memory in every tab.',
          )}
          <div className="settings-field">
            <label htmlFor={`${id}-terminalRenderer`}>Terminal renderer</label>
            <select
              id={`${id}-terminalRenderer`}
              name="terminalRenderer"
              value={form.terminalRenderer}
              onChange={(e) => set('terminalRenderer', e.target.value as TerminalRenderer)}
              aria-invalid={errorFor('terminalRenderer') ? true : undefined}
              aria-describedby={described('terminalRenderer', true)}
            >
              {TERMINAL_RENDERERS.map((renderer) => (
                <option key={renderer} value={renderer}>
                  {RENDERER_WORDS[renderer]}
                </option>
              ))}
            </select>
            <div id={`${id}-terminalRenderer-help`} className="settings-help">
              <p>
                WebGL draws fastest when a graphics card draws it; drawn in software it is slower than the DOM renderer. Automatic picks
                the faster one. Open terminals switch when you save.
              </p>
              <p data-testid="renderer-reason">On this machine Automatic picks {rendererChoice('auto', pageWebgl).reason}</p>
            </div>
            {fieldError('terminalRenderer')}
          </div>
        </fieldset>

        <fieldset className="settings-group">
          <legend>Connections</legend>
          {numberField(
            'keepaliveSeconds',
            'Keep-alive interval',
            'seconds',
            <>
              How often Skein asks a quiet server whether the connection is still there (OpenSSH's ServerAliveInterval), for hosts that
              set none of their own. 0 turns keep-alives off: a dead connection is then noticed only when TCP gives up, which can take
              many minutes.
            </>,
          )}
          {numberField(
            'keepaliveCountMax',
            'Unanswered keep-alives before reconnecting',
            'keep-alives',
            "After this many go unanswered in a row, Skein treats the connection as lost and reconnects (OpenSSH's ServerAliveCountMax). From 1 to 100.",
          )}
        </fieldset>

        <fieldset className="settings-group">
          <legend>Desktop app</legend>
          <div className="settings-field">
            <label className="settings-choice">
              <input
                type="checkbox"
                name="closeToTray"
                checked={form.closeToTray}
                onChange={(e) => set('closeToTray', e.target.checked)}
                aria-describedby={`${id}-closeToTray-help`}
              />
              Keep running in the tray when the window is closed
            </label>
            <p id={`${id}-closeToTray-help`} className="settings-help">
              Connections and tabs stay open until you quit from the tray. Web mode has no tray and ignores this.
            </p>
            {fieldError('closeToTray')}
          </div>
        </fieldset>

        <SecretsGroup />

        {status.kind === 'failed' && <ErrorNotice error={status.error} onDismiss={() => setStatus({ kind: 'idle' })} />}
        <div className="settings-actions">
          <span className="settings-status" role="status">
            {status.kind === 'saving' && 'Saving…'}
            {status.kind === 'saved' && 'Saved.'}
            {status.kind === 'unchanged' && 'Nothing changed.'}
            {status.kind === 'idle' && dirty && 'Unsaved changes.'}
          </span>
          <button type="button" onClick={revert} disabled={!dirty || status.kind === 'saving'}>
            Undo changes
          </button>
          <button type="submit" className="primary" disabled={status.kind === 'saving'}>
            Save settings
          </button>
        </div>
      </form>
    </section>
  );
}
