// Saves the hosts of ~/.ssh/config into the HostStore, updating earlier imports instead of duplicating them.
import { formatEndpoint, formatHostPort, type HostAuth, type HostKeepalive, type LocalForward, type SavedHostDraft, type SavedHostPatch, type SavedHostView } from '../../app/hosts.js';
import type { HostStore } from './hostStore.js';
import {
  forwardText,
  SSH_CONFIG_FORWARD_PREFIX,
  type SshConfigCandidate,
  type SshConfigReader,
  type SshConfigSkip,
} from './sshConfigReader.js';

export interface SshConfigImportOptions {
  hosts: Pick<HostStore, 'list' | 'create' | 'update'>;
  reader: Pick<SshConfigReader, 'read'>;
}

/** One saved host as the report shows it. */
export interface SshConfigImportedHost {
  id: string;
  label: string;
  /** The importedFrom alias: a Host alias, a ProxyJump spec, or "hop via previous". */
  alias: string;
  kind: SshConfigCandidate['kind'];
  /** user@host:port */
  target: string;
  /** e.g. "key /home/me/.ssh/id_ed25519", "password", "agent" */
  auth: string;
  /** Label of the saved jump host, if any. */
  jump?: string;
  file: string;
  line: number;
  note?: string;
  warnings: string[];
  /** For updates: what changed, e.g. "port 22 -> 2222"; for new hosts: the forwards saved with it. */
  changes: string[];
}

export interface SshConfigImportResult {
  configPath: string;
  files: string[];
  imported: SshConfigImportedHost[];
  updated: SshConfigImportedHost[];
  unchanged: SshConfigImportedHost[];
  skipped: SshConfigSkip[];
  /** Hosts an earlier import saved whose alias is gone from the config; left as they are. */
  missing: Array<{ id: string; label: string; alias: string }>;
  notes: string[];
}

export class SshConfigImport {
  readonly #hosts: SshConfigImportOptions['hosts'];
  readonly #reader: SshConfigImportOptions['reader'];

  constructor(options: SshConfigImportOptions) {
    this.#hosts = options.hosts;
    this.#reader = options.reader;
  }

  /** Reads the config (~/.ssh/config unless named) and saves what it finds. */
  async run(configPath?: string): Promise<SshConfigImportResult> {
    const reading = await this.#reader.read(configPath);
    const existing = await this.#hosts.list();
    const labels = new Map(existing.map((h) => [h.id, h.label]));
    const earlier = new Map<string, SavedHostView>();
    for (const h of existing) if (h.importedFrom?.source === 'ssh_config') earlier.set(h.importedFrom.alias, h);

    const result: SshConfigImportResult = {
      configPath: reading.configPath,
      files: reading.files,
      imported: [],
      updated: [],
      unchanged: [],
      skipped: [...reading.skipped],
      missing: [],
      notes: reading.notes,
    };
    const ids = new Map<string, string>();
    const failed = new Set<string>();
    // Candidates come jump hosts first, so every jump reference already has its id.
    for (const c of reading.candidates) {
      if (c.jumpKey !== undefined && failed.has(c.jumpKey)) {
        failed.add(c.key);
        result.skipped.push({ name: c.key, file: c.file, line: c.line, reason: `its jump host "${c.jumpKey}" could not be saved` });
        continue;
      }
      const jumpHostId = c.jumpKey === undefined ? undefined : ids.get(c.jumpKey);
      const fields = {
        host: c.host,
        port: c.port,
        username: c.username,
        auth: c.auth,
        keepalive: c.keepalive,
        jumpHostId,
        importedFrom: { source: 'ssh_config' as const, alias: c.key, file: c.file },
      };
      const before = earlier.get(c.key);
      try {
        if (before === undefined) {
          const draft: SavedHostDraft = { label: c.label, ...fields, localForwards: c.localForwards };
          const created = await this.#hosts.create(draft);
          labels.set(created.id, created.label);
          ids.set(c.key, created.id);
          result.imported.push(shown(created, c, labels, c.localForwards.map((f) => `forwards: + ${forwardText(f)}`)));
          continue;
        }
        ids.set(c.key, before.id);
        const forwards = mergeForwards(before.localForwards, c.localForwards);
        const changes = [...differences(before, fields, labels), ...forwards.changes];
        if (changes.length === 0) {
          result.unchanged.push(shown(before, c, labels, [], forwards.warnings));
          continue;
        }
        // Only what ssh_config decides is overwritten; label, group, tags, notes and forwards added in Skein stay the user's.
        const patch: SavedHostPatch = {
          ...fields,
          keepalive: fields.keepalive ?? null,
          jumpHostId: fields.jumpHostId ?? null,
          localForwards: forwards.localForwards,
        };
        const after = await this.#hosts.update(before.id, patch);
        result.updated.push(shown(after, c, labels, changes, forwards.warnings));
      } catch (error) {
        ids.delete(c.key);
        failed.add(c.key);
        result.skipped.push({ name: c.key, file: c.file, line: c.line, reason: `could not be saved: ${(error as Error).message}` });
      }
    }
    const found = new Set(reading.candidates.map((c) => c.key));
    for (const [alias, h] of earlier) if (!found.has(alias)) result.missing.push({ id: h.id, label: h.label, alias });
    return result;
  }
}

