// Connection keys: how a target (user@host:port plus its jump chain) is named and pooled.
import { z } from 'zod';
import { fieldPath } from './skeinError.js';
import { HOST_KEY_POLICIES } from './trust.js';

/** One SSH endpoint: who logs in where. */
export interface Endpoint {
  host: string;
  port?: number;
  username: string;
}

/**
 * The pool key of a target: user@host:port, then " via " and each jump hop, nearest last. Made
 * only by connectionKeyOf, so no key is rebuilt by hand from host, port and user without its jump chain.
 */
export type ConnectionKey = string & { readonly __brand: 'ConnectionKey' };

export const DEFAULT_SSH_PORT = 22;

/** host:port, an IPv6 literal in brackets so the port stays unambiguous ([::1]:22). */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** user@host:port, the host as formatHostPort writes it. */
export function formatEndpoint(e: Endpoint): string {
  return `${e.username}@${formatHostPort(e.host, e.port ?? DEFAULT_SSH_PORT)}`;
}

/**
 * The key a target is pooled under. Two targets share connections only when user, host, port
 * and the whole jump chain (first hop first) are the same.
 */
export function connectionKeyOf(target: Endpoint & { jump?: readonly Endpoint[] }): ConnectionKey {
  const base = formatEndpoint(target);
  if (!target.jump || target.jump.length === 0) return base as ConnectionKey;
  return `${base} via ${target.jump.map(formatEndpoint).join(' > ')}` as ConnectionKey;
}

// ---------------------------------------------------------------------------------------------
// Saved hosts: what the user keeps in the host list, validated the same way by the core and UI.
// ---------------------------------------------------------------------------------------------

export const AUTH_METHODS = ['password', 'key', 'agent', 'keyboard-interactive'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const DEFAULT_BIND_ADDRESS = '127.0.0.1';

/** Missing fields say "is required" rather than a type complaint about undefined. */
const required = (wrongType: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : wrongType;

const nonEmpty = () =>
  z.string({ error: required('must be text') }).trim().min(1, { error: 'must not be empty' });

const portNumber = () =>
  z
    .number({ error: required('must be a number') })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be from 1 to 65535' })
    .max(65535, { error: 'must be from 1 to 65535' });

const positiveInt = () =>
  z.number({ error: required('must be a number') }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' });

export const HostAuthSchema = z
  .object({
    method: z.enum(AUTH_METHODS, { error: required(`must be one of ${AUTH_METHODS.join(', ')}`) }),
    keyPath: nonEmpty().optional(),
  }, { error: required('must be an object with a method') })
  .superRefine((auth, ctx) => {
    if (auth.method === 'key' && auth.keyPath === undefined) {
      ctx.addIssue({ code: 'custom', path: ['keyPath'], message: 'is required when auth.method is "key"' });
    }
  });
export type HostAuth = z.output<typeof HostAuthSchema>;

export const HostKeepaliveSchema = z.object({
  /** 0 turns keep-alives off for this host, as ServerAliveInterval 0 does in OpenSSH. */
  intervalMs: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(0, { error: 'must not be negative' })
    .optional(),
  countMax: positiveInt().optional(),
}, { error: 'must be an object' });
export type HostKeepalive = z.output<typeof HostKeepaliveSchema>;

export const HostPoolCapsSchema = z.object({
  maxChannelsPerConnection: positiveInt().optional(),
  maxConnectionsPerHost: positiveInt().optional(),
}, { error: 'must be an object' });
export type HostPoolCaps = z.output<typeof HostPoolCapsSchema>;

export const LocalForwardSchema = z.object({
  id: nonEmpty(),
  bindPort: portNumber(),
  bindAddress: nonEmpty().default(DEFAULT_BIND_ADDRESS),
  remoteHost: nonEmpty(),
  remotePort: portNumber(),
  autoStart: z.boolean({ error: 'must be true or false' }).optional(),
}, { error: 'must be an object' });
export type LocalForward = z.output<typeof LocalForwardSchema>;

/** Where an imported host came from; re-imports find the host again by `alias`. */
export const HostImportOriginSchema = z.object({
  source: z.literal('ssh_config', { error: required('must be "ssh_config"') }),
  alias: nonEmpty(),
  file: z.string({ error: 'must be text' }).optional(),
}, { error: 'must be an object' });
export type HostImportOrigin = z.output<typeof HostImportOriginSchema>;

const savedHostFields = {
  label: nonEmpty().max(200, { error: 'must be at most 200 characters' }),
  host: nonEmpty().regex(/^\S+$/, { error: 'must not contain spaces' }),
  port: portNumber().default(DEFAULT_SSH_PORT),
  username: nonEmpty(),
  auth: HostAuthSchema,
  jumpHostId: nonEmpty().optional(),
  group: nonEmpty().optional(),
  tags: z.array(nonEmpty(), { error: 'must be a list of tags' }).default([]),
  colour: z
    .string({ error: 'must be text' })
    .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'must be a hex colour like #3a7bd5' })
    .optional(),
  keepalive: HostKeepaliveSchema.optional(),
  pool: HostPoolCapsSchema.optional(),
  /** Unset: the global policy (ask, unless the settings say otherwise). */
  hostKeyPolicy: z.enum(HOST_KEY_POLICIES, { error: `must be one of ${HOST_KEY_POLICIES.join(', ')}` }).optional(),
  localForwards: z.array(LocalForwardSchema, { error: 'must be a list of forwards' }).default([]),
  notes: z.string({ error: 'must be text' }).optional(),
  importedFrom: HostImportOriginSchema.optional(),
};

/** A host typed into quick connect (user@host[:port]); the same rules as a saved host's fields. */
export const QuickConnectSpecSchema = z.object({
  username: savedHostFields.username,
  host: savedHostFields.host,
  port: portNumber().optional(),
  password: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }).optional(),
}, { error: 'must be an object with username and host' });

