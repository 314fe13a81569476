// The add/edit host dialog: every field of a saved host, checked with the core's schemas, errors beside their inputs.
import { useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { AUTH_METHODS, formatEndpoint, type AuthMethod, type SavedHostView } from '../../app/hosts.js';
import { skeinErrorFromShape, type SkeinError } from '../../app/skeinError.js';
import { HOST_KEY_POLICIES, type HostKeyPolicy } from '../../app/trust.js';
import { useSkeinApi } from '../app/skeinApiContext.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import {
  checkHostForm,
  hostFormFieldOf,
  hostFormValuesOf,
  newForwardRow,
  secretFieldsShown,
  type ForwardRowField,
  type ForwardRowValues,
  type HostFormErrors,
  type HostFormField,
  type HostFormValues,
  type SecretEdit,
} from './hostFormValues.js';
import { ModalDialog } from './ModalDialog.js';

const AUTH_LABELS: Record<AuthMethod, string> = {
  agent: 'ssh-agent',
  key: 'Key file',
  password: 'Password',
  'keyboard-interactive': 'Keyboard-interactive (one-time codes, 2FA)',
};

const POLICY_LABELS: Record<HostKeyPolicy, string> = {
  ask: 'Ask before trusting a new key',
  'accept-new': 'Trust a new key on first contact',
  strict: 'Refuse keys not in known_hosts',
};

/** Readable on the light and the dark background alike. */
const SWATCHES: { name: string; hex: string }[] = [
  { name: 'blue', hex: '#3a7bd5' },
  { name: 'teal', hex: '#0f9aa8' },
  { name: 'green', hex: '#2e9e4f' },
  { name: 'amber', hex: '#d58a12' },
  { name: 'red', hex: '#d6453d' },
  { name: 'pink', hex: '#c93f8f' },
  { name: 'violet', hex: '#7b5cd6' },
  { name: 'grey', hex: '#7a8494' },
];

/** Inputs in the order they appear, so the first one in error gets the focus. */
const FIELD_ORDER: HostFormField[] = [
  'label', 'host', 'port', 'username', 'jumpHostId', 'authMethod', 'keyPath', 'password', 'passphrase',
  'group', 'tags', 'colour', 'keepaliveSeconds', 'keepaliveCount', 'hostKeyPolicy', 'notes',
];

/** A forward row's inputs in the order they appear. */
const FORWARD_FIELD_ORDER: ForwardRowField[] = ['bindPort', 'bindAddress', 'remoteHost', 'remotePort', 'autoStart'];

/** The inputs whose value is plain text. */
type TextInput = Exclude<keyof HostFormValues, 'authMethod' | 'hostKeyPolicy' | 'password' | 'passphrase' | 'localForwards'>;

export interface HostFormProps {
  /** The host to edit; absent to add one. */
  host?: SavedHostView;
  /** Every saved host: jump host choices and the jump-loop check. */
  hosts: readonly SavedHostView[];
  /** Existing group names, offered while typing. */
  groups: readonly string[];
  onCancel: () => void;
  onSaved: (host: SavedHostView) => void;
  onDelete: (host: SavedHostView) => void;
}

