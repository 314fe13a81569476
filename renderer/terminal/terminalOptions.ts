// The xterm.js options every tab's terminal is made with: the person's settings, checked, and the safety switches.
import type { ILinkHandler, ITerminalOptions } from '@xterm/xterm';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../app/settings.js';

/** The settings a terminal is drawn with; the settings view and the core keep them (app/settings.ts). */
export type TerminalSettings = Pick<Settings, 'fontFamily' | 'fontSize' | 'scrollback' | 'terminalRenderer'>;

export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = Object.freeze({
  fontFamily: DEFAULT_SETTINGS.fontFamily,
  fontSize: DEFAULT_SETTINGS.fontSize,
  scrollback: DEFAULT_SETTINGS.scrollback,
  terminalRenderer: DEFAULT_SETTINGS.terminalRenderer,
});

const fields = SettingsSchema.shape;

/** Settings as the caller has them (partly, or out of range): each bad or missing one is the default, by the core's own rules. */
export function checkedTerminalSettings(settings: Partial<TerminalSettings> = {}): TerminalSettings {
  const pick = <K extends keyof TerminalSettings>(key: K): TerminalSettings[K] => {
    const parsed = fields[key].unwrap().safeParse(settings[key]);
    return parsed.success ? (parsed.data as TerminalSettings[K]) : DEFAULT_TERMINAL_SETTINGS[key];
  };
  return { fontFamily: pick('fontFamily'), fontSize: pick('fontSize'), scrollback: pick('scrollback'), terminalRenderer: pick('terminalRenderer') };
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
