// The desktop shell's wiring: windows and their IPC, tray, menus, power and network events, and a quit that waits for the pool.
import { IPC_CHANNELS, PRELOAD_CALLS, type DesktopView, type IpcReply, type PreloadCall } from '../../app/electronIpc.js';
import type { SkeinApi } from '../../app/api.js';
import { DEFAULT_SETTINGS, type Settings } from '../../app/settings.js';
import type { HostsLogger } from '../hosts/hostsLogger.js';
import type { SkeinService } from '../service/skeinService.js';
import { toSkeinError } from '../service/toSkeinError.js';
import { allowNavigation } from './allowNavigation.js';
import { allowPermission } from './allowPermission.js';
import { appMenuTemplate } from './appMenuTemplate.js';
import { APP_PAGE_URL, APP_SCHEME, appProtocolHandler } from './appProtocol.js';
import type { DesktopElectron, ShellIpcEvent, ShellTray, ShellWindow } from './desktopElectron.js';
import { externalLink } from './externalLink.js';
import { checkIpcCall, ipcSenderRefusal, type IpcSender } from './ipcCall.js';
import { NetworkChangeWatcher, type ReadInterfaces } from './networkChangeWatcher.js';
import { quickConnectArgument } from './quickConnectArgument.js';
import type { RecentHosts } from './recentHosts.js';
import { secureWindowOptions } from './secureWindowOptions.js';
import { trayHealth, type TrayState } from './trayHealth.js';
import { trayIconPath } from './trayIconPath.js';
import { trayMenuModel, type TrayAction } from './trayMenuModel.js';
import { trayMenuTemplate } from './trayMenuTemplate.js';
import { WindowLink } from './windowLink.js';

/** The core as the desktop shell uses it: SkeinApi, plus what only a shell does (revalidate, disconnect all, close). */
export type DesktopService = SkeinApi & Pick<SkeinService, 'close' | 'revalidate' | 'disconnectAll'>;

export interface DesktopAppOptions {
  electron: DesktopElectron;
  service: DesktopService;
  /** process.platform */
  platform: string;
  paths: {
    /** dist/renderer: all the app protocol serves. */
    renderer: string;
    /** The bundled preload (dist/main/electron/preload.cjs). */
    preload: string;
    /** assets/, for the tray images. */
    assets: string;
    windowIcon?: string;
  };
  recent: RecentHosts;
  readInterfaces: ReadInterfaces;
  /** How often the network interfaces are read; default 5 s. */
  networkPollMs?: number;
  /** process.on for SIGTERM and SIGINT. */
  onSignal(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  /** graceMs: what the pool gets for running exec; limitMs: the most quitting waits for the pool. */
  quit?: { graceMs: number; limitMs: number };
  logger: HostsLogger;
}

/** Calls after which the tray's host list may have changed. */
const HOST_CHANGING_CALLS = new Set<PreloadCall>(['createHost', 'updateHost', 'deleteHost', 'importSshConfig', 'saveQuickHost']);

export class DesktopApp {
  private window: ShellWindow | undefined;
  private readonly links = new Map<number, WindowLink>();
  private tray: ShellTray | undefined;
  private trayImage = '';
  /** The menu last set, as data: a snapshot that changes no label (bytes counted, a keep-alive) leaves the open menu alone. */
  private trayModel = '';
  private trayGeneration = 0;
  private network: NetworkChangeWatcher | undefined;
  private unsubscribeSnapshots: (() => void) | undefined;
  private quitting = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** The settings as last heard from the core; closeToTray is read on every window close. */
  private settings: Settings = DEFAULT_SETTINGS;
  /** Arguments of second launches made before start() was done. */
  private readonly earlyLaunches: (readonly string[])[] = [];

  constructor(private readonly options: DesktopAppOptions) {
    const { app } = options.electron;
    app.on('second-instance', (_event, argv) => {
      // Not started yet: the first launch's window is on its way and shows itself; the arguments wait for it.
      if (this.tray) this.handOver(argv, this.showWindow());
      else this.earlyLaunches.push(argv);
    });
    // Electron quits once this returns; the pool gets its close first, and the quit is made again after it.
    app.on('before-quit', (event) => {
      if (this.closed) return;
      event.preventDefault();
      void this.quit();
    });
    app.on('window-all-closed', () => {
      if (options.platform !== 'darwin' && !this.settings.closeToTray) void this.quit();
    });
    app.on('activate', () => void this.showWindow());
    options.onSignal('SIGTERM', () => void this.quit());
    options.onSignal('SIGINT', () => void this.quit());
  }

