// `npm run web` entry and composition root: the core on the desktop app's data, served to a browser on 127.0.0.1.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { HOST_DOCUMENT_OPTIONS } from '../hosts/hostStore.js';
import { LockableVault } from '../hosts/lockableVault.js';
import { createSkeinService } from '../service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../service/settingsStore.js';
import { ConnectionToken } from './connectionToken.js';
import { parseServerArgs } from './serverArgs.js';
import { electronAppName, userDataDir } from './userDataDir.js';
import { WebServer } from './webServer.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const staticRoot = join(repoRoot, 'dist', 'renderer');
/** How long closing may take before the process gives up waiting (the pool's own grace is 2 s). */
const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2), process.cwd());
  const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { name?: unknown; productName?: unknown };
  const dataDir = args.dataDir ?? userDataDir(electronAppName(packageJson), { platform: process.platform, homeDir: homedir(), env: process.env });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  // stdout carries the one line with the address; everything else goes to stderr.
  const logger = { info: (m: string) => console.error(m), warn: (m: string) => console.error(m) };
  // The same file names as the desktop app (electron-store's hosts.json, vault.json), so both see the same hosts.
  const vault = new LockableVault({ path: join(dataDir, 'vault.json'), logger });
  const service = await createSkeinService({
    homeDir: homedir(),
    hostDocument: new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'hosts', ...HOST_DOCUMENT_OPTIONS }),
    // electron-store's settings.json too: preferences changed in a browser are the desktop app's.
    settingsDocument: new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    secrets: vault,
    vault,
    agentSocket: process.env.SSH_AUTH_SOCK,
    logger,
  });
  if (!existsSync(join(staticRoot, 'index.html'))) {
    console.error(`the renderer is not built (${staticRoot} has no index.html): run npm run build; until then only the API is served`);
  }
  const server = await WebServer.start({ api: service, staticRoot, token: ConnectionToken.generate(), port: args.port, log: logger.warn });
  console.log(server.url);

  let stopping = false;
  const stop = (signal: string): void => {
    // Repeats are ignored: atomically (conf's writer) re-raises the signal it saw, and the limit below ends a hung close anyway.
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: closing connections`);
    setTimeout(() => {
      console.error(`closing took over ${SHUTDOWN_LIMIT_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    server
      .close()
      .then(() => service.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`closing failed: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`skein web: ${(err as Error).message}`);
  process.exit(1);
});
