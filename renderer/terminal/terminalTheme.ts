// The terminal's colours, read from the page's CSS variables so light and dark come from one place (terminal.css).
import type { ITheme } from '@xterm/xterm';
import type { ISearchDecorationOptions } from '@xterm/addon-search';

const ANSI = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

export interface TerminalColours {
  theme: ITheme;
  search: ISearchDecorationOptions;
}

/** `read` gives a CSS variable's value, e.g. from getComputedStyle(document.documentElement). */
export function terminalColours(read: (variable: string) => string): TerminalColours {
  const v = (name: string): string => read(`--terminal-${name}`).trim();
  const theme: ITheme = {
    background: v('bg'),
    foreground: v('fg'),
    cursor: v('cursor'),
    cursorAccent: v('bg'),
    selectionBackground: v('selection'),
  };
  const palette = theme as Record<string, string>;
  for (const name of ANSI) {
    palette[name] = v(name);
    palette[`bright${name[0]!.toUpperCase()}${name.slice(1)}`] = v(`bright-${name}`);
  }
  return {
    theme,
    search: {
      matchBackground: v('match'),
      matchOverviewRuler: v('match'),
      activeMatchBackground: v('match-active'),
      activeMatchColorOverviewRuler: v('match-active'),
    },
  };
}
