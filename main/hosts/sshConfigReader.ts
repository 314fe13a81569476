// Reads ~/.ssh/config (with its Includes) into importable hosts the way OpenSSH would resolve them.
import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { LineType, parse, type Line } from 'ssh-config';
import { DEFAULT_BIND_ADDRESS, formatHostPort, type HostAuth, type HostKeepalive, type LocalForward } from '../../app/hosts.js';
import { matchHostPatterns } from '../trust/matchHostPatterns.js';
import { SshConfigMatch } from './sshConfigMatch.js';

/** What a path names, and its first bytes when it is a regular file. */
export interface SshConfigFileRead {
  /** Following symbolic links. Only a 'file' is ever read. */
  kind: 'file' | 'directory' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'other';
  size: number;
  /** Owner and permission bits, which OpenSSH checks on Included files. */
  uid: number;
  mode: number;
  /** At most maxBytes + 1 bytes, so the caller can tell a file is too big; absent when nothing was read. */
  bytes?: Uint8Array;
}

/** File access, so tests and other callers can point the reader at any folder. */
export interface SshConfigFiles {
  /** Must never block on a FIFO or a device, nor read more than maxBytes + 1 bytes. */
  read(path: string, maxBytes: number): Promise<SshConfigFileRead>;
  /** Names of the entries in a folder. */
  readDir(path: string): Promise<string[]>;
}

export interface SshConfigReaderOptions {
  /** Home of the user whose config is read: "~", %d, and where relative Includes live (~/.ssh). */
  homeDir: string;
  /** Login name used when a host sets no User, and for %u and Match localuser. */
  localUser: string;
  /** Who may own an Included file besides root, as OpenSSH checks; the process's uid unless given. No check where there is none (Windows). */
  uid?: number;
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

interface HostBlock {
  kind: 'host';
  /** Every pattern on the Host line; aliases are the ones without wildcards or negation. */
  patterns: string[];
  aliases: string[];
  wildcards: string[];
  file: string;
  line: number;
  /** The block the Include that read this block's file sits in: this block applies only when that one does. */
  parent: Block | undefined;
}

interface MatchBlock {
  kind: 'match';
  /** "Match host x exec ..." as written, to name it in the report. */
  text: string;
  /** Absent when Skein cannot evaluate the line: then it never applies, for the reason given. */
  match: SshConfigMatch | undefined;
  reason: string | undefined;
  /** An unnegated `final` on the line, which makes OpenSSH read the config a second time even if the line cannot be evaluated. */
  wantsFinalPass: boolean;
  file: string;
  line: number;
  parent: Block | undefined;
}

type Block = HostBlock | MatchBlock;

interface Directive {
  /** Lower-cased: OpenSSH keywords are case-insensitive. */
  param: string;
  value: string;
  values: string[];
  file: string;
  line: number;
  /** The innermost Host or Match block it sits in, including through Include; none at the top of the main file. */
  block: Block | undefined;
}

/** The flattened config in file order, as OpenSSH walks it: block openings and settings. */
type Entry = { type: 'block'; block: Block } | { type: 'directive'; directive: Directive };

interface Hop {
  spec: string;
  host: string;
  user?: string;
  port?: string;
}

type Outcome = { ok: true; candidate: SshConfigCandidate } | { ok: false; reason: string };

const DEFAULT_MAX_INCLUDE_DEPTH = 16;
/** A config file is a few KB; this keeps /var/log/* or a mistaken Include from filling memory. */
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Ids of forwards an import saved start with this; re-imports own those and leave every other forward alone. */
export const SSH_CONFIG_FORWARD_PREFIX = 'ssh-config-';
const WILDCARD = /[*?!]/;

/** The real file system: stat before opening so devices are never opened, and the opened file checked again. */
export const nodeSshConfigFiles: SshConfigFiles = {
  async read(path, maxBytes) {
    const named = fileFacts(await stat(path));
    if (named.kind !== 'file') return named;
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it must not wait for a writer.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
    try {
      const opened = fileFacts(await handle.stat());
      if (opened.kind !== 'file' || opened.size > maxBytes) return opened;
      const chunks: Buffer[] = [];
      let length = 0;
      while (length <= maxBytes) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        length += bytesRead;
      }
      return { ...opened, bytes: Buffer.concat(chunks) };
    } finally {
      await handle.close();
    }
  },
  readDir: (path) => readdir(path),
};

