// Matches a host string against an OpenSSH pattern list ("a,*.b,!c.b") as known_hosts uses it.

/**
 * True when some pattern matches and no negated one does: a `!pattern` hit vetoes the whole
 * line even if another pattern matched, as in OpenSSH's match_hostname. Host names compare
 * case-insensitively; user names (ssh_config `Match user`) are case-sensitive, as in OpenSSH.
 */
export function matchHostPatterns(name: string, patternList: string, opts: { caseSensitive?: boolean } = {}): boolean {
  const fold = (text: string): string => (opts.caseSensitive ? text : text.toLowerCase());
  const subject = fold(name);
  let matched = false;
  for (const raw of patternList.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = fold(negated ? raw.slice(1) : raw);
    if (pattern === '' || !wildcardMatch(subject, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/**
 * `*` is any run of characters, `?` any one; everything else is literal (so `[host]:2222` is
 * matched character by character). Backtracks only to the last `*`, so it stays linear-ish on
 * hostile patterns instead of exploding like a naive recursive or regex translation could.
 */
function wildcardMatch(subject: string, pattern: string): boolean {
  let s = 0;
  let p = 0;
  let starP = -1;
  let starS = 0;
  while (s < subject.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starS = s;
    } else if (pc !== undefined && (pc === '?' || pc === subject[s])) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
