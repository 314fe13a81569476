// Saved hosts on disk: a versioned conf/electron-store document, validated entry by entry, secrets kept apart.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ZodError } from 'zod';
import type { HostProblem } from '../../app/api.js';
import {
  SavedHostDraftSchema,
  SavedHostSchema,
  describeHostIssues,
  jumpChainProblem,
  type HostSecretsInput,
  type SavedHost,
  type SavedHostDraft,
  type SavedHostPatch,
  type SavedHostView,
} from '../../app/hosts.js';
import { fieldPath } from '../../app/skeinError.js';
import { HostError } from './hostError.js';
import { hostSecretId } from './hostSecretId.js';
import { savedHostConnectionKey } from './savedHostConnectionKey.js';
import type { HostsLogger } from './hostsLogger.js';
import { PRIVATE_FILE_MODE } from './privateFileMode.js';
import type { SecretStore } from './secretStore.js';

/**
 * The part of a conf / electron-store instance HostStore uses: the whole document, which conf
 * re-reads from disk on every access and writes atomically on assignment. Construct conf
 * without its `schema` option: one bad entry must not make the whole file unreadable.
 */
export interface HostDocument {
  readonly path: string;
  store: Record<string, unknown>;
}

/**
 * The conf / electron-store options the hosts document is opened with, beside its name and folder.
 * conf's default mode is 0o666 less the umask (0644: readable by every user); saved hosts are the
 * owner's alone. conf chmods each atomic write, so an older, wider file is narrowed on its next save.
 */
export const HOST_DOCUMENT_OPTIONS = { accessPropertiesByDotNotation: false, configFileMode: PRIVATE_FILE_MODE } as const;

export interface HostStoreOptions {
  document: HostDocument;
  secrets: SecretStore;
  logger?: HostsLogger;
  newId?: () => string;
}

interface Entry {
  index: number;
  host: SavedHost;
}

interface Snapshot {
  document: Record<string, unknown>;
  raw: unknown[];
  entries: Entry[];
  problems: HostProblem[];
}

const CURRENT_VERSION = 1;

export class HostStore {
  readonly #document: HostDocument;
  readonly #secrets: SecretStore;
  readonly #logger: HostsLogger | undefined;
  readonly #newId: () => string;
  /** Each problem is logged once per store, not on every read. */
  readonly #loggedProblems = new Set<string>();

  constructor(options: HostStoreOptions) {
    this.#document = options.document;
    this.#secrets = options.secrets;
    this.#logger = options.logger;
    this.#newId = options.newId ?? randomUUID;
  }