function fileFacts(s: Stats): SshConfigFileRead {
  const kind = s.isFile()
    ? 'file'
    : s.isDirectory()
      ? 'directory'
      : s.isFIFO()
        ? 'FIFO'
        : s.isSocket()
          ? 'socket'
          : s.isCharacterDevice()
            ? 'character device'
            : s.isBlockDevice()
              ? 'block device'
              : 'other';
  return { kind, size: s.size, uid: s.uid, mode: s.mode };
}

export class SshConfigReader {
  readonly #homeDir: string;
  readonly #localUser: string;
  readonly #uid: number | undefined;
  readonly #files: SshConfigFiles;
  readonly #maxDepth: number;

  constructor(options: SshConfigReaderOptions) {
    this.#homeDir = options.homeDir;
    this.#localUser = options.localUser;
    this.#uid = options.uid ?? process.getuid?.();
    this.#files = options.files ?? nodeSshConfigFiles;
    this.#maxDepth = options.maxIncludeDepth ?? DEFAULT_MAX_INCLUDE_DEPTH;
  }

  /** The user's ~/.ssh/config unless another file is named. Never throws for config content. */
  async read(configPath = join(this.#homeDir, '.ssh', 'config')): Promise<SshConfigReading> {
    const state: FlattenState = { entries: [], directives: [], blocks: [], files: [], skipped: [], reached: new Map(), wantsFinalPass: false };
    await this.#flatten(resolve(configPath), undefined, [], state, undefined);
    const resolution = new Resolution(state, this.#homeDir, this.#localUser);
    return { configPath, files: state.files, ...resolution.run() };
  }

  async #flatten(file: string, parent: Block | undefined, stack: string[], state: FlattenState, from: { file: string; line: number } | undefined): Promise<void> {
    state.reached.set(file, from);
    const name = from ? `Include ${file}` : file;
    const read = await this.#readConfigFile(file, from !== undefined);
    if (!read.ok) {
      state.skipped.push({ name, file: from?.file ?? file, line: from?.line, reason: read.reason });
      return;
    }
    let lines: Line[];
    try {
      lines = parse(read.text);
    } catch (error) {
      state.skipped.push({ name: file, file, reason: `cannot parse, nothing in it was read: ${(error as Error).message}` });
      return;
    }
    state.files.push(file);
    let lineNo = 1;
    const visit = async (node: Line, enclosing: Block | undefined): Promise<void> => {
      lineNo += newlines(node.before);
      const line = lineNo;
      lineNo += newlines(node.after);
      if (node.type !== LineType.DIRECTIVE || node.param === '') return;
      const values = valuesOf(node.value);
      const param = node.param.toLowerCase();
      if ('config' in node && (param === 'host' || param === 'match')) {
        const block = param === 'host' ? hostBlock(values, file, line, parent) : matchBlock(values, file, line, parent);
        if (block.kind === 'match' && block.wantsFinalPass) state.wantsFinalPass = true;
        state.blocks.push(block);
        state.entries.push({ type: 'block', block });
        for (const child of node.config) await visit(child, block);
        return;
      }
      if (param === 'include') {
        for (const pattern of values) await this.#include(pattern, enclosing, [...stack, file], state, { file, line });
        return;
      }
      const directive: Directive = { param, value: values.join(' '), values, file, line, block: enclosing };
      state.directives.push(directive);
      state.entries.push({ type: 'directive', directive });
    };
    for (const node of lines) await visit(node, parent);
  }

  /** Only a regular file, at most MAX_CONFIG_FILE_BYTES; an Included one also owned and writable as OpenSSH requires. */
  async #readConfigFile(path: string, included: boolean): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
    let read: SshConfigFileRead;
    try {
      read = await this.#files.read(path, MAX_CONFIG_FILE_BYTES);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}` };
    }
    if (read.kind !== 'file') {
      return { ok: false, reason: `${path} is ${read.kind === 'other' ? 'not a file' : `a ${read.kind}`}, not a regular file; Skein reads only regular files, so it was not read` };
    }
    const size = Math.max(read.size, read.bytes?.length ?? 0);
    if (size > MAX_CONFIG_FILE_BYTES) {
      return { ok: false, reason: `${path} is larger than 1 MiB (${size} bytes), the most Skein reads from one config file; not read` };
    }
    if (included && this.#uid !== undefined) {
      const refused = 'OpenSSH refuses such an Included file ("Bad owner or permissions"), so Skein skipped it';
      if (read.uid !== 0 && read.uid !== this.#uid) {
        return { ok: false, reason: `${path} is owned by uid ${read.uid}, neither you (uid ${this.#uid}) nor root; ${refused}` };
      }
      if ((read.mode & 0o022) !== 0) {
        const who = (read.mode & 0o022) === 0o022 ? 'group and others' : read.mode & 0o020 ? 'group' : 'others';
        const mode = (read.mode & 0o777).toString(8).padStart(4, '0');
        return { ok: false, reason: `${path} is writable by ${who} (mode ${mode}); ${refused}; chmod go-w ${path} fixes it` };
      }
    }
    return { ok: true, text: new TextDecoder().decode(read.bytes ?? new Uint8Array()) };
  }

