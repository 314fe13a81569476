// What is written into a terminal when a new shell starts in old scrollback: a clean slate of modes and a dim line marking the gap.

/**
 * The old shell may have left modes on (alternate screen of vim, mouse reporting, bracketed paste,
 * application cursor keys, colours); the new shell expects a fresh terminal. Leave the alternate
 * screen so the scrollback shows (1047, not 1049: 1049 also restores a saved cursor, which with
 * none saved is the top-left corner, and the divider would overwrite the screen), turn the modes
 * off and soft-reset (DECSTR) the rest.
 */
const RESET_MODES = '\u001b[?1047l\u001b[?1000l\u001b[?1002l\u001b[?1003l\u001b[?1006l\u001b[?2004l\u001b[!p\u001b[0m';

function clock(at: Date): string {
  return [at.getHours(), at.getMinutes(), at.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The text of the divider, e.g. "— reconnected at 14:03:27 —". */
export function dividerText(at: Date): string {
  return `— reconnected at ${clock(at)} —`;
}

/** The bytes to write before the new shell's output: modes reset, then the divider dimmed on a line of its own. */
export function sessionDivider(at: Date): string {
  return `${RESET_MODES}\r\n\u001b[2m${dividerText(at)}\u001b[22m\r\n`;
}