export function HostForm({ host, hosts, groups, onCancel, onSaved, onDelete }: HostFormProps) {
  const api = useSkeinApi();
  const uid = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<HostFormValues>(() => hostFormValuesOf(host));
  const [checked, setChecked] = useState(false);
  const [coreError, setCoreError] = useState<{ field: HostFormField; error: SkeinError } | null>(null);
  const [saving, setSaving] = useState(false);

  const context = useMemo(() => ({ original: host, hosts }), [host, hosts]);
  const check = useMemo(() => checkHostForm(values, context), [values, context]);
  // Errors appear after the first Save and then follow the typing, so they go away as they are fixed.
  const errors: HostFormErrors = checked && !check.ok ? check.errors : {};
  const shown = secretFieldsShown(values, host);

  const set = <K extends keyof HostFormValues>(key: K, value: HostFormValues[K]): void => {
    setValues((prev) => ({ ...prev, [key]: value }));
    if (coreError && (coreError.field === key || coreError.field === 'form')) setCoreError(null);
  };

  // A row's inputs are named by position, so adding or removing a row makes the core's error point elsewhere: it goes.
  const setForwards = (next: (rows: ForwardRowValues[]) => ForwardRowValues[]): void => {
    setValues((prev) => ({ ...prev, localForwards: next(prev.localForwards) }));
    if (coreError && (coreError.field.startsWith('localForwards.') || coreError.field === 'form')) setCoreError(null);
  };
  const setForward = <K extends ForwardRowField>(index: number, key: K, value: ForwardRowValues[K]): void =>
    setForwards((rows) => rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));

  const id = (field: HostFormField) => `${uid}-${field}`;
  const errorsOf = (field: HostFormField): string[] => [...(errors[field] ?? []), ...(coreError?.field === field ? [coreError.error.message] : [])];
  const fixOf = (field: HostFormField): string | undefined => (coreError?.field === field ? coreError.error.hint : undefined);
  const at = (field: HostFormField) => ({ id: id(field), errors: errorsOf(field), fix: fixOf(field) });
  const bind = (key: TextInput) => ({
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => set(key, e.target.value),
  });

  const focusField = (field: HostFormField): void => {
    const el = formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(id(field))}`);
    el?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecked(true);
    setCoreError(null);
    if (!check.ok) {
      const forwardFields = values.localForwards.flatMap((_, i) => FORWARD_FIELD_ORDER.map((f): HostFormField => `localForwards.${i}.${f}`));
      const first = [...FIELD_ORDER, ...forwardFields].find((f) => check.errors[f]);
      if (first) focusField(first);
      return;
    }
    setSaving(true);
    try {
      const saved = host ? await api.updateHost(host.id, check.patch, check.secrets) : await api.createHost(check.draft, check.secrets);
      onSaved(saved);
    } catch (e) {
      const error = skeinErrorFromShape(e);
      const field = hostFormFieldOf(error.field);
      setCoreError({ field, error });
      setSaving(false);
      if (field !== 'form') focusField(field);
    }
  };

  const jumpChoices = hosts.filter((h) => h.id !== host?.id);
  const formErrors = errorsOf('form');

  return (
    <ModalDialog title={host ? `Edit “${host.label}”` : 'Add a host'} onClose={onCancel} testId="host-form-dialog" className="modal-form">
      <form ref={formRef} className="host-form" data-testid="host-form" noValidate onSubmit={(e) => void submit(e)}>
        {coreError?.field === 'form' ? <ErrorNotice error={coreError.error} /> : null}
        {formErrors.length > 0 && coreError?.field !== 'form' ? (
          <div className="error-notice" role="alert" data-testid="error">
            {formErrors.map((e) => (
              <p key={e}>{e}</p>
            ))}
          </div>
        ) : null}

        <fieldset>
          <legend>Connection</legend>
          <Field {...at('label')} label="Label">
            {(p) => <input {...p} {...bind('label')} data-autofocus placeholder="Production DB" />}
          </Field>
          <div className="field-row">
            <Field {...at('host')} label="Host" grow>
              {(p) => (
                <input {...p} {...bind('host')} placeholder="db.example.com" spellCheck={false} autoCapitalize="off" />
              )}
            </Field>
            <Field {...at('port')} label="Port" narrow>
              {(p) => <input {...p} {...bind('port')} inputMode="numeric" placeholder="22" />}
            </Field>
          </div>
          <Field {...at('username')} label="User name">
            {(p) => <input {...p} {...bind('username')} spellCheck={false} autoCapitalize="off" />}
          </Field>
          <Field {...at('jumpHostId')} label="Jump host" hint="Reach this host through another saved host (ProxyJump).">
            {(p) => (
              <select {...p} {...bind('jumpHostId')}>
                <option value="">None: connect directly</option>
                {/* A jump host that no longer exists stays selectable, so the error next to it makes sense. */}
                {values.jumpHostId !== '' && !jumpChoices.some((h) => h.id === values.jumpHostId) ? (
                  <option value={values.jumpHostId}>Missing host ({values.jumpHostId})</option>
                ) : null}
                {jumpChoices.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.label} — {formatEndpoint(h)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>Login</legend>
          <Field {...at('authMethod')} label="Log in with">
            {(p) => (
              <select {...p} value={values.authMethod} onChange={(e) => set('authMethod', e.target.value as AuthMethod)}>
                {AUTH_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {AUTH_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.authMethod === 'key' ? (
            <Field {...at('keyPath')} label="Private key file" hint="A path on this computer, e.g. ~/.ssh/id_ed25519.">
              {(p) => <input {...p} {...bind('keyPath')} placeholder="~/.ssh/id_ed25519" spellCheck={false} />}
            </Field>
          ) : null}
          {shown.password ? (
            <SecretField
              {...at('password')}
              label="Password"
              saved={host?.hasPassword ?? false}
              edit={values.password}
              onChange={(edit) => set('password', edit)}
              hint={values.authMethod === 'password' ? 'Leave empty to be asked at each login.' : 'This host no longer logs in with a password.'}
            />
          ) : null}
          {shown.passphrase ? (
            <SecretField
              {...at('passphrase')}
              label="Key passphrase"
              saved={host?.hasPassphrase ?? false}
              edit={values.passphrase}
              onChange={(edit) => set('passphrase', edit)}
              hint="Leave empty if the key has none, or to be asked when it is needed."
            />
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Organise</legend>
          <Field {...at('group')} label="Group">
            {(p) => (
              <>
                <input {...p} {...bind('group')} list={`${uid}-groups`} placeholder="None" />
                <datalist id={`${uid}-groups`}>
                  {groups.map((g) => (
                    <option key={g} value={g} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field {...at('tags')} label="Tags" hint="Separated by commas.">
            {(p) => <input {...p} {...bind('tags')} placeholder="prod, db" />}
          </Field>
          <Field {...at('colour')} label="Colour" hint="A hex colour, shown beside the host and on its tabs.">
            {(p) => (
              <div className="colour-field">
                <input {...p} {...bind('colour')} placeholder="#3a7bd5" spellCheck={false} />
                <div className="swatches" role="group" aria-label="Colour choices">
                  <button
                    type="button"
                    className="swatch swatch-none"
                    aria-label="No colour"
                    aria-pressed={values.colour.trim() === ''}
                    onClick={() => set('colour', '')}
                  />
                  {SWATCHES.map((s) => (
                    <button
                      key={s.hex}
                      type="button"
                      className="swatch"
                      style={{ background: s.hex }}
                      aria-label={`${s.name} (${s.hex})`}
                      title={s.name}
                      aria-pressed={values.colour.trim().toLowerCase() === s.hex}
                      onClick={() => set('colour', s.hex)}
                    />
                  ))}
                </div>
              </div>
            )}
          </Field>
        </fieldset>

        <fieldset data-testid="host-form-forwards">
          <legend>Port forwards</legend>
          <p className="field-hint">
            Each forward listens on a port of this computer and carries what connects to it through this host (ssh -L).
          </p>
          {values.localForwards.map((row, i) => {
            const name = `Forward ${i + 1}`;
            const fieldAt = (f: ForwardRowField) => at(`localForwards.${i}.${f}`);
            return (
              <div key={row.id} className="forward-row" role="group" aria-label={name} data-testid="host-form-forward">
                <div className="field-row">
                  <Field {...fieldAt('bindPort')} label="Local port" narrow>
                    {(p) => <input {...p} value={row.bindPort} onChange={(e) => setForward(i, 'bindPort', e.target.value)} inputMode="numeric" placeholder="8080" />}
                  </Field>
                  <Field {...fieldAt('bindAddress')} label="Bind address" grow>
                    {(p) => (
                      <input {...p} value={row.bindAddress} onChange={(e) => setForward(i, 'bindAddress', e.target.value)} spellCheck={false} autoCapitalize="off" />
                    )}
                  </Field>
                </div>
                <div className="field-row">
                  <Field {...fieldAt('remoteHost')} label="Remote host" hint="As this host sees it; localhost is the host itself." grow>
                    {(p) => (
                      <input {...p} value={row.remoteHost} onChange={(e) => setForward(i, 'remoteHost', e.target.value)} placeholder="localhost" spellCheck={false} autoCapitalize="off" />
                    )}
                  </Field>
                  <Field {...fieldAt('remotePort')} label="Remote port" narrow>
                    {(p) => <input {...p} value={row.remotePort} onChange={(e) => setForward(i, 'remotePort', e.target.value)} inputMode="numeric" placeholder="80" />}
                  </Field>
                </div>
                <div className="forward-row-actions">
                  <label className="forward-autostart">
                    <input type="checkbox" checked={row.autoStart} onChange={(e) => setForward(i, 'autoStart', e.target.checked)} />
                    Start when connected
                  </label>
                  <button type="button" onClick={() => setForwards((rows) => rows.filter((_, j) => j !== i))} aria-label={`Remove ${name.toLowerCase()}`}>
                    Remove
                  </button>
                </div>
              </div>
            );
          })}
          <button type="button" onClick={() => setForwards((rows) => [...rows, newForwardRow(crypto.randomUUID())])}>
            Add a forward
          </button>
        </fieldset>

        <fieldset>
          <legend>Connection behaviour</legend>
          <div className="field-row">
            <Field {...at('keepaliveSeconds')} label="Keep-alive every (seconds)" hint="0 turns keep-alives off; empty uses the setting." grow>
              {(p) => <input {...p} {...bind('keepaliveSeconds')} inputMode="decimal" placeholder="Default" />}
            </Field>
            <Field {...at('keepaliveCount')} label="Give up after (missed)" hint="Unanswered keep-alives." grow>
              {(p) => <input {...p} {...bind('keepaliveCount')} inputMode="numeric" placeholder="Default" />}
            </Field>
          </div>
          <Field {...at('hostKeyPolicy')} label="Unknown host keys">
            {(p) => (
              <select {...p} value={values.hostKeyPolicy} onChange={(e) => set('hostKeyPolicy', e.target.value as HostFormValues['hostKeyPolicy'])}>
                <option value="">Use the setting (ask, unless changed there)</option>
                {HOST_KEY_POLICIES.map((policy) => (
                  <option key={policy} value={policy}>
                    {POLICY_LABELS[policy]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field {...at('notes')} label="Notes">
            {(p) => <textarea {...p} {...bind('notes')} rows={3} />}
          </Field>
        </fieldset>

        <p className="visually-hidden" role="status">
          {saving ? 'Saving…' : ''}
        </p>
        <div className="modal-actions">
          {host ? (
            <button type="button" className="danger push-left" onClick={() => onDelete(host)}>
              Delete…
            </button>
          ) : null}
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : host ? 'Save changes' : 'Add host'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

interface FieldInputProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  id: string;
  label: string;
  errors: string[];
  /** What to do about the error, when the core said. */
  fix?: string | undefined;
  hint?: string;
  grow?: boolean;
  narrow?: boolean;
  children: (input: FieldInputProps) => ReactNode;
}

/** A label, its input, a hint and the input's errors; the input is described by both, so a screen reader reads why. */
function Field({ id, label, errors, fix, hint, grow, narrow, children }: FieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [errors.length > 0 ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${grow ? ' grow' : ''}${narrow ? ' narrow' : ''}${errors.length > 0 ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length > 0, 'aria-describedby': describedBy })}
      {errors.length > 0 ? (
        <p className="field-error" id={errorId} data-testid="error">
          {errors.join('; ')}
          {fix ? <span className="field-fix"> {fix}</span> : null}
        </p>
      ) : null}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface SecretFieldProps {
  id: string;
  label: string;
  saved: boolean;
  edit: SecretEdit;
  onChange: (edit: SecretEdit) => void;
  errors: string[];
  fix?: string | undefined;
  hint: string;
}

/** The core tells only whether a secret is saved: so the choices are keep, replace or forget, never show. */
function SecretField({ id, label, saved, edit, onChange, errors, fix, hint }: SecretFieldProps) {
  if (saved && edit.mode !== 'replace') {
    const forgetting = edit.mode === 'forget';
    return (
      <div className={`field${errors.length > 0 ? ' invalid' : ''}`} role="group" aria-labelledby={`${id}-label`}>
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <div className="secret-saved">
          <span id={id} tabIndex={-1}>
            {forgetting ? `The saved ${label.toLowerCase()} will be forgotten when you save.` : `${label} saved.`}
          </span>
          {forgetting ? (
            <button type="button" onClick={() => onChange({ mode: 'keep', value: '' })}>
              Keep it
            </button>
          ) : (
            <>
              <button type="button" onClick={() => onChange({ mode: 'replace', value: '' })} aria-label={`Replace the saved ${label.toLowerCase()}`}>
                Replace
              </button>
              <button type="button" onClick={() => onChange({ mode: 'forget', value: '' })} aria-label={`Forget the saved ${label.toLowerCase()}`}>
                Forget
              </button>
            </>
          )}
        </div>
        {errors.length > 0 ? (
          <p className="field-error" data-testid="error">
            {errors.join('; ')}
            {fix ? <span className="field-fix"> {fix}</span> : null}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <Field
      id={id}
      label={saved ? `New ${label.toLowerCase()}` : label}
      errors={errors}
      fix={fix}
      hint={saved ? 'Leave empty to keep the saved one.' : hint}
    >
      {(p) => (
        <div className="secret-input">
          <input
            {...p}
            type="password"
            value={edit.value}
            onChange={(e) => onChange({ mode: 'replace', value: e.target.value })}
            autoComplete="new-password"
          />
          {saved ? (
            <button type="button" onClick={() => onChange({ mode: 'keep', value: '' })}>
              Keep the saved one
            </button>
          ) : null}
        </div>
      )}
    </Field>
  );
}
