// `npm start` entry: the desktop app where Electron can run, otherwise web mode, saying why in one line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chooseStartMode, webFallbackLine } from './startMode.js';

/** A user's first start fetches the binary (~100 MB); give it time, but not forever. */
const FETCH_LIMIT_MS = 10 * 60_000;

/**
 * Under plain Node the electron package exports its binary's path, fetching the binary first if
 * it has not yet. Asked in a child so the package's download noise and stack trace stay out of
 * the terminal; what is left of its error is one line.
 */
function findElectronBinary(): string | { error: string } {
  const found = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: FETCH_LIMIT_MS,
  });
  if (found.status === 0 && found.stdout) {
    // ELECTRON_OVERRIDE_DIST_PATH makes the package answer without looking.
    return existsSync(found.stdout) ? found.stdout : { error: `no file at ${found.stdout}` };
  }
  // The first error line is the download's own cause (e.g. "TypeError: fetch failed"); the package's advice follows it.
  const firstError = `${found.stderr}`.split('\n').find((line) => /^\w*Error: /.test(line));
  return { error: firstError?.replace(/^\w*Error: /, '') ?? found.error?.message ?? 'it gave no path' };
}

function run(command: string, args: readonly string[]): void {
  // npm runs scripts in the package's folder, which is what `electron .` and the web entry's path mean.
  const child = spawn(command, args, { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; SIGTERM from a service manager is passed on.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => undefined);
  child.on('error', (err) => {
    console.error(`Skein: could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const args = process.argv.slice(2);
const mode = chooseStartMode({ electronBinary: findElectronBinary(), platform: process.platform, env: process.env });
if (mode.kind === 'desktop') {
  run(mode.electronBinary, ['.', ...args]);
} else {
  console.error(webFallbackLine(mode.reason));
  run(process.execPath, ['--import', 'tsx', 'main/web/server.ts', ...args]);
}