  async list(): Promise<SavedHostView[]> {
    const { entries } = this.#snapshot();
    return Promise.all(entries.map((e) => this.#view(e.host, entries)));
  }

  async get(id: string): Promise<SavedHostView | undefined> {
    const { entries } = this.#snapshot();
    const entry = entries.find((e) => e.host.id === id);
    return entry && this.#view(entry.host, entries);
  }

  /** Case-insensitive; every word must appear in the label, host, user, group or a tag. */
  async search(query: string): Promise<SavedHostView[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const { entries } = this.#snapshot();
    const hits = entries.filter(({ host }) => {
      const fields = [host.label, host.host, host.username, host.group ?? '', ...host.tags].map((f) => f.toLowerCase());
      return words.every((w) => fields.some((f) => f.includes(w)));
    });
    return Promise.all(hits.map((e) => this.#view(e.host, entries)));
  }

  /** Entries in the file that are ignored until fixed. */
  problems(): HostProblem[] {
    return this.#snapshot().problems;
  }

  async create(draft: SavedHostDraft, secrets: HostSecretsInput = {}): Promise<SavedHostView> {
    const snap = this.#snapshot();
    const parsed = SavedHostDraftSchema.safeParse(draft);
    const label = typeof draft?.label === 'string' ? draft.label : 'new host';
    if (!parsed.success) throw invalid(label, parsed.error, 'draft');
    const taken = new Set(snap.raw.map(rawId));
    let id = this.#newId();
    while (taken.has(id)) id = this.#newId();
    const host: SavedHost = { id, ...parsed.data };
    this.#checkJump(host, snap, 'draft');
    await this.#applySecrets(id, secrets);
    try {
      this.#save(snap, [...snap.raw, host]);
    } catch (error) {
      await this.#applySecrets(id, { password: null, passphrase: null }).catch(() => undefined);
      throw error;
    }
    return this.#view(host, snap.entries);
  }

  async update(id: string, patch: SavedHostPatch, secrets: HostSecretsInput = {}): Promise<SavedHostView> {
    const snap = this.#snapshot();
    const entry = this.#entry(snap, id);
    const merged: Record<string, unknown> = { ...entry.host };
    for (const [key, value] of Object.entries(patch)) {
      // The id names the secrets and the jump references; it is not editable.
      if (key === 'id' || value === undefined) continue;
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const parsed = SavedHostSchema.safeParse(merged);
    // The saved entry was valid, so whatever fails here came with the patch.
    if (!parsed.success) throw invalid(entry.host.label, parsed.error, 'patch');
    this.#checkJump(parsed.data, snap, 'patch');
    await this.#applySecrets(id, secrets);
    const raw = [...snap.raw];
    raw[entry.index] = parsed.data;
    this.#save(snap, raw);
    return this.#view(parsed.data, snap.entries);
  }

  /** Also forgets the host's secrets. Refuses while another host jumps through it. */
  async delete(id: string): Promise<void> {
    const snap = this.#snapshot();
    const index = snap.raw.findIndex((r) => rawId(r) === id);
    if (index < 0) throw notFound(id);
    const label = snap.entries.find((e) => e.host.id === id)?.host.label ?? rawLabel(snap.raw[index]) ?? id;
    const dependants = snap.raw
      .filter((r) => isRecord(r) && r.jumpHostId === id && rawId(r) !== id)
      .map((r) => `"${rawLabel(r) ?? rawId(r) ?? '(unnamed)'}"`);
    if (dependants.length > 0) {
      throw new HostError('HOST_IN_USE', `cannot delete "${label}": it is the jump host of ${dependants.join(', ')}; give them another jump host first`, {
        hint: `Give ${dependants.join(', ')} another jump host (or none), then delete "${label}".`,
      });
    }
    this.#save(snap, snap.raw.filter((_, i) => i !== index));
    await this.#applySecrets(id, { password: null, passphrase: null });
  }

  #entry(snap: Snapshot, id: string): Entry {
    const entry = snap.entries.find((e) => e.host.id === id);
    if (entry) return entry;
    const problem = snap.problems.find((p) => p.id === id);
    if (problem) {
      throw new HostError('HOST_ENTRY_INVALID', `saved host "${problem.label ?? id}" cannot be edited until its entry is fixed: ${problem.issues.join('; ')}`, {
        hint: `Fix hosts[${problem.index}] in ${problem.file}, or delete the host and add it again.`,
      });
    }
    throw notFound(id);
  }

  #checkJump(host: SavedHost, snap: Snapshot, param: 'draft' | 'patch'): void {
    const problem = jumpChainProblem(host, snap.entries.map((e) => e.host));
    if (problem) throw new HostError('INVALID_INPUT', `cannot save host "${host.label}": ${problem}`, { field: `${param}.jumpHostId` });
  }

  async #applySecrets(id: string, secrets: HostSecretsInput): Promise<void> {
    for (const kind of ['password', 'passphrase'] as const) {
      const value = secrets[kind];
      if (value === undefined) continue;
      if (value === null) await this.#secrets.delete(hostSecretId(id, kind));
      else await this.#secrets.set(hostSecretId(id, kind), value);
    }
  }

  /** `entries` are the saved hosts the jump chain is followed through. */
  async #view(host: SavedHost, entries: readonly Entry[]): Promise<SavedHostView> {
    const [hasPassword, hasPassphrase] = await Promise.all([
      this.#secrets.has(hostSecretId(host.id, 'password')),
      this.#secrets.has(hostSecretId(host.id, 'passphrase')),
    ]);
    const connectionKey = savedHostConnectionKey(host, entries.map((e) => e.host));
    return { ...structuredClone(host), hasPassword, hasPassphrase, connectionKey };
  }

  #save(snap: Snapshot, raw: unknown[]): void {
    // Other top-level keys and malformed entries go back exactly as they were read.
    this.#document.store = { ...snap.document, schemaVersion: CURRENT_VERSION, hosts: raw };
  }

