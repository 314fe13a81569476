// Splits an error's hint into words and the shell commands inside it, so a command shows in monospace, ready to copy.

export type HintPart = { kind: 'text'; text: string } | { kind: 'command'; text: string };

/** The OpenSSH tools the core's hints name (toSkeinError: ssh-keygen -R, ssh-keyscan). */
const TOOLS = ['ssh-keygen', 'ssh-keyscan', 'ssh-add', 'ssh-copy-id'];

const TOOL_START = new RegExp(`(?<![\\w-])(?:${TOOLS.join('|')})(?= )`, 'g');

/** A POSIX single-quoted word, with '\'' for a quote inside, as the core writes paths and host names. */
const QUOTED = /^'(?:[^']|'\\'')*'/;
const BARE = /^[^\s'"()]+/;
/** Sentence punctuation after a command belongs to the sentence. */
const TRAILING = /[.,;:]+$/;

/**
 * A command runs from the tool's name over its options and their values and quoted words; it stops at
 * the first plain word that is neither (the sentence goes on: "... -f '/x' and connect again.").
 */
function commandLength(rest: string): number {
  let end = rest.indexOf(' ');
  let afterOption = false;
  for (;;) {
    const gap = /^ +/.exec(rest.slice(end))?.[0].length ?? 0;
    if (gap === 0) return end;
    const tail = rest.slice(end + gap);
    const quoted = QUOTED.exec(tail)?.[0];
    if (quoted) {
      end += gap + quoted.length;
      afterOption = false;
      continue;
    }
    const bare = BARE.exec(tail)?.[0];
    if (!bare || !(bare.startsWith('-') || afterOption)) return end;
    const word = bare.replace(TRAILING, '');
    if (word === '') return end;
    end += gap + word.length;
    if (word !== bare) return end;
    afterOption = word.startsWith('-');
  }
}

export function hintParts(hint: string): HintPart[] {
  const parts: HintPart[] = [];
  let at = 0;
  for (const match of hint.matchAll(TOOL_START)) {
    if (match.index < at) continue;
    const length = commandLength(hint.slice(match.index));
    if (match.index > at) parts.push({ kind: 'text', text: hint.slice(at, match.index) });
    parts.push({ kind: 'command', text: hint.slice(match.index, match.index + length) });
    at = match.index + length;
  }
  if (at < hint.length) parts.push({ kind: 'text', text: hint.slice(at) });
  return parts;
}
