// What the settings form would save: only the settings that changed, checked by the core's own schema, errors by field.
import { SettingsPatchSchema, type Settings, type SettingsPatch } from '../../app/settings.js';
import { settingsFormField } from './settingsFormField.js';
import type { SettingsForm, SettingsFormField } from './settingsFormValues.js';

export interface SettingsFormCheck {
  patch: SettingsPatch;
  /** Next to each field, why its value cannot be saved. */
  errors: Partial<Record<SettingsFormField, string>>;
}

const MAX_KEEPALIVE_SECONDS = 3600;

/** Text to a number; empty or not a number stays NaN so the schema names the range. */
function numberFrom(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export function settingsFormPatch(form: SettingsForm, saved: Settings): SettingsFormCheck {
  const errors: SettingsFormCheck['errors'] = {};
  const seconds = numberFrom(form.keepaliveSeconds);
  let keepaliveIntervalMs = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_KEEPALIVE_SECONDS) {
    // The schema would speak of milliseconds; the person typed seconds.
    errors.keepaliveSeconds = `must be a number of seconds from 0 to ${MAX_KEEPALIVE_SECONDS} (0 turns keep-alives off)`;
    keepaliveIntervalMs = saved.keepaliveIntervalMs;
  }
  const wanted: Settings = {
    theme: form.theme,
    fontFamily: form.fontFamily,
    fontSize: numberFrom(form.fontSize),
    scrollback: numberFrom(form.scrollback),
    terminalRenderer: form.terminalRenderer,
    keepaliveIntervalMs,
    keepaliveCountMax: numberFrom(form.keepaliveCountMax),
    closeToTray: form.closeToTray,
  };
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(wanted) as (keyof Settings)[]) {
    const value = key === 'fontFamily' ? wanted.fontFamily.trim() : wanted[key];
    if (!Object.is(value, saved[key])) changed[key] = wanted[key];
  }
  const parsed = SettingsPatchSchema.safeParse(changed);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = settingsFormField(issue.path.map(String).join('.'));
      if (field && errors[field] === undefined) errors[field] = issue.message;
    }
    return { patch: {}, errors };
  }
  return { patch: Object.keys(errors).length > 0 ? {} : parsed.data, errors };
}
