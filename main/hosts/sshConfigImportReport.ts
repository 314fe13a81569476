// Renders an ssh_config import result as plain text a person can read after clicking "Import".
import { sep } from 'node:path';
import type { SshConfigImportResult, SshConfigImportedHost } from './sshConfigImport.js';

export interface SshConfigImportReportOptions {
  /** Paths under it are shown as ~/... */
  homeDir?: string;
}

export function sshConfigImportReport(result: SshConfigImportResult, options: SshConfigImportReportOptions = {}): string {
  const home = options.homeDir?.replace(/[\\/]+$/, '');
  // Applied to whole lines, so paths inside reasons, warnings and changes shrink too.
  const short = (text: string): string => (home ? text.split(`${home}${sep}`).join('~/') : text);
  const where = (file: string, line?: number) => (line ? `${short(file)}:${line}` : short(file));
  const out: string[] = [];
  const fileCount = `${result.files.length} file${result.files.length === 1 ? '' : 's'} read`;
  out.push(`Import from ${short(result.configPath)} (${fileCount})`);
  out.push(
    `${result.imported.length} new, ${result.updated.length} updated, ${result.unchanged.length} unchanged, ${result.skipped.length} skipped`,
  );

  const hosts = [...result.imported, ...result.updated, ...result.unchanged];
  const width = Math.min(28, Math.max(0, ...hosts.map((h) => h.label.length)));
  const hostLine = (mark: string, h: SshConfigImportedHost): string => {
    const via = h.jump === undefined ? '' : ` via ${h.jump}`;
    return short(`  ${mark} ${h.label.padEnd(width)}  ${h.target}${via}  [${h.auth}]`);
  };
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    out.push('', `${title}:`, ...lines);
  };

  section(
    `New (${result.imported.length})`,
    result.imported.flatMap((h) => [hostLine('+', h), ...(h.note ? [`      ${h.note}`] : []), ...h.changes.map((c) => short(`      ${c}`))]),
  );
  section(
    `Updated (${result.updated.length})`,
    result.updated.flatMap((h) => [hostLine('~', h), ...h.changes.map((c) => short(`      ${c}`))]),
  );
  section(
    `Unchanged (${result.unchanged.length})`,
    result.unchanged.map((h) => hostLine('=', h)),
  );
  const skipWidth = Math.min(28, Math.max(0, ...result.skipped.map((s) => s.name.length)));
  section(
    `Skipped (${result.skipped.length})`,
    result.skipped.map((s) => short(`  - ${s.name.padEnd(skipWidth)}  ${where(s.file, s.line)}: ${s.reason}`)),
  );
  section(
    'Warnings',
    hosts.flatMap((h) => h.warnings.map((w) => short(`  ! ${h.label}: ${w}`))),
  );
  section(
    `Imported earlier, no longer in the config (kept) (${result.missing.length})`,
    result.missing.map((m) => `  ? ${m.label}${m.label === m.alias ? '' : ` (alias ${m.alias})`}`),
  );
  section(
    'Notes',
    result.notes.map((n) => `  * ${n}`),
  );
  return `${out.join('\n')}\n`;
}
