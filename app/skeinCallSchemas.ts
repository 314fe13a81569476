// What each SkeinApi call may be given, checked at every transport's door (web mode, Electron IPC) before the core sees it.
import { z } from 'zod';
import type { SkeinApi, SkeinCall, SkeinEvent } from './api.js';
import { HostSecretsInputSchema, QuickConnectSpecSchema, SavedHostDraftSchema, SavedHostPatchSchema } from './hosts.js';
import { SettingsPatchSchema } from './settings.js';
import { SkeinError, fieldPath } from './skeinError.js';

/** Bounds that keep one malformed or hostile call from costing the core (or the other tabs) anything. */
export const SKEIN_CALL_LIMITS = {
  idLength: 256,
  tabIdLength: 64,
  queryLength: 1000,
  pathLength: 4096,
  terminalSize: 10_000,
  /** One writeTab: far above a paste, well below what would stall the channel for the other tabs. */
  writeBytes: 1024 * 1024,
  /** Well under sshd's 256 KiB packet limit, past which sshd drops the whole connection. */
  commandBytes: 32 * 1024,
  execTimeoutMs: 24 * 60 * 60 * 1000,
  promptAnswers: 64,
  promptAnswerLength: 4096,
} as const;

const L = SKEIN_CALL_LIMITS;

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

const id = () => text(L.idLength);
const tabId = () => text(L.tabIdLength);

const wholeNumber = (min: number, max: number, unit = '') => {
  const range = `must be a whole number${unit} from ${min} to ${max}`;
  return z.number({ error: range }).int({ error: range }).min(min, { error: range }).max(max, { error: range });
};

const terminalDimension = () => wholeNumber(1, L.terminalSize);

const TerminalSize = z.object({ cols: terminalDimension(), rows: terminalDimension() }, { error: 'must be an object { cols, rows }' });

// z.instanceof would type it Uint8Array<ArrayBuffer>, narrower than the API's Uint8Array.
const TabData = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, { error: 'must be bytes (a Uint8Array)' })
  .refine((data) => data.byteLength <= L.writeBytes, { error: `must be at most ${L.writeBytes} bytes (1 MiB); send longer input in parts` });

/** UTF-8 length without TextEncoder, which app/ (no DOM, no Node) cannot assume. */
function utf8Bytes(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const commandLimit = `must be at most ${L.commandBytes} bytes (32 KiB) of UTF-8`;
const Command = z
  .string({ error: 'must be text' })
  .min(1, { error: 'must not be empty' })
  // Each UTF-16 unit is at least one UTF-8 byte: the cheap check turns a huge string away without counting.
  .max(L.commandBytes, { error: commandLimit })
  .refine((command) => command.length > L.commandBytes || utf8Bytes(command) <= L.commandBytes, { error: commandLimit });

const OpenTabOptions = z.object({ newConnection: z.boolean({ error: 'must be true or false' }).optional() }, { error: 'must be an object' });

const ExecOptions = z.object({ timeoutMs: wholeNumber(1, L.execTimeoutMs, ' of milliseconds').optional() }, { error: 'must be an object' });

/** A new vault's passphrase: all that stands between a stolen vault file and the saved passwords. */
const VaultPassphrase = z
  .string({ error: 'must be text' })
  .min(8, { error: 'must be at least 8 characters' })
  .max(L.promptAnswerLength, { error: `must be at most ${L.promptAnswerLength} characters` });

const PromptAnswers = z
  .array(z.string({ error: 'must be text' }).max(L.promptAnswerLength, { error: `must be at most ${L.promptAnswerLength} characters` }), {
    error: 'must be a list of answers, or null to cancel',
  })
  .max(L.promptAnswers, { error: `must hold at most ${L.promptAnswers} answers` })
  .nullable();

/**
 * A call's parameters in order, by name. The names are SkeinApi's and make an error's field:
 * the parameter, then the path inside it ("size.cols", "draft.localForwards[0].bindPort").
 */
function params<const P extends readonly (readonly [string, z.ZodType])[]>(
  ...list: P
): { names: string[]; args: z.ZodTuple<{ -readonly [I in keyof P]: P[I][1] }, null> } {
  // zod types a tuple from a literal list of schemas; this one is built, so its type is stated above.
  const items = list.map(([, schema]) => schema) as [z.ZodType];
  return { names: list.map(([name]) => name), args: z.tuple(items) as unknown as z.ZodTuple<{ -readonly [I in keyof P]: P[I][1] }, null> };
}

export const SKEIN_CALL_SCHEMAS = {
  listHosts: params(),
  searchHosts: params(['query', z.string({ error: 'must be text' }).max(L.queryLength, { error: `must be at most ${L.queryLength} characters` })]),
  createHost: params(['draft', SavedHostDraftSchema], ['secrets', HostSecretsInputSchema.optional()]),
  updateHost: params(['id', id()], ['patch', SavedHostPatchSchema], ['secrets', HostSecretsInputSchema.optional()]),
  deleteHost: params(['id', id()]),
  hostProblems: params(),
  importSshConfig: params(['path', text(L.pathLength).optional()]),
  connectHost: params(['hostId', id()]),
  disconnectHost: params(['hostId', id()]),
  quickConnect: params(['spec', QuickConnectSpecSchema]),
  saveQuickHost: params(['hostId', id()], ['label', text(200).optional()]),
  reconnectNow: params(['hostId', id()]),
  openTab: params(['hostId', id()], ['size', TerminalSize], ['opts', OpenTabOptions.optional()]),
  writeTab: params(['tabId', tabId()], ['data', TabData]),
  resizeTab: params(['tabId', tabId()], ['cols', terminalDimension()], ['rows', terminalDimension()]),
  closeTab: params(['tabId', tabId()]),
  ackTab: params(['tabId', tabId()], ['bytes', wholeNumber(0, Number.MAX_SAFE_INTEGER)]),
  exec: params(['hostId', id()], ['command', Command], ['opts', ExecOptions.optional()]),
  startForward: params(['hostId', id()], ['forwardId', id()]),
  stopForward: params(['hostId', id()], ['forwardId', id()]),
  answerHostKeyPrompt: params(['promptId', id()], ['trust', z.boolean({ error: 'must be true or false' })]),
  answerAuthPrompt: params(['promptId', id()], ['answers', PromptAnswers]),
  poolSnapshot: params(),
  getSettings: params(),
  updateSettings: params(['patch', SettingsPatchSchema]),
  vaultStatus: params(),
  createVault: params(['passphrase', VaultPassphrase]),
  unlockVault: params(['passphrase', z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }).max(L.promptAnswerLength, { error: `must be at most ${L.promptAnswerLength} characters` })]),
} satisfies Record<Exclude<keyof SkeinApi, SkeinEvent>, { names: string[]; args: z.ZodType }>;