function shown(host: SavedHostView, c: SshConfigCandidate, labels: Map<string, string>, changes: string[], warnings: string[] = []): SshConfigImportedHost {
  const line: SshConfigImportedHost = {
    id: host.id,
    label: host.label,
    alias: c.key,
    kind: c.kind,
    target: formatEndpoint(host),
    auth: authText(host.auth),
    file: c.file,
    line: c.line,
    warnings: [...c.warnings, ...warnings],
    changes,
  };
  const jump = host.jumpHostId === undefined ? undefined : labels.get(host.jumpHostId);
  if (jump !== undefined) line.jump = jump;
  if (c.note !== undefined) line.note = c.note;
  return line;
}

interface ImportedFields {
  host: string;
  port: number;
  username: string;
  auth: HostAuth;
  keepalive: HostKeepalive | undefined;
  jumpHostId: string | undefined;
  importedFrom: { file: string };
}

function differences(before: SavedHostView, after: ImportedFields, labels: Map<string, string>): string[] {
  const changes: string[] = [];
  const note = (what: string, from: string, to: string) => {
    if (from !== to) changes.push(`${what} ${from} -> ${to}`);
  };
  note('host', before.host, after.host);
  note('port', String(before.port), String(after.port));
  note('user', before.username, after.username);
  note('auth', authText(before.auth), authText(after.auth));
  note('keep-alive', keepaliveText(before.keepalive), keepaliveText(after.keepalive));
  const jumpLabel = (id: string | undefined) => (id === undefined ? 'none' : (labels.get(id) ?? id));
  note('jump host', jumpLabel(before.jumpHostId), jumpLabel(after.jumpHostId));
  if ((before.importedFrom?.file ?? '') !== after.importedFrom.file) changes.push(`now declared in ${after.importedFrom.file}`);
  return changes;
}

/**
 * The host's forwards after a re-import. Forwards with the import's id prefix are ssh_config's:
 * added, updated (keeping the user's autoStart) or removed to match it. Every other forward was
 * added in Skein and stays as it is, and an imported forward that would listen where one of
 * those does is left out.
 */
function mergeForwards(
  before: readonly LocalForward[],
  imported: readonly LocalForward[],
): { localForwards: LocalForward[]; changes: string[]; warnings: string[] } {
  const bind = (f: LocalForward) => formatHostPort(f.bindAddress, f.bindPort);
  const fromConfig = (f: LocalForward) => f.id.startsWith(SSH_CONFIG_FORWARD_PREFIX);
  const users = before.filter((f) => !fromConfig(f));
  const warnings: string[] = [];
  const wanted = new Map<string, LocalForward>();
  for (const f of imported) {
    const mine = users.find((u) => bind(u) === bind(f));
    if (mine === undefined) wanted.set(f.id, f);
    else warnings.push(`LocalForward ${forwardText(f)} is not imported: ${bind(f)} is already used by the forward ${forwardText(mine)} added in Skein`);
  }
  const changes: string[] = [];
  const localForwards: LocalForward[] = [];
  for (const f of before) {
    if (!fromConfig(f)) {
      localForwards.push(f);
      continue;
    }
    const now = wanted.get(f.id);
    wanted.delete(f.id);
    if (now === undefined) {
      changes.push(`forwards: - ${forwardText(f)}`);
      continue;
    }
    if (forwardText(now) !== forwardText(f)) {
      const was = bind(now) === bind(f) ? formatHostPort(f.remoteHost, f.remotePort) : forwardText(f);
      changes.push(`forwards: ~ ${forwardText(now)} (was ${was})`);
    }
    localForwards.push({ ...now, autoStart: f.autoStart ?? false });
  }
  for (const f of wanted.values()) {
    changes.push(`forwards: + ${forwardText(f)}`);
    localForwards.push(f);
  }
  return { localForwards, changes, warnings };
}

function authText(auth: HostAuth): string {
  return auth.method === 'key' ? `key ${auth.keyPath ?? '?'}` : auth.method;
}

function keepaliveText(k: HostKeepalive | undefined): string {
  if (k === undefined || (k.intervalMs === undefined && k.countMax === undefined)) return 'default';
  const every = k.intervalMs === undefined ? 'default interval' : k.intervalMs === 0 ? 'off' : `every ${k.intervalMs / 1000}s`;
  return k.countMax === undefined ? every : `${every}, ${k.countMax} missed`;
}
