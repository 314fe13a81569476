// Which form field an error from the core is about: its field names the updateSettings parameter and the setting.
import type { SettingsFormField } from './settingsFormValues.js';

const BY_SETTING: Record<string, SettingsFormField> = {
  theme: 'theme',
  fontFamily: 'fontFamily',
  fontSize: 'fontSize',
  scrollback: 'scrollback',
  terminalRenderer: 'terminalRenderer',
  keepaliveIntervalMs: 'keepaliveSeconds',
  keepaliveCountMax: 'keepaliveCountMax',
  closeToTray: 'closeToTray',
};

/** "patch.keepaliveIntervalMs" -> "keepaliveSeconds"; undefined when the error names no field of the form. */
export function settingsFormField(field: string | undefined): SettingsFormField | undefined {
  if (field === undefined) return undefined;
  const setting = field.replace(/^patch\./, '');
  return Object.hasOwn(BY_SETTING, setting) ? BY_SETTING[setting] : undefined;
}