  async #include(pattern: string, parent: Block | undefined, stack: string[], state: FlattenState, at: { file: string; line: number }): Promise<void> {
    const name = `Include ${pattern}`;
    if (stack.length > this.#maxDepth) {
      state.skipped.push({
        name,
        ...at,
        reason: `nested more than ${this.#maxDepth} Includes deep; not followed (ssh stops on such a config: "Too many recursive configuration includes")`,
      });
      return;
    }
    const expanded = await this.#expandInclude(pattern);
    if (!expanded.ok) {
      state.skipped.push({ name, ...at, reason: expanded.reason });
      return;
    }
    if (expanded.paths.length === 0) {
      state.skipped.push({ name, ...at, reason: 'matched no files' });
      return;
    }
    for (const path of expanded.paths) {
      if (stack.includes(path)) {
        const loop = [...stack.slice(stack.indexOf(path)), path].map((f) => this.#short(f)).join(' -> ');
        state.skipped.push({
          name: `Include ${path}`,
          ...at,
          reason: `Include loop (${loop}); not followed again (ssh stops on such a config: "Too many recursive configuration includes")`,
        });
        continue;
      }
      if (state.reached.has(path)) {
        // Reading a file again for every Include of it is what made mutually including files take factorial time.
        const first = state.reached.get(path);
        const where = first === undefined ? 'it is the main config file' : `first Included at ${this.#short(first.file)}:${first.line}`;
        state.skipped.push({ name: `Include ${path}`, ...at, reason: `already read for this import (${where}); Skein reads each file once, so this Include adds nothing` });
        continue;
      }
      await this.#flatten(path, parent, stack, state, at);
    }
  }

