// The person's preferences: one schema shared by the core (which stores them) and the settings view.
import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Which renderer draws the terminals: 'auto' takes WebGL only when a GPU draws it (as VS Code's gpuAcceleration: auto). */
export const TERMINAL_RENDERERS = ['auto', 'webgl', 'dom'] as const;
export type TerminalRenderer = (typeof TERMINAL_RENDERERS)[number];

export const SettingsSchema = z.object({
  theme: z.enum(THEMES, { error: `must be one of ${THEMES.join(', ')}` }).default('system'),
  fontFamily: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }).default('DejaVu Sans Mono, Menlo, Consolas, monospace'),
  fontSize: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(6, { error: 'must be from 6 to 72' }).max(72, { error: 'must be from 6 to 72' }).default(13),
  /** Lines each terminal keeps above the screen. */
  scrollback: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be from 0 to 1000000' }).max(1_000_000, { error: 'must be from 0 to 1000000' }).default(10_000),
  terminalRenderer: z.enum(TERMINAL_RENDERERS, { error: `must be one of ${TERMINAL_RENDERERS.join(', ')}` }).default('auto'),
  /** Keep-alive for hosts that set none; 0 turns keep-alives off (ServerAliveInterval 0). */
  keepaliveIntervalMs: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number of milliseconds' }).min(0, { error: 'must not be negative' }).max(3_600_000, { error: 'must be at most one hour' }).default(15_000),
  keepaliveCountMax: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be from 1 to 100' }).max(100, { error: 'must be from 1 to 100' }).default(3),
  /** Desktop: closing the window keeps Skein running in the tray. */
  closeToTray: z.boolean({ error: 'must be true or false' }).default(true),
});
export type Settings = z.output<typeof SettingsSchema>;
export type SettingsPatch = Partial<Settings>;

const fields = SettingsSchema.shape;

/**
 * A change to some settings. Built from the fields without their defaults: `.partial()` would
 * fill every missing field with its default, and a patch of one field would reset all others.
 * Unknown fields are refused, so a misspelt setting is not silently ignored.
 */
export const SettingsPatchSchema = z
  .strictObject({
    theme: fields.theme.unwrap(),
    fontFamily: fields.fontFamily.unwrap(),
    fontSize: fields.fontSize.unwrap(),
    scrollback: fields.scrollback.unwrap(),
    terminalRenderer: fields.terminalRenderer.unwrap(),
    keepaliveIntervalMs: fields.keepaliveIntervalMs.unwrap(),
    keepaliveCountMax: fields.keepaliveCountMax.unwrap(),
    closeToTray: fields.closeToTray.unwrap(),
  } satisfies Record<keyof Settings, z.ZodType>, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')}: not a setting (settings: ${Object.keys(fields).join(', ')})`
        : 'must be an object of settings',
  })
  .partial();

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