  /** After app 'ready': the page's scheme and permissions, IPC, menus, tray, power events, the window; `argv` may hand over a quick connect. */
  async start(argv: readonly string[]): Promise<void> {
    const { electron: e, platform } = this.options;
    this.settings = await this.options.service.getSettings();
    this.options.service.onSettingsChanged((settings) => void (this.settings = settings));
    e.protocol.handle(APP_SCHEME, appProtocolHandler(this.options.paths.renderer));
    e.session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowPermission(permission, details.requestingUrl)));
    e.session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allowPermission(permission, requestingOrigin));
    e.session.setDevicePermissionHandler(() => false);
    e.session.on('will-download', (event) => event.preventDefault());
    this.registerIpc();
    e.Menu.setApplicationMenu(e.Menu.buildFromTemplate(appMenuTemplate(platform, { openHealth: () => this.showView('health'), quit: () => void this.quit() })));
    e.powerMonitor.on('resume', () => this.revalidate('the computer woke up'));
    e.powerMonitor.on('unlock-screen', () => this.revalidate('the screen was unlocked'));
    this.network = new NetworkChangeWatcher({
      readInterfaces: this.options.readInterfaces,
      onChange: () => this.revalidate('the network changed'),
      ...(this.options.networkPollMs === undefined ? {} : { everyMs: this.options.networkPollMs }),
    });

    this.trayImage = this.iconFor('idle');
    this.tray = e.createTray(this.trayImage);
    this.tray.setToolTip('Skein');
    // Windows users open an app from its tray icon with a click; macOS and Linux show the menu instead.
    if (platform === 'win32') this.tray.on('click', () => void this.showWindow());
    this.unsubscribeSnapshots = this.options.service.onPoolSnapshot(() => void this.refreshTray());
    e.nativeTheme.on('updated', () => void this.refreshTray());
    await this.refreshTray();

    const win = this.showWindow();
    for (const launch of [argv, ...this.earlyLaunches.splice(0)]) this.handOver(launch, win);
  }

  /** The main window, made anew when there is none (closed, or never opened); shown and focused. */
  showWindow(): ShellWindow {
    const current = this.window;
    if (current && !current.isDestroyed()) {
      if (current.isMinimized()) current.restore();
      current.show();
      current.focus();
      return current;
    }
    this.window = this.createWindow();
    return this.window;
  }

  /** Quit and SIGTERM alike: the pool closes gracefully (EOF, running exec, SSH disconnect) within the limit, then Electron quits. */
  quit(): Promise<void> {
    if (this.closing) return this.closing;
    this.quitting = true;
    const { graceMs, limitMs } = this.options.quit ?? { graceMs: 2000, limitMs: 5000 };
    this.closing = (async () => {
      this.network?.stop();
      this.unsubscribeSnapshots?.();
      this.tray?.destroy();
      this.tray = undefined;
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<'limit'>((resolve) => {
        timer = setTimeout(() => resolve('limit'), limitMs);
      });
      const closed = this.options.service.close(graceMs).then(
        () => 'closed' as const,
        (err: unknown) => {
          this.options.logger.warn(`closing the connections failed: ${(err as Error).message}`);
          return 'closed' as const;
        },
      );
      if ((await Promise.race([closed, limit])) === 'limit') {
        this.options.logger.warn(`closing the connections took over ${limitMs / 1000} s: quitting without waiting longer`);
      }
      clearTimeout(timer);
      this.closed = true;
      this.options.electron.app.quit();
    })();
    return this.closing;
  }

  private createWindow(): ShellWindow {
    const { electron: e, logger } = this.options;
    const win = e.createWindow(secureWindowOptions(this.options.paths.preload, this.options.paths.windowIcon));
    const contents = win.webContents;
    const id = contents.id;
    const link = new WindowLink({
      contents,
      api: this.options.service,
      createMessageChannel: () => e.createMessageChannel(),
      needsAttention: () => this.attend(win),
      tabOpened: (hostId) => {
        if (this.options.recent.touch(hostId)) void this.refreshTray();
      },
      warn: (message) => logger.warn(message),
    });
    this.links.set(id, link);

    contents.setWindowOpenHandler(({ url }) => {
      // The page opens a link with window.open only after the person confirmed it; the window itself is never made.
      const link = externalLink(url);
      if (link) e.shell.openExternal(link).catch((err: unknown) => logger.warn(`could not open ${link}: ${(err as Error).message}`));
      else logger.warn(`refused to open ${url.slice(0, 200)}: only http and https links leave Skein`);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => {
      if (!allowNavigation(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!allowNavigation(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('did-start-navigation', (event) => {
      if (event.isMainFrame && !event.isSameDocument) link.pageGone();
    });
    contents.on('did-finish-load', () => link.pageLoaded());
    contents.on('render-process-gone', () => link.pageGone());

    win.on('close', (event) => {
      if (this.quitting || !this.settings.closeToTray) return;
      event.preventDefault();
      win.hide();
    });
    win.on('closed', () => {
      link.dispose();
      this.links.delete(id);
      if (this.window === win) this.window = undefined;
    });
    win.once('ready-to-show', () => {
      win.show();
      win.focus();
    });
    win.loadURL(APP_PAGE_URL).catch((err: unknown) => logger.warn(`the window could not load Skein's page: ${(err as Error).message}`));
    return win;
  }

  /** A prompt for the person: a hidden or minimized window comes forward, or the question waits out its timeout unseen. */
  private attend(win: ShellWindow): void {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
  }

  private registerIpc(): void {
    const { ipcMain } = this.options.electron;
    for (const method of PRELOAD_CALLS) ipcMain.handle(IPC_CHANNELS.call(method), (event, ...args) => this.handleCall(event, method, args));
    ipcMain.on(IPC_CHANNELS.subscribe, (event, name) => this.linkOf(event)?.subscribe(name));
    ipcMain.on(IPC_CHANNELS.unsubscribe, (event, name) => this.linkOf(event)?.unsubscribe(name));
    ipcMain.on(IPC_CHANNELS.tabPort, (event) => this.linkOf(event)?.attachPort());
  }

  private senderOf(event: ShellIpcEvent): IpcSender {
    const frame = event.senderFrame;
    return { knownWindow: this.links.has(event.sender.id), frame: frame ? { url: frame.url, isTopFrame: frame.parent === null } : null };
  }

  private linkOf(event: ShellIpcEvent): WindowLink | undefined {
    const refusal = ipcSenderRefusal(this.senderOf(event));
    if (refusal) {
      this.options.logger.warn(refusal.message);
      return undefined;
    }
    return this.links.get(event.sender.id);
  }

  private async handleCall(event: ShellIpcEvent, method: PreloadCall, args: unknown[]): Promise<IpcReply<unknown>> {
    const check = checkIpcCall(this.senderOf(event), method, args);
    const link = this.links.get(event.sender.id);
    if (!check.ok || !link) return { ok: false, error: check.ok ? { code: 'INTERNAL', message: 'the window closed during the call' } : check.error };
    try {
      const value = await link.call(check.call);
      if (HOST_CHANGING_CALLS.has(method)) void this.refreshTray();
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toSkeinError(err).toShape() };
    }
  }

  /** A launch's arguments may prefill quick connect in `win` (never connect, never run anything). */
  private handOver(argv: readonly string[], win: ShellWindow): void {
    const handed = quickConnectArgument(argv);
    if (handed && 'refused' in handed) this.options.logger.warn(`quick connect: ${handed.refused}`);
    if (handed && 'prefill' in handed) this.links.get(win.webContents.id)?.sendDesktop('onQuickConnectPrefill', handed.prefill);
  }

  private showView(view: DesktopView): void {
    const win = this.showWindow();
    this.links.get(win.webContents.id)?.sendDesktop('onShowView', view);
  }

  private openHost(hostId: string): void {
    const win = this.showWindow();
    this.links.get(win.webContents.id)?.sendDesktop('onOpenHost', hostId);
  }

  private runTrayAction(action: TrayAction): void {
    switch (action) {
      case 'show-window':
        this.showWindow();
        return;
      case 'open-health':
        return this.showView('health');
      case 'disconnect-all':
        this.options.service.disconnectAll().catch((err: unknown) => this.options.logger.warn(`disconnect all: ${(err as Error).message}`));
        return;
      case 'quit':
        void this.quit();
        return;
    }
  }

  private revalidate(why: string): void {
    this.options.logger.info(`${why}: checking every connection now`);
    this.options.service.revalidate().catch((err: unknown) => this.options.logger.warn(`checking the connections failed: ${(err as Error).message}`));
  }

  private iconFor(state: TrayState): string {
    return trayIconPath(this.options.paths.assets, state, { platform: this.options.platform, dark: this.options.electron.nativeTheme.shouldUseDarkColors });
  }

  /** Rebuilt after every change (pool snapshot, host edits, recent use, theme); a slower earlier rebuild never overwrites a later one. */
  private async refreshTray(): Promise<void> {
    if (!this.tray || this.quitting) return;
    const generation = ++this.trayGeneration;
    let hosts: Awaited<ReturnType<SkeinApi['listHosts']>>;
    let snapshot: Awaited<ReturnType<SkeinApi['poolSnapshot']>>;
    try {
      [hosts, snapshot] = await Promise.all([this.options.service.listHosts(), this.options.service.poolSnapshot()]);
    } catch (err) {
      this.options.logger.warn(`the tray menu could not be rebuilt: ${(err as Error).message}`);
      return;
    }
    const tray = this.tray;
    if (generation !== this.trayGeneration || !tray || this.quitting) return;
    this.options.recent.keepOnly(new Set(hosts.map((h) => h.id)));
    const { state, summary } = trayHealth(snapshot);
    const image = this.iconFor(state);
    if (image !== this.trayImage) tray.setImage(image);
    this.trayImage = image;
    tray.setToolTip(summary);
    const model = trayMenuModel({ hosts, recent: this.options.recent.list(), snapshot });
    const seen = JSON.stringify(model);
    if (seen === this.trayModel) return;
    this.trayModel = seen;
    // A Linux AppIndicator ignores clicks and shows only the menu it was last given: set it after every change.
    tray.setContextMenu(this.options.electron.Menu.buildFromTemplate(trayMenuTemplate(model, { openHost: (id) => this.openHost(id), run: (a) => this.runTrayAction(a) })));
  }
}
