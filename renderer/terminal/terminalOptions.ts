// The xterm.js options every tab's terminal is made with: the person's settings, checked, and the safety switches.
import type { ILinkHandler, ITerminalOptions } from '@xterm/xterm';

export interface TerminalSettings {
  fontFamily: string;
  fontSize: number;
  /** Lines kept above the screen. */
  scrollback: number;
}

export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = Object.freeze({
  fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace",
  fontSize: 13,
  scrollback: 10_000,
});

export const SCROLLBACK_LIMITS = Object.freeze({ min: 0, max: 1_000_000 });
export const FONT_SIZE_LIMITS = Object.freeze({ min: 6, max: 48 });

/** Settings as they may come from a settings file: anything out of range falls back to the default. */
export function checkedTerminalSettings(settings: Partial<TerminalSettings> = {}): TerminalSettings {
  const inRange = (n: unknown, limits: { min: number; max: number }): n is number =>
    typeof n === 'number' && Number.isFinite(n) && n >= limits.min && n <= limits.max;
  return {
    fontFamily:
      typeof settings.fontFamily === 'string' && settings.fontFamily.trim() !== '' ? settings.fontFamily : DEFAULT_TERMINAL_SETTINGS.fontFamily,
    fontSize: inRange(settings.fontSize, FONT_SIZE_LIMITS) ? settings.fontSize : DEFAULT_TERMINAL_SETTINGS.fontSize,
    scrollback: inRange(settings.scrollback, SCROLLBACK_LIMITS) ? Math.trunc(settings.scrollback) : DEFAULT_TERMINAL_SETTINGS.scrollback,
  };
}

export function terminalOptions(settings: TerminalSettings, linkHandler: ILinkHandler): ITerminalOptions {
  return {
    fontFamily: settings.fontFamily,
    fontSize: settings.fontSize,
    scrollback: settings.scrollback,
    // terminal.unicode (the unicode 11 widths) is still a proposed API in xterm.js 6.
    allowProposedApi: true,
    // No window reports or manipulation (CSI t): a remote program must not make the terminal type
    // its title or sizes back into the shell's input. Every option stays off.
    windowOptions: {},
    // OSC 8 links; http and https only, and the handler asks before opening.
    linkHandler: { ...linkHandler, allowNonHttpProtocols: false },
    // Keep ANSI colours readable on both backgrounds (WCAG AA), as VS Code's terminal does.
    minimumContrastRatio: 4.5,
    macOptionIsMeta: true,
    rightClickSelectsWord: true,
    cursorBlink: false,
  };
}
