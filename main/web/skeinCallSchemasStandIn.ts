// STAND-IN, DELETE ON MERGE: minimal argument checks until app/skeinCallSchemas.ts (same signature) lands.
import { z } from 'zod';
import { SKEIN_CALLS, type SkeinCall } from '../../app/api.js';
import { SkeinError } from '../../app/skeinError.js';

const id = z.string().min(1);
const object = z.record(z.string(), z.unknown());
const count = z.number().int().min(0);

/** Each method's arguments by parameter name, so an error names the field as "size.cols". */
const SCHEMAS: Record<SkeinCall, [string, z.ZodType][]> = {
  listHosts: [],
  searchHosts: [['query', z.string()]],
  createHost: [['draft', object], ['secrets', object.optional()]],
  updateHost: [['id', id], ['patch', object], ['secrets', object.optional()]],
  deleteHost: [['id', id]],
  hostProblems: [],
  importSshConfig: [['path', z.string().optional()]],
  connectHost: [['hostId', id]],
  openTab: [['hostId', id], ['size', z.object({ cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) })]],
  writeTab: [['tabId', id], ['data', z.instanceof(Uint8Array)]],
  resizeTab: [['tabId', id], ['cols', z.number().int().min(1).max(1000)], ['rows', z.number().int().min(1).max(1000)]],
  closeTab: [['tabId', id]],
  ackTab: [['tabId', id], ['bytes', count]],
  exec: [['hostId', id], ['command', z.string()], ['opts', z.object({ timeoutMs: z.number().int().positive().optional() }).optional()]],
  startForward: [['hostId', id], ['forwardId', id]],
  stopForward: [['hostId', id], ['forwardId', id]],
  answerHostKeyPrompt: [['promptId', id], ['trust', z.boolean()]],
  answerAuthPrompt: [['promptId', id], ['answers', z.array(z.string()).nullable()]],
  vaultStatus: [],
  createVault: [['passphrase', z.string()]],
  unlockVault: [['passphrase', z.string()]],
  poolSnapshot: [],
};

const calls = new Set<string>(SKEIN_CALLS);

export function parseSkeinCall(method: unknown, args: unknown): { method: SkeinCall; args: unknown[] } {
  if (typeof method !== 'string' || !calls.has(method)) {
    throw new SkeinError({ code: 'INVALID_INPUT', message: `unknown API call ${JSON.stringify(method)}`, field: 'method' });
  }
  const params = SCHEMAS[method as SkeinCall];
  if (!Array.isArray(args)) throw new SkeinError({ code: 'INVALID_INPUT', message: `the arguments of ${method} must be a list`, field: 'args' });
  if (args.length > params.length) {
    throw new SkeinError({ code: 'INVALID_INPUT', message: `${method} takes at most ${params.length} arguments, not ${args.length}`, field: 'args' });
  }
  const parsed = params.map(([name, schema], i) => {
    const result = schema.safeParse(args[i]);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    const field = [name, ...(issue?.path ?? []).map(String)].join('.');
    throw new SkeinError({ code: 'INVALID_INPUT', message: `${method}: ${field}: ${issue?.message ?? 'invalid'}`, field });
  });
  // Trailing optional arguments left out stay left out.
  while (parsed.length > args.length && parsed[parsed.length - 1] === undefined) parsed.pop();
  return { method: method as SkeinCall, args: parsed };
}