/** The arguments a call is made with, as its method declares them. */
export type SkeinCallArgs<K extends SkeinCall> = Parameters<SkeinApi[K]>;

// The compiler holds the schemas to SkeinApi. Every method that is not an event needs a schema
// (and a place in SKEIN_CALLS); a schema must produce what its method takes and accept all of it.
type Calls = Exclude<keyof SkeinApi, SkeinEvent>;
type Schema<K extends Calls> = (typeof SKEIN_CALL_SCHEMAS)[K]['args'];
type Fits<S extends z.ZodType, P> = [z.output<S>] extends [P] ? ([P] extends [z.input<S>] ? true : false) : false;
type Disagreeing = { [K in Calls]: Fits<Schema<K>, Parameters<SkeinApi[K]>> extends true ? never : K }[Calls];
type NotInSkeinCalls = Exclude<Calls, SkeinCall>;
/** Fails the compile with the offending call's name: `Type '"writeTab"' does not satisfy the constraint 'true'`. */
type Holds<T extends true> = T;
// Type-level arithmetic: unions with never are the point here, not a mistake.
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents, @typescript-eslint/no-duplicate-type-constituents
type _SchemasAgreeWithSkeinApi = Holds<[Disagreeing | NotInSkeinCalls] extends [never] ? true : Disagreeing | NotInSkeinCalls>;

export type ParsedSkeinCall = { [K in SkeinCall]: { method: K; args: SkeinCallArgs<K> } }[SkeinCall];

/**
 * Checks a call as it arrived over a transport. Throws SkeinError INVALID_INPUT whose field names
 * what is wrong: "method" for an unknown call, "args" for a list of the wrong shape, else the
 * parameter and the path inside it (see SkeinErrorShape.field); its message lists every issue.
 * The returned args are the parsed values (trimmed, defaults applied), safe to hand to the core.
 */
export function parseSkeinCall(method: unknown, args: unknown): ParsedSkeinCall {
  if (typeof method !== 'string' || !Object.hasOwn(SKEIN_CALL_SCHEMAS, method)) {
    const name = typeof method === 'string' ? JSON.stringify(method.slice(0, 100)) : `a ${typeof method}`;
    throw new SkeinError({ code: 'INVALID_INPUT', message: `${name} is not a Skein API call`, field: 'method' });
  }
  const call = method as SkeinCall;
  const { names, args: schema } = SKEIN_CALL_SCHEMAS[call];
  const signature = `${call}(${names.join(', ')})`;
  if (!Array.isArray(args)) {
    throw new SkeinError({ code: 'INVALID_INPUT', message: `${signature}: the arguments must be a list`, field: 'args' });
  }
  if (args.length > names.length) {
    const most = `${names.length} argument${names.length === 1 ? '' : 's'}`;
    throw new SkeinError({ code: 'INVALID_INPUT', message: `${signature} takes at most ${most}, got ${args.length}`, field: 'args' });
  }
  // Padded so each missing parameter is named (zod would only say the list is short), then cut back.
  const given: unknown[] = args;
  const padded = [...given, ...Array<undefined>(names.length - given.length).fill(undefined)];
  const parsed = schema.safeParse(padded);
  if (parsed.success) return { method: call, args: parsed.data.slice(0, args.length) } as ParsedSkeinCall;
  const fields = parsed.error.issues.map((issue) => {
    const [position, ...inside] = issue.path;
    const name = typeof position === 'number' ? names[position] : undefined;
    if (name === undefined) return { field: 'args', message: issue.message };
    // A left-out parameter reads "is required", not a type complaint about undefined.
    const missing = inside.length === 0 && issue.code === 'invalid_type' && padded[position as number] === undefined;
    return { field: fieldPath([name, ...inside]), message: missing ? 'is required' : issue.message };
  });
  throw new SkeinError({
    code: 'INVALID_INPUT',
    message: `${signature}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    field: fields[0]?.field ?? 'args',
  });
}

/** Makes a checked call on the API: the one place a transport turns a method name into a call. */
export function invokeSkeinCall(api: SkeinApi, call: ParsedSkeinCall): unknown {
  const methods = api as unknown as Record<SkeinCall, (...args: unknown[]) => unknown>;
  return methods[call.method].apply(api, call.args);
}
