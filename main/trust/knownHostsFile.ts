// One OpenSSH known_hosts file: reading its entries and appending new ones without touching the rest.
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KnownHostsEntry, type KnownHostsLocation } from './knownHostsEntry.js';

/** A line that was not used, and why, so callers can log it; the file keeps it untouched. */
export interface SkippedKnownHostsLine extends KnownHostsLocation {
  reason: string;
}

export interface KnownHostsFileContent {
  entries: KnownHostsEntry[];
  skipped: SkippedKnownHostsLine[];
}

export interface KnownHostsFileOptions {
  path: string;
  /** Write new entries hashed (|1|salt|hash). Default true, like Debian's `HashKnownHosts yes`. */
  hashKnownHosts?: boolean;
}

export class KnownHostsFile {
  readonly path: string;
  private readonly hashKnownHosts: boolean;
  // Appends from concurrent verifications are queued so the "ends with a newline?" check and the
  // write that relies on it are never interleaved with another append.
  private appending: Promise<unknown> = Promise.resolve();

  constructor(options: KnownHostsFileOptions) {
    this.path = options.path;
    this.hashKnownHosts = options.hashKnownHosts ?? true;
  }

  /**
   * Read fresh on every call: the user may edit the file or run `ssh-keygen -R` between
   * connections, and a stale copy could keep trusting a key they just removed.
   * A missing file is empty. Any other read error is thrown: silently skipping an unreadable file
   * could skip its @revoked lines too.
   */
  async read(): Promise<KnownHostsFileContent> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { entries: [], skipped: [] };
      throw error;
    }
    const entries: KnownHostsEntry[] = [];
    const skipped: SkippedKnownHostsLine[] = [];
    const lines = text.split('\n');
    lines.forEach((lineText, index) => {
      const location = { path: this.path, line: index + 1 };
      const parsed = KnownHostsEntry.parse(lineText, location);
      if (parsed.kind === 'entry') entries.push(parsed.entry);
      else if (parsed.kind === 'malformed') skipped.push({ ...location, reason: parsed.reason });
    });
    return { entries, skipped };
  }

  /**
   * Appends one line for host:port and key. Existing bytes are never rewritten: the file is
   * opened for append only, and a missing final newline is added first so the new entry does
   * not glue onto the user's last line. Creates the directory (0700) and file (0600) if needed,
   * the modes ssh expects of ~/.ssh.
   */
  append(host: string, port: number, key: Uint8Array): Promise<void> {
    const line = KnownHostsEntry.format(host, port, key, { hash: this.hashKnownHosts });
    const done = this.appending.then(() => this.appendLine(line));
    this.appending = done.catch(() => undefined);
    return done;
  }

  private async appendLine(line: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a+', 0o600);
    try {
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      // One write call: with O_APPEND it lands whole at the end even if ssh appends concurrently.
      await handle.write(`${prefix}${line}\n`);
    } finally {
      await handle.close();
    }
  }
}
