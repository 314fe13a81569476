// The settings as the form edits them: text for numbers, and the keep-alive interval in seconds as OpenSSH counts it.
import type { Settings, TerminalRenderer, Theme } from '../../app/settings.js';

export interface SettingsForm {
  theme: Theme;
  fontFamily: string;
  fontSize: string;
  scrollback: string;
  terminalRenderer: TerminalRenderer;
  /** ServerAliveInterval is in seconds; the core stores milliseconds. */
  keepaliveSeconds: string;
  keepaliveCountMax: string;
  closeToTray: boolean;
}

export type SettingsFormField = keyof SettingsForm;

export function settingsFormValues(settings: Settings): SettingsForm {
  return {
    theme: settings.theme,
    fontFamily: settings.fontFamily,
    fontSize: String(settings.fontSize),
    scrollback: String(settings.scrollback),
    terminalRenderer: settings.terminalRenderer,
    keepaliveSeconds: String(settings.keepaliveIntervalMs / 1000),
    keepaliveCountMax: String(settings.keepaliveCountMax),
    closeToTray: settings.closeToTray,
  };
}
