// The person's preferences on disk: a conf/electron-store document, read field by field, a bad value never costing the file.
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema, type Settings, type SettingsPatch } from '../../app/settings.js';
import { SkeinError, fieldPath } from '../../app/skeinError.js';
import type { HostsLogger } from '../hosts/hostsLogger.js';
import { PRIVATE_FILE_MODE } from '../hosts/privateFileMode.js';

/**
 * The part of a conf / electron-store instance SettingsStore uses (as HostDocument for hosts).
 * Construct conf without its `schema` option: one bad value must not make the file unreadable.
 */
export interface SettingsDocument {
  readonly path: string;
  store: Record<string, unknown>;
}

/** The conf / electron-store options the settings document is opened with, beside its name and folder. */
export const SETTINGS_DOCUMENT_OPTIONS = { accessPropertiesByDotNotation: false, configFileMode: PRIVATE_FILE_MODE } as const;

export interface SettingsStoreOptions {
  document: SettingsDocument;
  logger?: HostsLogger;
}

const SETTING_NAMES = Object.keys(SettingsSchema.shape) as (keyof Settings)[];

export class SettingsStore {
  readonly #document: SettingsDocument;
  readonly #logger: HostsLogger | undefined;
  /** Each problem is logged once per store, not on every read. */
  readonly #reported = new Set<string>();

  constructor(options: SettingsStoreOptions) {
    this.#document = options.document;
    this.#logger = options.logger;
  }

  get path(): string {
    return this.#document.path;
  }

  /** The stored settings; a missing or malformed value is its default (a malformed one is reported). */
  get(): Settings {
    const { settings, problems } = this.#read();
    for (const problem of problems) this.#report(problem);
    return settings;
  }

  /**
   * Validates the whole patch before anything is written; rejects INVALID_INPUT naming the first
   * bad field (`patch.fontSize`). Other values in the file, malformed ones included, stay as they are.
   */
  update(patch: SettingsPatch): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => {
        // An unknown setting's message names it already; the field points at the first one.
        if (issue.code === 'unrecognized_keys') return { field: fieldPath(['patch', ...issue.keys.slice(0, 1)]), text: issue.message };
        return { field: fieldPath(['patch', ...issue.path]), text: `${issue.path.length > 0 ? fieldPath(issue.path) : 'patch'}: ${issue.message}` };
      });
      throw new SkeinError({
        code: 'INVALID_INPUT',
        message: `settings not saved: ${lines.map((l) => l.text).join('; ')}`,
        field: lines[0]?.field ?? 'patch',
      });
    }
    const current = this.#readDocument();
    if (current instanceof Error) {
      throw new SkeinError({
        code: 'INTERNAL',
        message: `settings not saved: ${this.path} cannot be read (${current.message}); it was left untouched`,
        hint: `fix the file or move it aside, then change the setting again`,
      });
    }
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    this.#document.store = { ...current, ...changes };
    return this.get();
  }

  #read(): { settings: Settings; problems: string[] } {
    const document = this.#readDocument();
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    if (document instanceof Error) {
      return { settings: settings as Settings, problems: [`${this.path} cannot be read (${document.message}); using the default settings, the file is left as it is`] };
    }
    const problems: string[] = [];
    for (const name of SETTING_NAMES) {
      if (!(name in document)) continue;
      const parsed = SettingsSchema.shape[name].safeParse(document[name]);
      if (parsed.success) {
        settings[name] = parsed.data;
        continue;
      }
      const why = parsed.error.issues.map((i) => i.message).join('; ');
      problems.push(
        `${this.path}: ${name} ${JSON.stringify(document[name]) ?? String(document[name])} ${why}; using the default (${JSON.stringify(DEFAULT_SETTINGS[name])}) until it is fixed or changed (the file keeps it as is)`,
      );
    }
    return { settings: settings as Settings, problems };
  }

  /** The raw document, or why it could not be read (a hand edit that is not JSON, a file made unreadable). */
  #readDocument(): Record<string, unknown> | Error {
    try {
      return { ...this.#document.store };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  #report(problem: string): void {
    if (this.#reported.has(problem)) return;
    this.#reported.add(problem);
    this.#logger?.warn(problem);
  }
}
