// The known_hosts files ssh consults: the user's own (read and appended) plus global ones (read only).
import { KnownHostsFile, type KnownHostsFileContent } from './knownHostsFile.js';

export interface KnownHostsOptions {
  /** The user's file, e.g. ~/.ssh/known_hosts; the only one new entries are written to. */
  userFile: string;
  /** System-wide files such as /etc/ssh/ssh_known_hosts; never written. */
  globalFiles?: readonly string[];
  /** Hash new entries; default true (Debian's `HashKnownHosts yes`). */
  hashKnownHosts?: boolean;
}

export class KnownHosts {
  readonly userFile: KnownHostsFile;
  readonly globalFiles: readonly KnownHostsFile[];

  constructor(options: KnownHostsOptions) {
    const hashKnownHosts = options.hashKnownHosts ?? true;
    this.userFile = new KnownHostsFile({ path: options.userFile, hashKnownHosts });
    this.globalFiles = (options.globalFiles ?? []).map((path) => new KnownHostsFile({ path }));
  }

  /** Every entry and skipped line of all files, user file first, each in file order. */
  async read(): Promise<KnownHostsFileContent> {
    const contents = await Promise.all([this.userFile, ...this.globalFiles].map((file) => file.read()));
    return {
      entries: contents.flatMap((content) => content.entries),
      skipped: contents.flatMap((content) => content.skipped),
    };
  }

  /** Records a newly trusted key for host:port in the user's file. */
  add(host: string, port: number, key: Uint8Array): Promise<void> {
    return this.userFile.append(host, port, key);
  }
}