  #snapshot(): Snapshot {
    const path = this.#document.path;
    let document = { ...this.#document.store };
    const version = document.schemaVersion;
    if (version === undefined && document.hosts !== undefined) {
      document = this.#migrateFromV0(document);
    } else if (version !== undefined && version !== CURRENT_VERSION) {
      const found = JSON.stringify(version);
      if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_VERSION) {
        throw new HostError('HOSTS_FILE_INVALID', `${path} has schemaVersion ${found}, newer than this Skein understands (${CURRENT_VERSION}); the file was left untouched`, {
          hint: 'Update Skein to the version that wrote this file.',
        });
      }
      throw new HostError('HOSTS_FILE_INVALID', `${path}: schemaVersion ${found} is not a version Skein knows; the file was left untouched`);
    }
    const hosts = document.hosts ?? [];
    if (!Array.isArray(hosts)) {
      throw new HostError('HOSTS_FILE_INVALID', `${path}: "hosts" must be a list, found ${typeof hosts}; the file was left untouched`);
    }
    const entries: Entry[] = [];
    const problems: HostProblem[] = [];
    const firstIndexOfId = new Map<string, number>();
    hosts.forEach((raw: unknown, index) => {
      const parsed = SavedHostSchema.safeParse(raw);
      let issues = parsed.success ? [] : describeHostIssues(parsed.error);
      if (!isRecord(raw)) issues = ['(entry): must be an object'];
      const id = rawId(raw);
      if (id !== undefined) {
        const first = firstIndexOfId.get(id);
        if (first !== undefined) issues.push(`id: "${id}" is already used by hosts[${first}]`);
        else firstIndexOfId.set(id, index);
      }
      if (parsed.success && issues.length === 0) {
        entries.push({ index, host: parsed.data });
        return;
      }
      problems.push(entryProblem(path, index, raw, issues));
    });
    for (const p of problems) {
      if (this.#loggedProblems.has(p.message)) continue;
      this.#loggedProblems.add(p.message);
      this.#logger?.warn(p.message);
    }
    return { document, raw: hosts, entries, problems };
  }

  /**
   * v0 was the first, flat shape: { hosts: [{ id, name, hostname, port, user, identityFile?,
   * usePassword?, jumpHost?, group?, tags: "a, b" }] } with no schemaVersion. Fields are renamed
   * losslessly; unknown fields stay; the original file is copied aside before the rewrite.
   */
  #migrateFromV0(document: Record<string, unknown>): Record<string, unknown> {
    const path = this.#document.path;
    if (!Array.isArray(document.hosts)) {
      throw new HostError('HOSTS_FILE_INVALID', `${path}: "hosts" must be a list, found ${typeof document.hosts}; the file was left untouched`);
    }
    const backup = backUp(path, 'v0');
    const migrated = { ...document, schemaVersion: CURRENT_VERSION, hosts: document.hosts.map(migrateEntryFromV0) };
    this.#document.store = migrated;
    this.#logger?.info(`migrated ${path} from schemaVersion 0 to ${CURRENT_VERSION} (${document.hosts.length} hosts); the original is kept at ${backup}`);
    return migrated;
  }
}

function migrateEntryFromV0(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const { id, name, hostname, user, identityFile, usePassword, jumpHost, tags, ...rest } = entry;
  const out: Record<string, unknown> = { id };
  if (name !== undefined) out.label = name;
  if (hostname !== undefined) out.host = hostname;
  out.port = rest.port ?? 22;
  if (user !== undefined) out.username = user;
  if (typeof identityFile === 'string' && identityFile !== '') out.auth = { method: 'key', keyPath: identityFile };
  else out.auth = { method: usePassword === true ? 'password' : 'agent' };
  if (jumpHost !== undefined && jumpHost !== null && jumpHost !== '') out.jumpHostId = jumpHost;
  out.tags =
    typeof tags === 'string'
      ? tags.split(',').map((t) => t.trim()).filter(Boolean)
      : (tags ?? []);
  out.localForwards = [];
  return { ...out, ...rest, port: out.port };
}

/** Copies the file aside, private whatever the original's mode, without ever overwriting an earlier backup. */
function backUp(path: string, tag: string): string {
  const original = readFileSync(path);
  for (let n = 0; ; n++) {
    const target = n === 0 ? `${path}.${tag}.bak` : `${path}.${tag}.${n}.bak`;
    try {
      writeFileSync(target, original, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function entryProblem(file: string, index: number, raw: unknown, issues: string[]): HostProblem {
  const id = rawId(raw);
  const label = rawLabel(raw);
  const names = [id !== undefined ? `id "${id}"` : '', label !== undefined ? `label "${label}"` : ''].filter(Boolean).join(', ');
  const message = `${file}: hosts[${index}]${names ? ` (${names})` : ''} is ignored until fixed (kept in the file as is): ${issues.join('; ')}`;
  const problem: HostProblem = { file, index, issues, message };
  if (id !== undefined) problem.id = id;
  if (label !== undefined) problem.label = label;
  return problem;
}

/** `param` is the argument the issues are about, so the field names it as the caller wrote it. */
function invalid(label: string, error: ZodError, param: 'draft' | 'patch'): HostError {
  const path = fieldPath(error.issues[0]?.path ?? []);
  return new HostError('INVALID_INPUT', `cannot save host "${label}": ${describeHostIssues(error).join('; ')}`, {
    field: path === '' ? param : `${param}.${path}`,
  });
}

function notFound(id: string): HostError {
  return new HostError('HOST_NOT_FOUND', `no saved host with id "${id}"`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rawId(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
}

function rawLabel(raw: unknown): string | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.label === 'string') return raw.label;
  return typeof raw.name === 'string' ? raw.name : undefined;
}
