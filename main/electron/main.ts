// Electron entry and composition root: the single-instance lock, the app scheme, secrets, the core, and the desktop shell.
import { mkdirSync } from 'node:fs';
import { homedir, networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  MessageChannelMain,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import ElectronStore from 'electron-store';
import { HOST_DOCUMENT_OPTIONS } from '../hosts/hostStore.js';
import { takeVaultPassphrase } from '../hosts/takeVaultPassphrase.js';
import { createSkeinService } from '../service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../service/settingsStore.js';
import { APP_SCHEME_PRIVILEGES } from './appProtocol.js';
import { DesktopApp } from './desktopApp.js';
import type { DesktopElectron } from './desktopElectron.js';
import { openDesktopSecrets } from './desktopSecrets.js';
import { RecentHosts } from './recentHosts.js';
import { SECRETS_FILE_OPTIONS } from './safeStorageSecretStore.js';

// dist/main/electron/ in a checkout and inside app.asar alike.
const here = dirname(fileURLToPath(import.meta.url));
const assets = join(here, '../../../assets');

async function start(): Promise<void> {
  // Taken before anything else, so no process Skein starts inherits it.
  const vaultPassphrase = takeVaultPassphrase(process.env);
  // A second launch hands its arguments to the first (its 'second-instance') and ends here.
  if (!app.requestSingleInstanceLock()) return app.quit();
  // Only possible before 'ready'.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  await app.whenReady();

  const logger = { info: (m: string) => console.info(m), warn: (m: string) => console.warn(m) };
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true, mode: 0o700 });
  const secrets = await openDesktopSecrets({
    platform: process.platform,
    safeStorage,
    secretsFile: () => new ElectronStore<Record<string, unknown>>(SECRETS_FILE_OPTIONS),
    userDataDir: userData,
    vaultPassphrase,
    logger,
  });
  logger.info(`secrets: ${secrets.reason}`);
  const service = await createSkeinService({
    homeDir: homedir(),
    hostDocument: new ElectronStore<Record<string, unknown>>({ name: 'hosts', ...HOST_DOCUMENT_OPTIONS }),
    settingsDocument: new ElectronStore<Record<string, unknown>>({ name: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    secrets: secrets.secrets,
    ...(secrets.vault ? { vault: secrets.vault } : {}),
    agentSocket: process.env.SSH_AUTH_SOCK,
    logger,
  });

  const electron: DesktopElectron = {
    app,
    createWindow: (options) => new BrowserWindow(options),
    createTray: (image) => new Tray(image),
    createMessageChannel: () => new MessageChannelMain(),
    ipcMain,
    Menu,
    nativeTheme,
    powerMonitor,
    protocol,
    session: session.defaultSession,
    shell,
  };
  const desktop = new DesktopApp({
    electron,
    service,
    platform: process.platform,
    paths: { renderer: join(here, '../../renderer'), preload: join(here, 'preload.cjs'), assets, windowIcon: join(assets, 'icons', '512x512.png') },
    recent: new RecentHosts(new ElectronStore<{ recentHosts?: string[] }>({ name: 'desktop' })),
    readInterfaces: networkInterfaces,
    onSignal: (signal, handler) => process.on(signal, handler),
    logger,
  });
  await desktop.start(process.argv);
}

start().catch((err: unknown) => {
  console.error(err);
  app.exit(1);
});
