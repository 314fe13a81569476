// One ssh_config Match line: its criteria read as OpenSSH's match_cfg_line reads them, and whether they hold.
import { matchHostPatterns } from '../trust/matchHostPatterns.js';

/** What a Match line is tested against, as OpenSSH sees it at that line. */
export interface SshConfigMatchContext {
  /** The HostName obtained so far (%h expanded), else the name typed; in the final pass, the final host name. */
  host: string;
  /** The name typed after ssh. */
  originalHost: string;
  /** The User obtained so far (or given with the host, as in user@host), else the local user. */
  user: string;
  localUser: string;
  /** OpenSSH's second pass, made when some Match line asks for `final`. */
  final: boolean;
}

type Criterion =
  | { name: 'all' | 'final'; negate: boolean }
  | { name: 'host' | 'originalhost' | 'user' | 'localuser'; negate: boolean; patterns: string };

export type SshConfigMatchParse = { ok: true; match: SshConfigMatch } | { ok: false; reason: string; wantsFinalPass: boolean };

/** Criteria OpenSSH knows that Skein cannot decide without running, resolving or knowing a live session. */
const UNDECIDABLE: Record<string, string> = {
  exec: 'Match exec runs a command to decide, and Skein never runs one, so it cannot tell whether this block applies',
  canonical: 'Match canonical applies after host name canonicalization (CanonicalizeHostname), which Skein does not do',
  localnetwork: 'Match localnetwork depends on the network this machine is on when ssh runs, which Skein does not check',
  tagged: 'Match tagged depends on the Tag of a live ssh command line, which Skein does not have',
  command: 'Match command depends on the remote command of a live ssh command line, which Skein does not have',
  sessiontype: 'Match sessiontype depends on the session a live ssh command line asks for, which Skein does not have',
  version: 'Match version tests the version of OpenSSH, which Skein is not',
};

// Not ssh-config's compute(): it runs Match exec (and nslookup), follows no Include, keeps one criterion per keyword, fails every !criterion and lets ? match nothing.
export class SshConfigMatch {
  readonly #criteria: readonly Criterion[];
  /** True when the line asks for OpenSSH's final pass (an unnegated `final`). */
  readonly wantsFinalPass: boolean;

  private constructor(criteria: readonly Criterion[]) {
    this.#criteria = criteria;
    this.wantsFinalPass = criteria.some((c) => c.name === 'final' && !c.negate);
  }

  /**
   * The words after `Match`, in order. Criteria repeat and take `!` as in OpenSSH, so they are read
   * from the words rather than from ssh-config's `criteria` object, which keeps one per keyword.
   */
  static parse(words: readonly string[]): SshConfigMatchParse {
    const criteria: Criterion[] = [];
    let attributes = 0;
    let undecidable: string | undefined;
    let wantsFinalPass = false;
    const rejected = (why: string, quote: string): SshConfigMatchParse => ({
      ok: false,
      reason: `${why}; ssh rejects this config ("${quote}")`,
      wantsFinalPass: false,
    });
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      const negate = word.startsWith('!');
      const name = (negate ? word.slice(1) : word).toLowerCase();
      if (name === 'all') {
        // OpenSSH lets one criterion come before `all` (Match canonical all, Match final all) and none after it.
        if (attributes > 1 || i + 1 < words.length) return rejected('"all" cannot be combined with other Match criteria', 'Bad Match condition');
        criteria.push({ name: 'all', negate });
        break;
      }
      attributes++;
      if (name === 'final') {
        wantsFinalPass ||= !negate;
        criteria.push({ name: 'final', negate });
        continue;
      }
      if (name === 'canonical') {
        undecidable ??= UNDECIDABLE.canonical;
        continue;
      }
      const decidable = name === 'host' || name === 'originalhost' || name === 'user' || name === 'localuser';
      if (!decidable && UNDECIDABLE[name] === undefined) return rejected(`"${word}" is not a Match criterion`, 'Unsupported Match attribute');
      const patterns = words[i + 1];
      if (patterns === undefined || patterns === '') return rejected(`Match ${word} needs a pattern after it`, 'Missing Match criteria');
      i++;
      if (decidable) criteria.push({ name, negate, patterns });
      else undecidable ??= UNDECIDABLE[name];
    }
    if (criteria.length === 0 && undecidable === undefined) return rejected('Match needs at least one criterion', 'One or more attributes required for Match');
    if (undecidable !== undefined) return { ok: false, reason: undecidable, wantsFinalPass };
    return { ok: true, match: new SshConfigMatch(criteria) };
  }

  /** Every criterion must hold; `all` holds unless negated; host names match case-insensitively. */
  applies(context: SshConfigMatchContext): boolean {
    let result = true;
    for (const c of this.#criteria) {
      if (c.name === 'all') return result && !c.negate;
      if (holds(c, context) === c.negate) result = false;
    }
    return result;
  }
}

function holds(c: Criterion, context: SshConfigMatchContext): boolean {
  switch (c.name) {
    case 'all':
      return true;
    case 'final':
      return context.final;
    case 'host':
      return matchHostPatterns(context.host, c.patterns);
    case 'originalhost':
      return matchHostPatterns(context.originalHost, c.patterns);
    // OpenSSH compares user names case-sensitively, host names not.
    case 'user':
      return matchHostPatterns(context.user, c.patterns, { caseSensitive: true });
    case 'localuser':
      return matchHostPatterns(context.localUser, c.patterns, { caseSensitive: true });
  }
}
