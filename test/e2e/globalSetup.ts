// Once per e2e run: every temp folder (sshd, HOME, data, browser profile) goes under one run folder, and nothing the run started may outlive it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Processes whose command line names the run folder: sshd (-f), web mode (--data-dir), Chromium (--user-data-dir). */
function processesOf(runDir: string): { pid: number; command: string }[] {
  let listed: string;
  try {
    listed = execFileSync('pgrep', ['-a', '-f', runDir], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
  return listed
    .trim()
    .split('\n')
    .map((line) => ({ pid: Number(line.slice(0, line.indexOf(' '))), command: line.slice(line.indexOf(' ') + 1) }));
}

export default function globalSetup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'skein-e2e-'));
  // Workers start after this and inherit it, so os.tmpdir() in every fixture and in Playwright's own profile folders points here.
  process.env.TMPDIR = runDir;
  return () => {
    const left = processesOf(runDir);
    for (const { pid } of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended on its own meanwhile
      }
    }
    rmSync(runDir, { recursive: true, force: true });
    if (left.length > 0) {
      throw new Error(`the e2e run left ${left.length} process(es) running, now killed; a fixture's stop() missed them:\n${left.map((p) => `  ${p.pid} ${p.command}`).join('\n')}`);
    }
  };
}
