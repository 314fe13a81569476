// What one e2e spec file runs against: a real sshd, a temp HOME with ~/.ssh, and `npm run web` on it; started before the file's tests and stopped after them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';
import { OpenSshServer, type OpenSshServerOptions } from '../fixtures/openSshServer.js';
import { SshHome } from '../fixtures/sshHome.js';
import { WebModeProcess } from '../fixtures/webModeProcess.js';

export interface SkeinRigOptions {
  sshd?: OpenSshServerOptions;
  /** Put the sshd's host key in ~/.ssh/known_hosts before web mode starts (default true). */
  trustSshd?: boolean;
  /** Install the sshd's client key as ~/.ssh/id_ed25519, the default key quick connect tries (default true). */
  defaultKey?: boolean;
}

/** Starting takes one sshd, a tsx-compiled core and its first listen: generous on 2 shared cores. */
const START_TIMEOUT_MS = 120_000;

export class SkeinRig {
  private constructor(
    readonly sshd: OpenSshServer,
    readonly home: SshHome,
    readonly web: WebModeProcess,
  ) {}

  static async start(options: SkeinRigOptions = {}): Promise<SkeinRig> {
    const sshd = await OpenSshServer.start(options.sshd);
    const home = new SshHome();
    try {
      if (options.trustSshd ?? true) home.trust(sshd.knownHostsLine());
      if (options.defaultKey ?? true) home.installDefaultKey(sshd.clientKey);
      const web = await WebModeProcess.start({ home: home.path, dataDir: join(home.path, 'skein-data') });
      return new SkeinRig(sshd, home, web);
    } catch (err) {
      await sshd.stop();
      home.remove();
      throw err;
    }
  }

  /**
   * One rig for the spec file that calls this at its top level: started in beforeAll, stopped in
   * afterAll (Playwright runs both again in a fresh worker after a failed test, so a rig never
   * outlives its worker). The returned function gives the running rig inside tests.
   */
  static forFile(options: SkeinRigOptions = {}): () => SkeinRig {
    let rig: SkeinRig | undefined;
    test.beforeAll(async () => {
      test.setTimeout(START_TIMEOUT_MS);
      rig = await SkeinRig.start(options);
    });
    test.afterAll(async () => {
      test.setTimeout(START_TIMEOUT_MS);
      await rig?.stop();
      rig = undefined;
    });
    return () => {
      if (!rig) throw new Error('SkeinRig.forFile: the rig is used outside a test of the file that made it');
      return rig;
    };
  }

  /** Opens the printed address as a person would; the server trades the token for a cookie and drops it from the address. */
  async open(page: Page): Promise<void> {
    const response = await page.goto(this.web.url.href);
    if (!response?.ok()) throw new Error(`opening ${this.web.url.origin} answered ${response?.status()}: ${await response?.text()}`);
  }

  /**
   * The sshd processes serving connections, one per client connection: the listener's children.
   * Killing one drops that connection as a crashed server would.
   */
  connectionProcesses(): number[] {
    const listener = readFileSync(join(this.sshd.dir, 'sshd.pid'), 'utf8').trim();
    try {
      return execFileSync('pgrep', ['-P', listener], { encoding: 'utf8' }).trim().split('\n').map(Number);
    } catch {
      return []; // pgrep exits 1 when the listener has no children
    }
  }

  async stop(): Promise<void> {
    try {
      await this.web.stop();
    } finally {
      await this.sshd.stop();
      this.home.remove();
    }
  }
}
