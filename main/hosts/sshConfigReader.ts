// Reads ~/.ssh/config (with its Includes) into importable hosts the way OpenSSH would resolve them.
import { readFile, readdir } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { parse, type Line } from 'ssh-config';
import { DEFAULT_BIND_ADDRESS, type HostAuth, type HostKeepalive, type LocalForward } from '../../app/hosts.js';
import { matchHostPatterns } from '../trust/matchHostPatterns.js';

/** File access, so tests and other callers can point the reader at any folder. */
export interface SshConfigFiles {
  readFile(path: string): Promise<string>;
  /** Names of the entries in a folder. */
  readDir(path: string): Promise<string[]>;
}

export interface SshConfigReaderOptions {
  /** Home of the user whose config is read: "~", %d, and where relative Includes live (~/.ssh). */
  homeDir: string;
  /** Login name used when a host sets no User, and for %u. */
  localUser: string;
  files?: SshConfigFiles;
  /** OpenSSH stops at 16 nested Includes. */
  maxIncludeDepth?: number;
}

/** A host ready to be saved. `key` is stable across imports and names it in importedFrom. */
export interface SshConfigCandidate {
  key: string;
  label: string;
  /** host: a Host alias; jump: a ProxyJump target not declared as a Host; hop: a host reached through a specific earlier hop of a chain. */
  kind: 'host' | 'jump' | 'hop';
  host: string;
  port: number;
  username: string;
  auth: HostAuth;
  keepalive?: HostKeepalive;
  /** Every LocalForward that applies, in config order; ids start with SSH_CONFIG_FORWARD_PREFIX. */
  localForwards: LocalForward[];
  /** Key of the candidate to jump through (candidates come jump hosts first). */
  jumpKey?: string;
  file: string;
  line: number;
  /** Why a jump or hop candidate exists. */
  note?: string;
  warnings: string[];
}

export interface SshConfigSkip {
  /** A Host alias, pattern, Match line, Include or file. */
  name: string;
  file: string;
  line?: number;
  reason: string;
}

export interface SshConfigReading {
  configPath: string;
  /** Every config file read, main file first. */
  files: string[];
  candidates: SshConfigCandidate[];
  skipped: SshConfigSkip[];
  /** Caveats about the import as a whole. */
  notes: string[];
}

type Guard = { kind: 'host'; patterns: string[]; file: string; line: number } | { kind: 'match' };

interface Directive {
  /** Lower-cased: OpenSSH keywords are case-insensitive. */
  param: string;
  value: string;
  values: string[];
  file: string;
  line: number;
  /** All must hold for the directive to apply: enclosing Host blocks, including through Include. */
  guards: Guard[];
}

interface HostBlock {
  aliases: string[];
  patterns: string[];
  file: string;
  line: number;
  guards: Guard[];
}

interface Hop {
  spec: string;
  host: string;
  user?: string;
  port?: string;
}

type Outcome = { ok: true; candidate: SshConfigCandidate } | { ok: false; reason: string };

const DEFAULT_MAX_INCLUDE_DEPTH = 16;
/** Ids of forwards an import saved start with this; re-imports own those and leave every other forward alone. */
export const SSH_CONFIG_FORWARD_PREFIX = 'ssh-config-';
const WILDCARD = /[*?!]/;

const nodeFiles: SshConfigFiles = {
  readFile: (path) => readFile(path, 'utf8'),
  readDir: (path) => readdir(path),
};

export class SshConfigReader {
  readonly #homeDir: string;
  readonly #localUser: string;
  readonly #files: SshConfigFiles;
  readonly #maxDepth: number;

  constructor(options: SshConfigReaderOptions) {
    this.#homeDir = options.homeDir;
    this.#localUser = options.localUser;
    this.#files = options.files ?? nodeFiles;
    this.#maxDepth = options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH;
  }

