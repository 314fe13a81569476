// Which Skein `npm start` runs: the desktop app where Electron can run, web mode (and why) where it cannot.

export type StartMode =
  | { readonly kind: 'desktop'; readonly electronBinary: string }
  | { readonly kind: 'web'; readonly reason: string };

export interface StartConditions {
  /** The Electron binary's path, or why the electron package could not give one. */
  readonly electronBinary: string | { readonly error: string };
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function chooseStartMode(conditions: StartConditions): StartMode {
  const { electronBinary, platform, env } = conditions;
  if (typeof electronBinary !== 'string') {
    return { kind: 'web', reason: `Electron's binary is not installed and could not be fetched (${electronBinary.error})` };
  }
  // macOS and Windows always have a window server; on Linux and the BSDs a GUI needs X11 or Wayland.
  const needsDisplay = platform !== 'darwin' && platform !== 'win32';
  if (needsDisplay && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { kind: 'web', reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { kind: 'desktop', electronBinary };
}

/** The one line `npm start` prints before starting web mode. */
export function webFallbackLine(reason: string): string {
  return `Skein: the desktop app cannot start here: ${reason}. Starting web mode instead.`;
}
