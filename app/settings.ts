// The person's preferences: one schema shared by the core (which stores them) and the settings view.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const wholeNumber = (min: number, max: number, unit = '') => {
  const range = `must be a whole number${unit} from ${min} to ${max}`;
  return z.number({ error: range }).int({ error: range }).min(min, { error: range }).max(max, { error: range });
};

/** Each field alone, without defaults: a patch names only what changes. */
const settingsFields = {
  theme: z.enum(THEMES, { error: `must be one of ${THEMES.join(', ')}` }),
  fontFamily: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  fontSize: wholeNumber(6, 72),
  /** Lines each terminal keeps above the screen. */
  scrollback: wholeNumber(0, 1_000_000, ' of lines'),
  /** Keep-alive for hosts that set none; 0 turns keep-alives off (ServerAliveInterval 0). */
  keepaliveIntervalMs: wholeNumber(0, 3_600_000, ' of milliseconds'),
  keepaliveCountMax: wholeNumber(1, 100),
  /** Desktop: closing the window keeps Skein running in the tray. */
  closeToTray: z.boolean({ error: 'must be true or false' }),
};

export const SettingsSchema = z.object(settingsFields, { error: 'must be an object' });
export type Settings = z.output<typeof SettingsSchema>;

export const SettingsPatchSchema = z.object(settingsFields, { error: 'must be an object' }).partial();
export type SettingsPatch = z.output<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  fontFamily: "'DejaVu Sans Mono', Menlo, Consolas, monospace",
  fontSize: 13,
  scrollback: 10_000,
  keepaliveIntervalMs: 15_000,
  keepaliveCountMax: 3,
  closeToTray: true,
});