/** Rules that span several fields; shared by the stored shape and the draft the UI edits. */
function checkForwards(host: { localForwards: LocalForward[] }, ctx: z.RefinementCtx): void {
  const ids = new Map<string, number>();
  const binds = new Map<string, number>();
  host.localForwards.forEach((fwd, i) => {
    const idAt = ids.get(fwd.id);
    if (idAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['localForwards', i, 'id'], message: `"${fwd.id}" is already used by localForwards[${idAt}]` });
    } else ids.set(fwd.id, i);
    const bind = formatHostPort(fwd.bindAddress, fwd.bindPort);
    const bindAt = binds.get(bind);
    if (bindAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['localForwards', i, 'bindPort'], message: `${bind} is already used by localForwards[${bindAt}]` });
    } else binds.set(bind, i);
  });
}

/** A host as stored and as the core uses it. Secrets are never part of it. */
export const SavedHostSchema = z
  .object({ id: nonEmpty(), ...savedHostFields }, { error: 'must be an object' })
  .superRefine((host, ctx) => {
    checkForwards(host, ctx);
    if (host.jumpHostId === host.id) {
      ctx.addIssue({ code: 'custom', path: ['jumpHostId'], message: 'a host cannot be its own jump host' });
    }
  });
export type SavedHost = z.output<typeof SavedHostSchema>;

/** What the UI sends to create a host: everything but the id, which the core assigns. */
export const SavedHostDraftSchema = z.object(savedHostFields, { error: 'must be an object' }).superRefine(checkForwards);
export type SavedHostDraft = z.input<typeof SavedHostDraftSchema>;

/** An edit: fields left out stay as they are; null clears an optional field. */
export type SavedHostPatch = { [K in keyof SavedHostDraft]?: SavedHostDraft[K] | null };

/** A patch's field: left out keeps the value, null clears it; defaults apply only when a host is created. */
type PatchField<S extends z.ZodType> = z.ZodOptional<z.ZodNullable<S extends z.ZodDefault<infer Inner extends z.ZodType> ? Inner : S>>;

function patchFields<S extends Record<string, z.ZodType>>(fields: S): { [K in keyof S]: PatchField<S[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(fields)) {
    // A default here would turn "port left out" into "port set to 22" and overwrite the saved one.
    out[key] = (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).nullable().optional();
  }
  return out as { [K in keyof S]: PatchField<S[K]> };
}

/** What the UI sends to edit a host; the merged result is checked again as a whole (SavedHostSchema). */
export const SavedHostPatchSchema = z.object(patchFields(savedHostFields), { error: 'must be an object' }).superRefine((patch, ctx) => {
  if (patch.localForwards) checkForwards({ localForwards: patch.localForwards }, ctx);
});

/** A host as the UI sees it: it learns whether a secret is saved, never the secret. */
export type SavedHostView = SavedHost & {
  hasPassword: boolean;
  hasPassphrase: boolean;
  /** The pool key its tabs live on (jump chain included): how the UI and tray find its health. */
  connectionKey: ConnectionKey;
};

/** Secrets sent along with a create or update: a string saves it, null forgets it. */
export interface HostSecretsInput {
  password?: string | null;
  passphrase?: string | null;
}

const MAX_SECRET_LENGTH = 4096;

const secretInput = () =>
  z
    .string({ error: 'must be text, or null to forget the saved one' })
    .max(MAX_SECRET_LENGTH, { error: `must be at most ${MAX_SECRET_LENGTH} characters` })
    .nullable()
    .optional();

export const HostSecretsInputSchema = z.object({ password: secretInput(), passphrase: secretInput() }, { error: 'must be an object' });

/** One line per problem, each starting with the field it is about (e.g. "localForwards[0].bindPort"). */
export function describeHostIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
}

function issuePath(path: readonly PropertyKey[]): string {
  return fieldPath(path) || '(entry)';
}

type JumpLink = Pick<SavedHost, 'id' | 'label' | 'jumpHostId'>;

/**
 * Why `host`'s jump chain is unusable (a missing hop or a loop), or undefined when it is fine.
 * `others` are the saved hosts; an entry with host.id in it is treated as replaced by `host`.
 */
export function jumpChainProblem(host: JumpLink, others: readonly JumpLink[]): string | undefined {
  const byId = new Map(others.map((h) => [h.id, h]));
  byId.set(host.id, host);
  const seen: JumpLink[] = [host];
  let current = host;
  while (current.jumpHostId !== undefined) {
    const next = byId.get(current.jumpHostId);
    if (next === undefined) {
      const who = current === host ? '' : ` (via "${current.label}")`;
      return `jumpHostId: jump host "${current.jumpHostId}"${who} does not exist`;
    }
    if (seen.includes(next)) {
      const names = [...seen, next].map((h) => `"${h.label}"`).join(' -> ');
      return `jumpHostId: jump hosts form a loop: ${names}`;
    }
    seen.push(next);
    current = next;
  }
  return undefined;
}
