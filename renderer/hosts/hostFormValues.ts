// The host form's inputs as text, checked with the core's own schemas and turned into a draft, a patch and secrets.
import {
  DEFAULT_BIND_ADDRESS,
  SavedHostDraftSchema,
  describeHostIssues,
  jumpChainProblem,
  type AuthMethod,
  type HostSecretsInput,
  type LocalForward,
  type SavedHostDraft,
  type SavedHostPatch,
  type SavedHostView,
} from '../../app/hosts.js';
import type { HostKeyPolicy } from '../../app/trust.js';

/** keep: leave the saved secret alone; replace: save `value` (when not empty); forget: delete the saved one. */
export interface SecretEdit {
  mode: 'keep' | 'replace' | 'forget';
  value: string;
}

export interface HostFormValues {
  label: string;
  host: string;
  port: string;
  username: string;
  authMethod: AuthMethod;
  keyPath: string;
  password: SecretEdit;
  passphrase: SecretEdit;
  /** '' for none. */
  jumpHostId: string;
  group: string;
  /** Comma-separated. */
  tags: string;
  /** '' for none. */
  colour: string;
  /** Seconds, as OpenSSH's ServerAliveInterval; '' for the default from the settings. */
  keepaliveSeconds: string;
  keepaliveCount: string;
  /** '' for the global policy. */
  hostKeyPolicy: '' | HostKeyPolicy;
  notes: string;
  localForwards: ForwardRowValues[];
}

/** One local port forward as typed: ports are text until checked, like the host's own port. */
export interface ForwardRowValues {
  /** Kept from the saved forward, or made when the row is added; the core starts and stops forwards by it. */
  id: string;
  bindPort: string;
  bindAddress: string;
  remoteHost: string;
  remotePort: string;
  autoStart: boolean;
}

export type ForwardRowField = Exclude<keyof ForwardRowValues, 'id'>;

/** Where an error is shown: next to one input (a forward's input is named by its row), or at the top of the form. */
export type HostFormField = Exclude<keyof HostFormValues, 'localForwards'> | `localForwards.${number}.${ForwardRowField}` | 'form';

export type HostFormErrors = Partial<Record<HostFormField, string[]>>;

export type HostFormCheck =
  | { ok: true; draft: SavedHostDraft; patch: SavedHostPatch; secrets: HostSecretsInput }
  | { ok: false; errors: HostFormErrors };

/** The fields this form edits; the rest of a saved host (pool caps, import origin) is left as it is. */
const EDITED = ['label', 'host', 'port', 'username', 'auth', 'jumpHostId', 'group', 'tags', 'colour', 'keepalive', 'hostKeyPolicy', 'notes', 'localForwards'] as const;

const FORWARD_ROW_FIELDS: readonly ForwardRowField[] = ['bindPort', 'bindAddress', 'remoteHost', 'remotePort', 'autoStart'];

/** A new row: the bind address the core defaults to, so what is shown is what will be used. */
export function newForwardRow(id: string): ForwardRowValues {
  return { id, bindPort: '', bindAddress: DEFAULT_BIND_ADDRESS, remoteHost: '', remotePort: '', autoStart: false };
}

function forwardRowOf(forward: LocalForward): ForwardRowValues {
  return {
    id: forward.id,
    bindPort: String(forward.bindPort),
    bindAddress: forward.bindAddress,
    remoteHost: forward.remoteHost,
    remotePort: String(forward.remotePort),
    autoStart: forward.autoStart ?? false,
  };
}

const secretEdit = (saved: boolean): SecretEdit => ({ mode: saved ? 'keep' : 'replace', value: '' });

export function hostFormValuesOf(host?: SavedHostView): HostFormValues {
  return {
    label: host?.label ?? '',
    host: host?.host ?? '',
    port: host ? String(host.port) : '',
    username: host?.username ?? '',
    authMethod: host?.auth.method ?? 'agent',
    keyPath: host?.auth.keyPath ?? '',
    password: secretEdit(host?.hasPassword ?? false),
    passphrase: secretEdit(host?.hasPassphrase ?? false),
    jumpHostId: host?.jumpHostId ?? '',
    group: host?.group ?? '',
    tags: host?.tags.join(', ') ?? '',
    colour: host?.colour ?? '',
    keepaliveSeconds: host?.keepalive?.intervalMs === undefined ? '' : String(host.keepalive.intervalMs / 1000),
    keepaliveCount: host?.keepalive?.countMax === undefined ? '' : String(host.keepalive.countMax),
    hostKeyPolicy: host?.hostKeyPolicy ?? '',
    notes: host?.notes ?? '',
    localForwards: host?.localForwards.map(forwardRowOf) ?? [],
  };
}

/** A secret's input is shown when the login method uses it, or when one is saved (so it can be forgotten). */
export function secretFieldsShown(values: Pick<HostFormValues, 'authMethod'>, original?: SavedHostView): { password: boolean; passphrase: boolean } {
  return {
    password: values.authMethod === 'password' || (original?.hasPassword ?? false),
    passphrase: values.authMethod === 'key' || (original?.hasPassphrase ?? false),
  };
}