  /** Relative Includes in a user config are relative to ~/.ssh; globs expand in sorted order as glob(3) does. */
  async #expandInclude(pattern: string): Promise<{ ok: true; paths: string[] } | { ok: false; reason: string }> {
    let path = pattern;
    if (path === '~' || path.startsWith('~/')) path = join(this.#homeDir, path.slice(1));
    else if (!isAbsolute(path)) path = join(this.#homeDir, '.ssh', path);
    if (!/[*?[]/.test(path)) return { ok: true, paths: [path] };
    const parts = path.split(/[\\/]+/);
    let bases = [parts[0] === '' ? sep : `${parts[0]}${sep}`];
    for (const part of parts.slice(1)) {
      if (part === '') continue;
      if (!/[*?[]/.test(part)) {
        bases = bases.map((b) => join(b, part));
        continue;
      }
      const matcher = fileGlob(part);
      if (!matcher.ok) return { ok: false, reason: `"${part}" is not a valid file pattern: ${matcher.reason}; not followed` };
      const next: string[] = [];
      for (const base of bases) {
        const names = await this.#files.readDir(base).catch(() => [] as string[]);
        for (const n of names.filter((n) => matcher.pattern.test(n)).sort()) next.push(join(base, n));
      }
      bases = next;
    }
    return { ok: true, paths: bases };
  }

  #short(file: string): string {
    const rel = relative(this.#homeDir, file);
    return rel.startsWith('..') || isAbsolute(rel) ? file : `~/${rel.split(sep).join(posix.sep)}`;
  }
}

function hostBlock(patterns: string[], file: string, line: number, parent: Block | undefined): HostBlock {
  return {
    kind: 'host',
    patterns,
    aliases: patterns.filter((v) => !WILDCARD.test(v)),
    wildcards: patterns.filter((v) => WILDCARD.test(v)),
    file,
    line,
    parent,
  };
}

function matchBlock(words: string[], file: string, line: number, parent: Block | undefined): MatchBlock {
  const text = `Match ${words.map((v) => (/\s/.test(v) ? `"${v}"` : v)).join(' ')}`;
  const parsed = SshConfigMatch.parse(words);
  return parsed.ok
    ? { kind: 'match', text, match: parsed.match, reason: undefined, wantsFinalPass: parsed.match.wantsFinalPass, file, line, parent }
    : { kind: 'match', text, match: undefined, reason: parsed.reason, wantsFinalPass: parsed.wantsFinalPass, file, line, parent };
}

interface FlattenState {
  entries: Entry[];
  directives: Directive[];
  blocks: Block[];
  files: string[];
  skipped: SshConfigSkip[];
  /** Every file read or tried in this import, and the Include that first named it (none for the main file). */
  reached: Map<string, { file: string; line: number } | undefined>;
  /** Some Match line asks for `final`: OpenSSH then reads the config a second time. */
  wantsFinalPass: boolean;
}

/** What applies to one host: settings first obtained, cumulative ones in order, and the blocks that applied. */
interface Settled {
  settings: Map<string, Directive>;
  identityFiles: Directive[];
  forwards: Directive[];
  /** Blocks that applied in the first pass, where Host lines see the name typed. */
  firstPass: Set<Block>;
  /** Blocks that applied in either pass. */
  applied: Set<Block>;
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
  /** What applies to a name typed (and a user given with it), worked out once. */
  readonly #settled = new Map<string, Settled>();

  constructor(
    private readonly state: FlattenState,
    private readonly homeDir: string,
    private readonly localUser: string,
  ) {
    for (const block of state.blocks) {
      if (block.kind !== 'host') continue;
      for (const alias of block.aliases) {
        if (!this.#aliases.has(alias.toLowerCase())) this.#aliases.set(alias.toLowerCase(), { alias, block });
      }
    }
  }

  run(): { candidates: SshConfigCandidate[]; skipped: SshConfigSkip[]; notes: string[] } {
    const skipped = [...this.state.skipped];
    const declared: Array<{ alias: string; block: HostBlock; outcome: Outcome }> = [];
    for (const { alias, block: first } of this.#aliases.values()) {
      const block = this.#declaring(alias);
      if (block === undefined) {
        skipped.push({ name: alias, file: first.file, line: first.line, reason: this.#undeclaredReason(alias, first) });
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
      if (block.kind === 'host' && block.wildcards.length === 0) continue;
      const what = block.kind === 'host' ? 'wildcard pattern' : 'Match block';
      const name = block.kind === 'host' ? block.wildcards.join(' ') : block.text;
      if (block.kind === 'match' && block.reason !== undefined) {
        skipped.push({ name, file: block.file, line: block.line, reason: `${block.reason}; its settings were applied to no host` });
        continue;
      }
      const matched = concrete.filter((alias) => this.#settle(alias, undefined).applied.has(block));
      skipped.push({
        name,
        file: block.file,
        line: block.line,
        reason:
          matched.length === 0
            ? `${what}, not a host; it matches none of the imported hosts`
            : `${what}, not a host; its settings were applied to ${matched.length} matching host${matched.length === 1 ? '' : 's'}: ${matched.join(', ')}`,
      });
    }
    const severalKeys = [...emitted.values()].filter((c) => (this.#identityCounts.get(c.key) ?? 0) > 1).length;
    const notes =
      severalKeys === 0
        ? []
        : [`${severalKeys} host${severalKeys === 1 ? ' has' : 's have'} several IdentityFile entries; Skein saves the first of each, where OpenSSH would try them in turn`];
    return { candidates: [...emitted.values()], skipped, notes };
  }

  /** The first Host block naming the alias that OpenSSH would apply to it. */
  #declaring(alias: string): HostBlock | undefined {
    const { firstPass } = this.#settle(alias, undefined);
    const lower = alias.toLowerCase();
    return this.state.blocks.find((b): b is HostBlock => b.kind === 'host' && b.aliases.some((a) => a.toLowerCase() === lower) && firstPass.has(b));
  }

  /** Why a Host block naming the alias never applies to it: the outermost block on its way in that does not. */
  #undeclaredReason(alias: string, block: HostBlock): string {
    const { firstPass } = this.#settle(alias, undefined);
    const chain: Block[] = [];
    for (let b: Block | undefined = block; b !== undefined; b = b.parent) chain.unshift(b);
    const outer = chain.find((b) => !firstPass.has(b)) ?? block;
    if (outer === block) return 'a negated pattern on its own Host line excludes it, so OpenSSH never applies this block either';
    const name = outer.kind === 'host' ? `"Host ${outer.patterns.join(' ')}"` : `"${outer.text}"`;
    const why = outer.kind === 'match' && outer.reason !== undefined ? `, which Skein cannot evaluate (${outer.reason})` : ', which does not match it';
    return `its file is Included from inside ${name} (${outer.file}:${outer.line})${why}, so OpenSSH never applies this block either`;
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

  /**
   * Walks the config as OpenSSH does for `ssh <name>`. `Match final` holds only in the second pass,
   * made when any Match line asks for it, in which Host lines and Match host see the final host name.
   */
  #settle(name: string, user: string | undefined): Settled {
    const id = `${name}\0${user ?? ''}`;
    const known = this.#settled.get(id);
    if (known) return known;
    const first = this.#pass(name, user, undefined);
    const settled = this.state.wantsFinalPass ? this.#pass(name, user, first) : first;
    this.#settled.set(id, settled);
    return settled;
  }

  #pass(name: string, user: string | undefined, firstPass: Settled | undefined): Settled {
    const settings = new Map(firstPass?.settings);
    const identityFiles = [...(firstPass?.identityFiles ?? [])];
    // Forwards add up like IdentityFile: every line that applies counts, in order.
    const forwards = [...(firstPass?.forwards ?? [])];
    const taken = new Set([...settings.values(), ...identityFiles, ...forwards]);
    // OpenSSH fixes the host name before its final pass; a HostName line there changes nothing.
    const finalHost = firstPass === undefined ? undefined : hostNameOf(firstPass.settings, name).toLowerCase();
    const on = new Set<Block>();
    for (const entry of this.state.entries) {
      if (entry.type === 'block') {
        const b = entry.block;
        if (b.parent !== undefined && !on.has(b.parent)) continue;
        const holds =
          b.kind === 'host'
            ? matchHostPatterns(finalHost ?? name, b.patterns.join(','))
            : b.match?.applies({
                host: finalHost ?? hostNameOf(settings, name),
                originalHost: name,
                user: user ?? settings.get('user')?.value ?? this.localUser,
                localUser: this.localUser,
                final: firstPass !== undefined,
              }) === true;
        if (holds) on.add(b);
        continue;
      }
      const d = entry.directive;
      if ((d.block !== undefined && !on.has(d.block)) || taken.has(d)) continue;
      taken.add(d);
      if (d.param === 'identityfile') identityFiles.push(d);
      else if (CUMULATIVE_FORWARDS.has(d.param)) forwards.push(d);
      else if (!settings.has(d.param) && !(finalHost !== undefined && d.param === 'hostname')) settings.set(d.param, d);
    }
    return { settings, identityFiles, forwards, firstPass: firstPass?.firstPass ?? on, applied: new Set([...(firstPass?.applied ?? []), ...on]) };
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
    const { settings, identityFiles, forwards } = this.#settle(name, hop.user);
    const alias = this.#aliases.get(name.toLowerCase());
    const declared = alias === undefined ? undefined : (this.#declaring(name) ?? alias.block);
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

    const hostName = hostNameOf(settings, name);
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

/** HostName with %h (the name typed) and %% expanded, as ssh does before connecting; the name itself without one. */
function hostNameOf(settings: Map<string, Directive>, name: string): string {
  return (settings.get('hostname')?.value ?? name).replace(/%(.)/g, (m, t: string) => (t === 'h' ? name : t === '%' ? '%' : m));
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

/**
 * File names match like glob(3): * and ? never match a leading dot or a separator; [abc], [a-z]
 * and [!abc] are classes. A pattern that cannot be read says why instead of throwing.
 */
function fileGlob(pattern: string): { ok: true; pattern: RegExp } | { ok: false; reason: string } {
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else if (c === '[') {
      let j = i + 1;
      const negate = pattern[j] === '!' || pattern[j] === '^';
      if (negate) j++;
      const first = j;
      // A "]" right after "[" or "[!" is a member, not the end.
      if (pattern[j] === ']') j++;
      const close = pattern.indexOf(']', j);
      if (close === -1) return { ok: false, reason: `the "[" at character ${i + 1} has no closing "]"` };
      body += `[${negate ? '^' : ''}${pattern.slice(first, close).replace(/[\\\]^[]/g, '\\$&')}]`;
      i = close;
    } else body += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  try {
    return { ok: true, pattern: new RegExp(`^${pattern.startsWith('.') ? '' : '(?!\\.)'}${body}$`) };
  } catch (error) {
    // e.g. [z-a]: the message ends with what is wrong ("Range out of order in character class").
    return { ok: false, reason: (error as Error).message.split(': ').at(-1) ?? 'not a pattern' };
  }
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
  // Ids are stored (a re-import finds its forwards by them), so their spelling stays: "[::1]-6443".
  const id = `${SSH_CONFIG_FORWARD_PREFIX}${bindAddress === DEFAULT_BIND_ADDRESS ? bindPort : formatHostPort(bindAddress, bindPort).replace(/:(?=\d+$)/, '-')}`;
  return { ok: true, everywhere, forward: { id, bindAddress, bindPort, remoteHost: unbracket(t[1]), remotePort, autoStart: false } };
}

function portOf(text: string): number | undefined {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  return port >= 1 && port <= 65535 ? port : undefined;
}

function unbracket(text: string): string {
  return text.replace(/^\[(.*)\]$/, '$1');
}

function bindText(f: LocalForward): string {
  return formatHostPort(f.bindAddress, f.bindPort);
}

function targetText(f: LocalForward): string {
  return formatHostPort(f.remoteHost, f.remotePort);
}

/** e.g. "127.0.0.1:8080 → localhost:80", as the import report shows a forward. */
export function forwardText(f: LocalForward): string {
  return `${bindText(f)} → ${targetText(f)}`;
}

function directiveName(lower: string): string {
  return { localforward: 'LocalForward', remoteforward: 'RemoteForward', dynamicforward: 'DynamicForward' }[lower] ?? lower;
}