  /** The user's ~/.ssh/config unless another file is named. Never throws for config content. */
  async read(configPath = join(this.#homeDir, '.ssh', 'config')): Promise<SshConfigReading> {
    const state: FlattenState = { directives: [], blocks: [], files: [], skipped: [] };
    await this.#flatten(configPath, [], [], state, undefined);
    const resolution = new Resolution(state, this.#homeDir, this.#localUser);
    return { configPath, files: state.files, ...resolution.run() };
  }

  async #flatten(file: string, guards: Guard[], stack: string[], state: FlattenState, from: { file: string; line: number } | undefined): Promise<void> {
    let text: string;
    try {
      text = await this.#files.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`;
      state.skipped.push({ name: from ? `Include ${file}` : file, file: from?.file ?? file, line: from?.line, reason });
      return;
    }
    let lines: Line[];
    try {
      lines = parse(text);
    } catch (error) {
      state.skipped.push({ name: file, file, reason: `cannot parse, nothing in it was read: ${(error as Error).message}` });
      return;
    }
    state.files.push(file);
    let lineNo = 1;
    const visit = async (node: Line, enclosing: Guard[]): Promise<void> => {
      lineNo += newlines(node.before);
      const line = lineNo;
      lineNo += newlines(node.after);
      if (node.type !== 1 || node.param === '') return;
      const values = valuesOf(node.value);
      const param = node.param.toLowerCase();
      if ('config' in node && param === 'host') {
        const own: Guard[] = [...guards, { kind: 'host', patterns: values, file, line }];
        state.blocks.push({ aliases: values.filter((v) => !WILDCARD.test(v)), patterns: values.filter((v) => WILDCARD.test(v)), file, line, guards: own });
        for (const child of node.config) await visit(child, own);
        return;
      }
      if ('config' in node && param === 'match') {
        state.skipped.push({
          name: `Match ${values.map((v) => (/\s/.test(v) ? `"${v}"` : v)).join(' ')}`,
          file,
          line,
          reason: 'Match blocks are not evaluated (Skein runs no exec and checks no conditions); its settings were not applied',
        });
        const never: Guard[] = [...guards, { kind: 'match' }];
        for (const child of node.config) await visit(child, never);
        return;
      }
      if (param === 'include') {
        if (enclosing.some((g) => g.kind === 'match')) return;
        for (const pattern of values) await this.#include(pattern, enclosing, [...stack, file], state, { file, line });
        return;
      }
      state.directives.push({ param, value: values.join(' '), values, file, line, guards: enclosing });
    };
    for (const node of lines) await visit(node, guards);
  }

  async #include(pattern: string, guards: Guard[], stack: string[], state: FlattenState, at: { file: string; line: number }): Promise<void> {
    const name = `Include ${pattern}`;
    if (stack.length > this.#maxDepth) {
      state.skipped.push({ name, ...at, reason: `nested more than ${this.#maxDepth} Includes deep; not followed` });
      return;
    }
    const paths = await this.#expandInclude(pattern);
    if (paths.length === 0) {
      state.skipped.push({ name, ...at, reason: 'matched no files' });
      return;
    }
    for (const path of paths) {
      if (stack.includes(path)) {
        const loop = [...stack.slice(stack.indexOf(path)), path].map((f) => this.#short(f)).join(' -> ');
        state.skipped.push({ name: `Include ${path}`, ...at, reason: `Include loop (${loop}); not followed again` });
        continue;
      }
      await this.#flatten(path, guards, stack, state, at);
    }
  }

  /** Relative Includes in a user config are relative to ~/.ssh; globs expand in sorted order as glob(3) does. */
  async #expandInclude(pattern: string): Promise<string[]> {
    let path = pattern;
    if (path === '~' || path.startsWith('~/')) path = join(this.#homeDir, path.slice(1));
    else if (!isAbsolute(path)) path = join(this.#homeDir, '.ssh', path);
    if (!/[*?[]/.test(path)) return [path];
    const parts = path.split(/[\\/]+/);
    let bases = [parts[0] === '' ? sep : `${parts[0]}${sep}`];
    for (const part of parts.slice(1)) {
      if (part === '') continue;
      if (!/[*?[]/.test(part)) {
        bases = bases.map((b) => join(b, part));
        continue;
      }
      const matcher = fileGlob(part);
      const next: string[] = [];
      for (const base of bases) {
        const names = await this.#files.readDir(base).catch(() => [] as string[]);
        for (const n of names.filter((n) => matcher.test(n)).sort()) next.push(join(base, n));
      }
      bases = next;
    }
    return bases;
  }

  #short(file: string): string {
    const rel = relative(this.#homeDir, file);
    return rel.startsWith('..') || isAbsolute(rel) ? file : `~/${rel.split(sep).join(posix.sep)}`;
  }
}

interface FlattenState {
  directives: Directive[];
  blocks: HostBlock[];
  files: string[];
  skipped: SshConfigSkip[];
}

/** Resolves every concrete alias (and the jump hosts they need) from the flattened config. */
class Resolution {
  readonly #outcomes = new Map<string, Outcome>();
  /** Keys on a ProxyJump loop, with the loop's description. */
  readonly #loops = new Map<string, string>();
  readonly #aliases = new Map<string, { alias: string; block: HostBlock }>();
  /** Hop copies made for chains: their own key and the hop they are reached through. */
  readonly #hops = new Map<string, { ownKey: string; previousKey: string }>();
  readonly #identityCounts = new Map<string, number>();

  constructor(
    private readonly state: FlattenState,
    private readonly homeDir: string,
    private readonly localUser: string,
  ) {
    for (const block of state.blocks) {
      for (const alias of block.aliases) {
        if (!this.#aliases.has(alias.toLowerCase())) this.#aliases.set(alias.toLowerCase(), { alias, block });
      }
    }
  }

  run(): { candidates: SshConfigCandidate[]; skipped: SshConfigSkip[]; notes: string[] } {
    const skipped = [...this.state.skipped];
    const declared: Array<{ alias: string; block: HostBlock; outcome: Outcome }> = [];
    for (const { alias, block } of this.#aliases.values()) {
      if (!this.#declares(alias)) {
        const outer = block.guards.find((g) => !this.#applies([g], alias));
        const where = outer?.kind === 'host' ? `"Host ${outer.patterns.join(' ')}" (${outer.file}:${outer.line})` : 'a Host block';
        skipped.push({
          name: alias,
          file: block.file,
          line: block.line,
          reason: `its file is Included from inside ${where}, which does not match it, so OpenSSH never applies this block either`,
        });
        continue;
      }
      declared.push({ alias, block, outcome: this.#own({ spec: alias, host: alias }, []) });
    }
    // Only now is every alias's own chain known, so hop copies can be swapped for the real host.
    const emitted = new Map<string, SshConfigCandidate>();
    const emit = (c: SshConfigCandidate): void => {
      if (emitted.has(c.key)) return;
      if (c.jumpKey !== undefined) {
        c.jumpKey = this.#canonical(c.jumpKey);
        const jump = this.#outcomes.get(c.jumpKey);
        if (jump?.ok) emit(jump.candidate);
      }
      emitted.set(c.key, c);
    };
    for (const { alias, block, outcome } of declared) {
      if (outcome.ok) emit(outcome.candidate);
      else skipped.push({ name: alias, file: block.file, line: block.line, reason: outcome.reason });
    }
    const concrete = [...emitted.values()].filter((c) => c.kind === 'host').map((c) => c.key);
    for (const block of this.state.blocks) {
      if (block.patterns.length === 0) continue;
      const matched = concrete.filter((alias) => this.#applies(block.guards, alias));
      skipped.push({
        name: block.patterns.join(' '),
        file: block.file,
        line: block.line,
        reason:
          matched.length === 0
            ? 'wildcard pattern, not a host; it matches none of the imported hosts'
            : `wildcard pattern, not a host; its settings were applied to ${matched.length} matching host${matched.length === 1 ? '' : 's'}: ${matched.join(', ')}`,
      });
    }
    const severalKeys = [...emitted.values()].filter((c) => (this.#identityCounts.get(c.key) ?? 0) > 1).length;
    const notes =
      severalKeys === 0
        ? []
        : [`${severalKeys} host${severalKeys === 1 ? ' has' : 's have'} several IdentityFile entries; Skein saves the first of each, where OpenSSH would try them in turn`];
    return { candidates: [...emitted.values()], skipped, notes };
  }

  #declares(alias: string): boolean {
    return this.state.blocks.some((b) => b.aliases.some((a) => a.toLowerCase() === alias.toLowerCase()) && this.#applies(b.guards, alias));
  }

  /** A hop copy whose host already jumps through the same previous hop is that host itself. */
  #canonical(key: string): string {
    const hop = this.#hops.get(key);
    if (hop === undefined) return key;
    const own = this.#outcomes.get(hop.ownKey);
    if (own?.ok && own.candidate.jumpKey !== undefined && this.#canonical(own.candidate.jumpKey) === this.#canonical(hop.previousKey)) {
      return hop.ownKey;
    }
    return key;
  }

  #applies(guards: Guard[], name: string): boolean {
    return guards.every((g) => g.kind === 'host' && matchHostPatterns(name, g.patterns.join(',')));
  }

  /** A host reached with its own ProxyJump (an alias, or the first hop of a chain). */
  #own(hop: Hop, stack: string[]): Outcome {
    const key = this.#keyOf(hop);
    const known = this.#outcomes.get(key);
    if (known) return known;
    if (stack.includes(key)) {
      const loop = [...stack.slice(stack.indexOf(key)), key];
      const reason = `ProxyJump loop: ${loop.join(' -> ')}`;
      for (const k of loop) if (!this.#loops.has(k)) this.#loops.set(k, reason);
      return { ok: false, reason };
    }
    const base = this.#base(hop, key);
    if (!base.ok) {
      this.#outcomes.set(key, base);
      return base;
    }
    const { candidate, proxyJump } = base;
    let outcome: Outcome = { ok: true, candidate };
    if (proxyJump !== undefined) {
      const chain = this.#chain(proxyJump, [...stack, key]);
      const loop = this.#loops.get(key);
      if (loop !== undefined) outcome = { ok: false, reason: loop };
      else if (!chain.ok) outcome = chain;
      else candidate.jumpKey = chain.candidate.key;
    }
    this.#outcomes.set(key, outcome);
    return outcome;
  }

  /** ProxyJump a,b,c: a with its own settings, then each later hop reached through the one before. */
  #chain(proxyJump: string, stack: string[]): Outcome {
    const hops: Hop[] = [];
    for (const spec of proxyJump.split(',').map((s) => s.trim())) {
      const hop = parseHop(spec);
      if (hop === undefined) return { ok: false, reason: `ProxyJump "${proxyJump}": "${spec}" is not [user@]host[:port]` };
      hops.push(hop);
    }
    const [first, ...rest] = hops;
    if (first === undefined) return { ok: false, reason: 'ProxyJump is empty' };
    let previous = this.#own(first, stack);
    for (const hop of rest) {
      if (!previous.ok) break;
      previous = this.#through(hop, previous.candidate);
    }
    if (previous.ok) return previous;
    return this.#loops.has(stack.at(-1) ?? '') ? previous : { ok: false, reason: `its jump host cannot be imported: ${previous.reason}` };
  }

  /**
   * A later hop of a chain: OpenSSH reaches it with -J <previous hops>, which overrides the hop's
   * own ProxyJump, so it gets a copy of its own jumping through the previous hop. Resolving its
   * own ProxyJump here could report loops ssh never follows; run() merges the copy back into the
   * real host when that already jumps the same way.
   */
  #through(hop: Hop, previous: SshConfigCandidate): Outcome {
    const ownKey = this.#keyOf(hop);
    const hopKey = `${ownKey} via ${previous.key}`;
    const known = this.#outcomes.get(hopKey);
    if (known) return known;
    const base = this.#base(hop, hopKey);
    if (!base.ok) return base;
    const candidate: SshConfigCandidate = {
      ...base.candidate,
      kind: 'hop',
      jumpKey: previous.key,
      note: `hop of a ProxyJump chain: ${ownKey} reached through ${previous.key}, as ssh -J does`,
    };
    const outcome: Outcome = { ok: true, candidate };
    this.#outcomes.set(hopKey, outcome);
    this.#hops.set(hopKey, { ownKey, previousKey: previous.key });
    return outcome;
  }

  #keyOf(hop: Hop): string {
    if (hop.user === undefined && hop.port === undefined) {
      const alias = this.#aliases.get(hop.host.toLowerCase());
      if (alias) return alias.alias;
    }
    return hop.spec;
  }

  /** The host's settings, first obtained value winning; user and port from a ProxyJump spec come first, like ssh -l/-p. */
  #base(hop: Hop, key: string): { ok: true; candidate: SshConfigCandidate; proxyJump?: string } | { ok: false; reason: string } {
    const name = this.#aliases.get(hop.host.toLowerCase())?.alias ?? hop.host;
    const settings = new Map<string, Directive>();
    const identityFiles: Directive[] = [];
    // Forwards add up like IdentityFile: every line that applies counts, in order.
    const forwards: Directive[] = [];
    for (const d of this.state.directives) {
      if (!this.#applies(d.guards, name)) continue;
      if (d.param === 'identityfile') identityFiles.push(d);
      else if (CUMULATIVE_FORWARDS.has(d.param)) forwards.push(d);
      else if (!settings.has(d.param)) settings.set(d.param, d);
    }
    const alias = this.#aliases.get(name.toLowerCase());
    const declared = alias?.block;
    // The ProxyJump naming exactly this hop: a mere substring would give "web" the line of "ProxyJump web2".
    const referenced = this.state.directives.find((d) => d.param === 'proxyjump' && d.value.split(',').some((s) => s.trim() === hop.spec));
    // A spec with its own user or port is known by where ProxyJump names it, not by the alias.
    const bare = hop.user === undefined && hop.port === undefined;
    const where = (bare ? declared : undefined) ?? referenced ?? declared ?? { file: this.state.files[0] ?? '', line: 0 };
    const warnings: string[] = [];
    this.#identityCounts.set(key, identityFiles.filter((d) => d.value.toLowerCase() !== 'none').length);

    const proxyCommand = settings.get('proxycommand');
    const proxyJumpDirective = settings.get('proxyjump');
    const commandFirst =
      proxyCommand !== undefined && proxyCommand.value.toLowerCase() !== 'none' &&
      (proxyJumpDirective === undefined || this.state.directives.indexOf(proxyCommand) < this.state.directives.indexOf(proxyJumpDirective));
    if (commandFirst) {
      return { ok: false, reason: `uses ProxyCommand (${proxyCommand.value}), which Skein does not run; ProxyJump is supported` };
    }

    const hostName = (settings.get('hostname')?.value ?? name).replace(/%(.)/g, (m, t: string) => (t === 'h' ? name : t === '%' ? '%' : m));
    const portText = hop.port ?? settings.get('port')?.value ?? '22';
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) return { ok: false, reason: `Port "${portText}" is not a port number (1-65535)` };
    const username = hop.user ?? settings.get('user')?.value ?? this.localUser;

    let keyPath: string | undefined;
    const identity = identityFiles[0];
    if (identity !== undefined && identity.value.toLowerCase() !== 'none') {
      const tokens: Record<string, string> = { d: this.homeDir, u: this.localUser, h: hostName, r: username, p: String(port), n: name, '%': '%' };
      const unknown = new Set<string>();
      let path = identity.value.replace(/%(.)/g, (m, t: string) => {
        const v = tokens[t];
        if (v === undefined) unknown.add(m);
        return v ?? m;
      });
      if (unknown.size > 0) warnings.push(`IdentityFile ${identity.value}: ${[...unknown].join(' ')} left as is (not known outside a live ssh session)`);
      if (path === '~' || path.startsWith('~/')) path = join(this.homeDir, path.slice(1));
      else if (path.startsWith('~')) warnings.push(`IdentityFile ${identity.value}: another user's home (~user) is not expanded`);
      else if (!isAbsolute(path)) {
        path = resolve(this.homeDir, path);
        warnings.push(`IdentityFile ${identity.value} is relative; taken relative to the home folder`);
      }
      keyPath = path;
    }
    const preferred = (settings.get('preferredauthentications')?.value ?? '').split(',').map((m) => m.trim().toLowerCase());
    const first = preferred.find((m) => ['publickey', 'password', 'keyboard-interactive'].includes(m));
    let auth: HostAuth;
    if (first === 'password') auth = { method: 'password' };
    else if (first === 'keyboard-interactive') auth = { method: 'keyboard-interactive' };
    else auth = keyPath !== undefined ? { method: 'key', keyPath } : { method: 'agent' };

    const keepalive: HostKeepalive = {};
    const interval = settings.get('serveraliveinterval');
    if (interval !== undefined) {
      if (/^\d+$/.test(interval.value)) keepalive.intervalMs = Number(interval.value) * 1000;
      else warnings.push(`ServerAliveInterval "${interval.value}" is not a number of seconds; ignored`);
    }
    const countMax = settings.get('serveralivecountmax');
    if (countMax !== undefined) {
      if (/^\d+$/.test(countMax.value) && Number(countMax.value) >= 1) keepalive.countMax = Number(countMax.value);
      else warnings.push(`ServerAliveCountMax "${countMax.value}" is not a count of at least 1; ignored`);
    }
    const localForwards: LocalForward[] = [];
    // ClearAllForwardings yes: ssh sets up none of them, so there is nothing to import or warn about.
    const cleared = settings.get('clearallforwardings')?.value.toLowerCase() === 'yes';
    for (const d of cleared ? [] : forwards) {
      if (d.param !== 'localforward') {
        warnings.push(`${directiveName(d.param)} ${d.value} is not imported; add it as a forward in Skein`);
        continue;
      }
      const parsed = parseLocalForward(d);
      if (!parsed.ok) {
        warnings.push(`LocalForward ${d.value} (${d.file}:${d.line}): ${parsed.reason}; not imported`);
        continue;
      }
      const { forward } = parsed;
      const bind = bindText(forward);
      const earlier = localForwards.find((f) => bindText(f) === bind);
      if (earlier !== undefined) {
        // ssh drops an exact repeat silently, and fails to bind any other second use of the address.
        if (earlier.remoteHost !== forward.remoteHost || earlier.remotePort !== forward.remotePort) {
          warnings.push(`LocalForward ${d.value} (${d.file}:${d.line}): ${bind} is already forwarded to ${targetText(earlier)} by an earlier LocalForward; not imported`);
        }
        continue;
      }
      if (parsed.everywhere) {
        warnings.push(`LocalForward ${d.value} (${d.file}:${d.line}) listens on all interfaces (${bind}), so other machines can connect through it`);
      }
      localForwards.push(forward);
    }

    const candidate: SshConfigCandidate = {
      key,
      label: key,
      kind: alias !== undefined && hop.user === undefined && hop.port === undefined ? 'host' : 'jump',
      host: hostName,
      port,
      username,
      auth,
      localForwards,
      file: where.file,
      line: where.line,
      warnings,
    };
    if (Object.keys(keepalive).length > 0) candidate.keepalive = keepalive;
    if (candidate.kind === 'jump') {
      candidate.note = alias === undefined ? 'ProxyJump target not declared as a Host' : `ProxyJump target ${hop.spec} (alias with its own user or port)`;
    }
    const proxyJump = proxyJumpDirective?.value;
    return proxyJump === undefined || proxyJump.toLowerCase() === 'none' ? { ok: true, candidate } : { ok: true, candidate, proxyJump };
  }
}

/** [ssh://][user@]host[:port], with IPv6 hosts in brackets. */
function parseHop(spec: string): Hop | undefined {
  const m = /^(?:ssh:\/\/)?(?:([^@\s]+)@)?(\[[^\]\s]+\]|[^:@\s[\]]+)(?::(\d+))?$/.exec(spec);
  if (!m || m[2] === undefined) return undefined;
  const hop: Hop = { spec, host: m[2].replace(/^\[(.*)\]$/, '$1') };
  if (m[1] !== undefined) hop.user = m[1];
  if (m[3] !== undefined) hop.port = m[3];
  return hop;
}

function valuesOf(value: string | { val: string }[]): string[] {
  return typeof value === 'string' ? [value] : value.map((v) => v.val);
}

function newlines(text: string): number {
  return text.split('\n').length - 1;
}

/** File names match like glob(3): * and ? never match a leading dot or a separator. */
function fileGlob(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\[!/g, '[^');
  return new RegExp(`^${pattern.startsWith('.') ? '' : '(?!\\.)'}${body}$`);
}

const CUMULATIVE_FORWARDS = new Set(['localforward', 'remoteforward', 'dynamicforward']);

type ParsedForward = { ok: true; forward: LocalForward; everywhere: boolean } | { ok: false; reason: string };

/**
 * LocalForward [bind_address:]port host:hostport, IPv6 addresses in brackets. An empty or *
 * bind address listens on every interface; none, or localhost, only on this machine.
 */
function parseLocalForward(d: Directive): ParsedForward {
  const tokens = d.values.length > 1 ? d.values : [...d.value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  if (tokens.some((t) => t.includes('/'))) return { ok: false, reason: 'Unix-socket forwards are not supported' };
  const [listen, target, ...extra] = tokens;
  if (listen === undefined || target === undefined || extra.length > 0) return { ok: false, reason: 'not [bind_address:]port host:hostport' };
  const l = /^(?:(\[[^\]]*\]|[^:[\]]*):)?([^:[\]]+)$/.exec(listen);
  const t = /^(\[[^\]]+\]|[^:[\]]+):([^:[\]]+)$/.exec(target);
  if (l === null || t === null || l[2] === undefined || t[1] === undefined || t[2] === undefined) {
    return { ok: false, reason: 'not [bind_address:]port host:hostport' };
  }
  const bindPort = portOf(l[2]);
  const remotePort = portOf(t[2]);
  if (bindPort === undefined) return { ok: false, reason: `local port "${l[2]}" is not a port number (1-65535)` };
  if (remotePort === undefined) return { ok: false, reason: `remote port "${t[2]}" is not a port number (1-65535)` };
  const address = l[1] === undefined ? undefined : unbracket(l[1]);
  const bindAddress =
    address === undefined || address.toLowerCase() === 'localhost' ? DEFAULT_BIND_ADDRESS : address === '' || address === '*' ? '0.0.0.0' : address;
  const everywhere = bindAddress === '0.0.0.0' || bindAddress === '::';
  const id = `${SSH_CONFIG_FORWARD_PREFIX}${bindAddress === DEFAULT_BIND_ADDRESS ? '' : `${hostText(bindAddress)}-`}${bindPort}`;
  return { ok: true, everywhere, forward: { id, bindAddress, bindPort, remoteHost: unbracket(t[1]), remotePort, autoStart: false } };
}

function portOf(text: string): number | undefined {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

function unbracket(text: string): string {
  return text.replace(/^\[(.*)\]$/, '$1');
}

/** An address as written before ":port": IPv6 literals bracketed. */
export function hostText(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function bindText(f: LocalForward): string {
  return `${hostText(f.bindAddress)}:${f.bindPort}`;
}

function targetText(f: LocalForward): string {
  return `${hostText(f.remoteHost)}:${f.remotePort}`;
}

/** e.g. "127.0.0.1:8080 → localhost:80", as the import report shows a forward. */
export function forwardText(f: LocalForward): string {
  return `${bindText(f)} → ${targetText(f)}`;
}

function directiveName(lower: string): string {
  return { localforward: 'LocalForward', remoteforward: 'RemoteForward', dynamicforward: 'DynamicForward' }[lower] ?? lower;
}
