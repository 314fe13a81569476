// Electron entry and composition root: secrets backend, core service, window, IPC transport, tray.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, safeStorage, Tray } from 'electron';
import ElectronStore from 'electron-store';
import { SKEIN_EVENTS, type SkeinApi, type SkeinEvent } from '../../app/api.js';
import { invokeSkeinCall, type ParsedSkeinCall } from '../../app/skeinCallSchemas.js';
import { HOST_DOCUMENT_OPTIONS } from '../hosts/hostStore.js';
import { PassphraseVault } from '../hosts/passphraseVault.js';
import { secretBackendChoice } from '../hosts/secretBackendChoice.js';
import type { SecretStore } from '../hosts/secretStore.js';
import { takeVaultPassphrase } from '../hosts/takeVaultPassphrase.js';
import { VaultError } from '../hosts/vaultError.js';
import { createSkeinService } from '../service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../service/settingsStore.js';
import type { SkeinService } from '../service/skeinService.js';
import { checkIpcCall } from './ipcCall.js';
import { SafeStorageSecretStore, SECRETS_FILE_OPTIONS } from './safeStorageSecretStore.js';
import { secureWindowOptions } from './secureWindowOptions.js';
import { trayMenuItems } from './trayMenuItems.js';

const here = dirname(fileURLToPath(import.meta.url));
const pagePath = join(here, '../../renderer/index.html');
const pageUrl = pathToFileURL(pagePath).href;

/** Without a real OS keyring, secrets go to the vault, unlocked by SKEIN_VAULT_PASSPHRASE until the UI can ask. */
async function openSecrets(vaultPassphrase: string | undefined): Promise<SecretStore> {
  const choice = secretBackendChoice({
    platform: process.platform,
    encryptionAvailable: await safeStorage.isAsyncEncryptionAvailable(),
    storageBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  console.info(`secrets: ${choice.reason}`);
  if (choice.backend === 'safeStorage') {
    return new SafeStorageSecretStore({ safeStorage, file: new ElectronStore<Record<string, unknown>>(SECRETS_FILE_OPTIONS) });
  }
  const path = join(app.getPath('userData'), 'vault.json');
  if (vaultPassphrase !== undefined) return new PassphraseVault({ path, passphrase: vaultPassphrase });
  const locked = (): Promise<never> =>
    Promise.reject(
      new VaultError('VAULT_LOCKED', `no OS keyring is available and the vault (${path}) is locked: start Skein with SKEIN_VAULT_PASSPHRASE set to save passwords`, path),
    );
  return { get: async () => undefined, has: async () => false, set: locked, delete: locked };
}

function wireIpc(service: SkeinService, window: BrowserWindow): void {
  ipcMain.handle('skein:call', async (event, payload: unknown) => {
    const check = checkIpcCall(event.senderFrame?.url ?? '', pageUrl, payload);
    if (!check.ok) throw new Error(check.error);
    return invokeSkeinCall(service, { method: check.method, args: check.args } as ParsedSkeinCall);
  });
  for (const name of SKEIN_EVENTS) {
    const events = service as unknown as Record<SkeinEvent, (cb: (...args: unknown[]) => void) => () => void>;
    events[name].call(service, (...args: unknown[]) => {
      if (!window.isDestroyed()) window.webContents.send('skein:event', { event: name, args });
    });
  }
}

async function refreshTray(tray: Tray, api: SkeinApi, window: BrowserWindow): Promise<void> {
  const [hosts, snapshot] = await Promise.all([api.listHosts(), api.poolSnapshot()]);
  const items = trayMenuItems(hosts, snapshot).map((item) => ({
    label: item.label,
    enabled: item.enabled,
    click: () => {
      window.show();
      // Quick connect: the window's health view shows the connection come up; failures are logged.
      if (item.hostId) api.connectHost(item.hostId).catch((err: unknown) => console.warn(`quick connect: ${(err as Error).message}`));
    },
  }));
  tray.setContextMenu(Menu.buildFromTemplate([...items, { type: 'separator' }, { label: 'Quit Skein', click: () => app.quit() }]));
}

async function start(): Promise<void> {
  // Taken before the app is ready, so no process Skein starts from here on inherits it.
  const vaultPassphrase = takeVaultPassphrase(process.env);
  await app.whenReady();
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  const service = await createSkeinService({
    homeDir: homedir(),
    hostDocument: new ElectronStore<Record<string, unknown>>({ name: 'hosts', ...HOST_DOCUMENT_OPTIONS }),
    settingsDocument: new ElectronStore<Record<string, unknown>>({ name: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    secrets: await openSecrets(vaultPassphrase),
    agentSocket: process.env.SSH_AUTH_SOCK,
    logger: { info: (m) => console.info(m), warn: (m) => console.warn(m) },
  });
  const window = new BrowserWindow(secureWindowOptions(join(here, 'preload.cjs')));
  // Nothing but the app's own page may load in the window.
  window.webContents.on('will-navigate', (e, url) => url !== pageUrl && e.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  wireIpc(service, window);
  await window.loadURL(pageUrl);
  window.show();

  const tray = new Tray(nativeImage.createFromPath(join(here, '../../../assets/tray.png')));
  tray.setToolTip('Skein');
  service.onPoolSnapshot(() => void refreshTray(tray, service, window));
  await refreshTray(tray, service, window);

  app.on('window-all-closed', () => undefined); // stays in the tray
  app.on('before-quit', () => void service.close());
}

start().catch((err: unknown) => {
  console.error(err);
  app.exit(1);
});