/** The form input an error path is about: "draft.auth.keyPath" and "keyPath" both land on the key path input. */
export function hostFormFieldOf(path: string | undefined): HostFormField {
  const bare = (path ?? '').replace(/^(draft|patch|secrets)\./, '');
  // The core writes "localForwards[0].bindPort"; the form names the same input "localForwards.0.bindPort".
  const forward = /^localForwards(?:\[(\d+)\]|\.(\d+))\.(\w+)/.exec(bare);
  if (forward) {
    const field = FORWARD_ROW_FIELDS.find((f) => f === forward[3]);
    return field ? `localForwards.${Number(forward[1] ?? forward[2])}.${field}` : 'form';
  }
  const [head = '', sub = ''] = bare.split(/[.[]/);
  switch (head) {
    case 'label':
    case 'host':
    case 'port':
    case 'username':
    case 'keyPath':
    case 'password':
    case 'passphrase':
    case 'jumpHostId':
    case 'group':
    case 'tags':
    case 'colour':
    case 'hostKeyPolicy':
    case 'notes':
      return head;
    case 'auth':
      return sub === 'keyPath' ? 'keyPath' : 'authMethod';
    case 'keepalive':
      return sub === 'countMax' ? 'keepaliveCount' : 'keepaliveSeconds';
    default:
      return 'form';
  }
}

/** Leaves out unset keys, so the draft the core gets is the one a person would write by hand. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const optionalText = (text: string): string | undefined => (text.trim() === '' ? undefined : text);
const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** Builds what the core would receive and checks it with the core's schemas, so the form refuses what the core would. */
export function checkHostForm(values: HostFormValues, context: { original?: SavedHostView; hosts: readonly SavedHostView[] }): HostFormCheck {
  const { original } = context;
  const seconds = optionalNumber(values.keepaliveSeconds);
  const countMax = optionalNumber(values.keepaliveCount);
  const input: SavedHostDraft = defined({
    label: values.label,
    host: values.host,
    port: optionalNumber(values.port),
    username: values.username,
    auth: defined({ method: values.authMethod, keyPath: values.authMethod === 'key' ? optionalText(values.keyPath) : undefined }),
    jumpHostId: optionalText(values.jumpHostId),
    group: optionalText(values.group)?.trim(),
    tags: [...new Set(values.tags.split(',').map((t) => t.trim()).filter(Boolean))],
    colour: optionalText(values.colour)?.trim(),
    // Seconds in the form, milliseconds in the host; rounding keeps 1.001 s a whole number of milliseconds.
    keepalive:
      seconds === undefined && countMax === undefined
        ? undefined
        : defined({ intervalMs: seconds === undefined || !Number.isFinite(seconds) ? seconds : Math.round(seconds * 1000), countMax }),
    hostKeyPolicy: values.hostKeyPolicy === '' ? undefined : values.hostKeyPolicy,
    notes: optionalText(values.notes),
    localForwards: values.localForwards.map((row) =>
      defined({
        id: row.id,
        bindPort: optionalNumber(row.bindPort),
        bindAddress: optionalText(row.bindAddress)?.trim(),
        remoteHost: row.remoteHost.trim(),
        remotePort: optionalNumber(row.remotePort),
        autoStart: row.autoStart || undefined,
      }) as LocalForward,
    ),
    ...(original?.pool ? { pool: original.pool } : {}),
    ...(original?.importedFrom ? { importedFrom: original.importedFrom } : {}),
  });

  const errors: HostFormErrors = {};
  const add = (line: string): void => {
    const split = line.indexOf(': ');
    const field = hostFormFieldOf(split < 0 ? undefined : line.slice(0, split));
    // Next to its own input the field's name is already on screen; at the top it is needed.
    const why = field === 'form' || split < 0 ? line : line.slice(split + 2);
    // One problem per input: an empty host is "must not be empty", not also "must not contain spaces".
    if (field !== 'form' && errors[field]) return;
    (errors[field] ??= []).push(why);
  };
  const parsed = SavedHostDraftSchema.safeParse(input);
  if (!parsed.success) describeHostIssues(parsed.error).forEach(add);
  const draft = parsed.success ? parsed.data : undefined;
  const jump = jumpChainProblem(
    { id: original?.id ?? '\u0000new host', label: draft?.label ?? values.label, jumpHostId: draft?.jumpHostId },
    context.hosts,
  );
  if (jump) add(jump);
  if (!draft || Object.keys(errors).length > 0) return { ok: false, errors };

  const patch: SavedHostPatch = {};
  const set = patch as Record<string, unknown>;
  for (const key of EDITED) {
    const now = draft[key];
    const before = original?.[key];
    if (now === undefined) {
      if (before !== undefined) set[key] = null;
    } else if (JSON.stringify(now) !== JSON.stringify(before)) {
      set[key] = now;
    }
  }

  const shown = secretFieldsShown(values, original);
  const secrets: HostSecretsInput = {};
  for (const kind of ['password', 'passphrase'] as const) {
    const edit = values[kind];
    if (!shown[kind]) continue;
    if (edit.mode === 'forget') secrets[kind] = null;
    else if (edit.mode === 'replace' && edit.value !== '') secrets[kind] = edit.value;
  }
  return { ok: true, draft, patch, secrets };
}
