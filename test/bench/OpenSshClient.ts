// The OpenSSH `ssh` client as the reference: timed fresh runs and runs through a ControlMaster socket.
import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OpenSshEndpoint {
  host: string;
  port: number;
  username: string;
  privateKeyPath: string;
}

const RUN_TIMEOUT_MS = 20_000;

export class OpenSshClient {
  private readonly controlPath: string;
  private masterStarted = false;

  /** workDir must be short: the control socket path is limited to about 100 bytes. */
  constructor(
    private readonly endpoint: OpenSshEndpoint,
    private readonly workDir: string,
  ) {
    this.controlPath = join(workDir, 'cm');
  }

  /** Options every run shares: no user config, the fixture's key only, no host key prompt, no chatter. */
  private baseArgs(): string[] {
    const e = this.endpoint;
    return [
      '-F', '/dev/null',
      '-i', e.privateKeyPath,
      '-p', String(e.port),
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'BatchMode=yes',
      '-o', 'IdentitiesOnly=yes',
      '-o', 'LogLevel=ERROR',
    ];
  }

  private get destination(): string {
    return `${this.endpoint.username}@${this.endpoint.host}`;
  }

  /** Milliseconds from spawning `ssh host command` (a new connection each time) to its exit. */
  timeFresh(command = 'true'): Promise<number> {
    return run([...this.baseArgs(), '-o', 'ControlMaster=no', '-o', 'ControlPath=none', this.destination, command]);
  }

  /** Starts a persistent master (-M -f -N, ControlPersist=yes) and checks that its socket answers. */
  async startMaster(): Promise<void> {
    // The backgrounded master keeps its stderr: give it a file, not a pipe that would hold Node open.
    const logPath = join(this.workDir, 'master.log');
    const fd = openSync(logPath, 'w');
    try {
      this.masterStarted = true;
      await run([...this.baseArgs(), '-M', '-S', this.controlPath, '-o', 'ControlPersist=yes', '-f', '-N', this.destination], ['ignore', 'ignore', fd]);
    } catch (err) {
      throw new Error(`starting the ControlMaster failed: ${(err as Error).message} ${readFileSync(logPath, 'utf8')}`, { cause: err });
    } finally {
      closeSync(fd);
    }
    await run([...this.baseArgs(), '-S', this.controlPath, '-O', 'check', this.destination]);
  }

  /** Milliseconds from spawning `ssh -S socket host command` to its exit: a new session on the master's connection. */
  timeViaMaster(command = 'true'): Promise<number> {
    return run([...this.baseArgs(), '-S', this.controlPath, '-o', 'ControlMaster=no', this.destination, command]);
  }

  /** `ssh -O exit`: the master closes its connection and exits. Safe to call when it never started. */
  async stopMaster(): Promise<void> {
    if (!this.masterStarted) return;
    this.masterStarted = false;
    await run([...this.baseArgs(), '-S', this.controlPath, '-O', 'exit', this.destination]);
  }
}

/** Runs ssh, resolves with the wall time to its exit, rejects on a non-zero exit or a hang. */
function run(args: string[], stdio: StdioOptions = ['ignore', 'ignore', 'pipe']): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('ssh', args, { stdio });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ssh ${args.join(' ')} did not finish within ${RUN_TIMEOUT_MS} ms`));
    }, RUN_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      if (code === 0) resolve(ms);
      else reject(new Error(`ssh ${args.join(' ')} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}
