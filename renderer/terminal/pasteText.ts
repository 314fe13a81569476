// What a paste may send to the shell: text without escape sequences or control characters, and whether to ask first.
/* eslint-disable no-control-regex -- escape and control characters are exactly what this is about */

/** CSI sequences (7-bit `ESC [` and 8-bit U+009B): removed whole so pasted coloured text leaves no `[31m` behind. */
const CSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g;
/** OSC, DCS, SOS, PM and APC strings, up to their terminator (BEL or ST) or the end of the text. */
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)/g;
/** Every other control character but tab and line breaks: ESC, C1, DEL, NUL, Ctrl-C... */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * The pasted text with no way out of bracketed paste: every ESC and C1 control is gone, so
 * `ESC[201~` (the end marker) cannot appear however it is split or nested. Tabs and line breaks stay.
 */
export function sanitizePaste(text: string): string {
  return text.replace(STRING_SEQUENCE, '').replace(CSI, '').replace(CONTROL, '');
}

export interface PastePreview {
  /** Lines the paste holds; a final line break does not start another. */
  lineCount: number;
  /** The first few lines, each cut to a length a dialog can show. */
  firstLines: string[];
  /** A line break runs a command the moment it lands when the shell has no bracketed paste. */
  needsConfirm: boolean;
}

const PREVIEW_LINES = 5;
const PREVIEW_LINE_CHARS = 200;

export function pastePreview(sanitized: string): PastePreview {
  const lines = sanitized.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return {
    lineCount: lines.length,
    firstLines: lines
      .slice(0, PREVIEW_LINES)
      .map((line) => (line.length > PREVIEW_LINE_CHARS ? `${line.slice(0, PREVIEW_LINE_CHARS)}…` : line)),
    needsConfirm: /[\r\n]/.test(sanitized),
  };
}
