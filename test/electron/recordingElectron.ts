// A recording stand-in for the few Electron objects the desktop shell uses (DesktopElectron), typed by Electron's own definitions.
// The one place a stand-in replaces a real part: the Electron binary cannot run here. It behaves as Electron does where the
// shell depends on it: a destroyed window throws, quitting emits before-quit, IPC structured-clones, ports are real MessagePorts.
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Menu,
  MenuItem,
  MenuItemConstructorOptions,
  MessagePortMain,
  WindowOpenHandlerResponse,
} from 'electron';
import { APP_PAGE_URL } from '../../main/electron/appProtocol.js';
import type { DesktopElectron, ShellIpcEvent, ShellPort, ShellTray, ShellWebContents, ShellWindow } from '../../main/electron/desktopElectron.js';
import type { PreloadIpc, PreloadIpcListener } from '../../main/electron/preloadSurface.js';

/** An Electron event: preventDefault() is remembered. */
export function electronEvent<T extends object>(fields: T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

function destroyedError(): Error {
  return new TypeError('Object has been destroyed');
}

/** The page side of a window's IPC: what the preload's ipcRenderer would do, against the recording ipcMain. */
class PageIpc implements PreloadIpc {
  readonly listeners = new Map<string, Set<PreloadIpcListener>>();
  frameUrl = APP_PAGE_URL;
  isTopFrame = true;

  constructor(
    private readonly contents: RecordingWebContents,
    private readonly ipcMain: RecordingIpcMain,
  ) {}

  event(): ShellIpcEvent {
    const parent = this.isTopFrame ? null : ({ url: APP_PAGE_URL } as unknown as ShellIpcEvent['senderFrame'] & object);
    return { sender: { id: this.contents.id }, senderFrame: { url: this.frameUrl, parent: parent as never } };
  }

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.ipcMain.invoke(channel, this.event(), ...args);
  }

  send(channel: string, ...args: unknown[]): void {
    this.ipcMain.emitFrom(channel, this.event(), ...args);
  }

  on(channel: string, listener: PreloadIpcListener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? new Set()).add(listener));
    return this;
  }

  removeListener(channel: string, listener: PreloadIpcListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  deliver(channel: string, ports: readonly unknown[], args: unknown[]): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener({ ports }, ...structuredClone(args));
  }
}

let nextContentsId = 1;

export class RecordingWebContents extends EventEmitter implements ShellWebContents {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** How many times a page finished loading (did-finish-load). */
  loads = 0;
  destroyed = false;
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  /** What the page's preload sees; `page.deliver` is the renderer receiving a message. */
  readonly page: PageIpc;

  constructor(ipcMain: RecordingIpcMain) {
    super();
    this.page = new PageIpc(this, ipcMain);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    this.sent.push({ channel, args: structuredClone(args) });
    this.page.deliver(channel, [], args);
  }

  postMessage(channel: string, message: unknown, transfer?: MessagePortMain[]): void {
    if (this.destroyed) throw destroyedError();
    this.sent.push({ channel, args: [message] });
    // What arrives in the renderer is the DOM port; here, Node's real MessagePort behind the stand-in.
    this.page.deliver(channel, (transfer ?? []).map((port) => (port as unknown as RecordingPort).raw), [message]);
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Plays a navigation the page starts; true when the shell let it happen. */
  navigate(url: string, isMainFrame = true): boolean {
    const willNavigate = electronEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    if (isMainFrame) this.emit('will-navigate', willNavigate);
    const willFrameNavigate = electronEvent({ url, isMainFrame, isSameDocument: false, frame: null });
    this.emit('will-frame-navigate', willFrameNavigate);
    return !willNavigate.defaultPrevented && !willFrameNavigate.defaultPrevented;
  }

  /** Plays a reload (or any new document in the top frame): the old page is gone. */
  reload(): void {
    this.emit('did-start-navigation', electronEvent({ url: APP_PAGE_URL, isMainFrame: true, isSameDocument: false, frame: null }));
    this.loads += 1;
    this.emit('did-finish-load');
  }

  sentOn(channel: string): unknown[][] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.args);
  }
}

export class RecordingWindow extends EventEmitter implements ShellWindow {
  readonly webContents: RecordingWebContents;
  readonly calls: string[] = [];
  loadedUrl: string | undefined;
  private visible = false;
  private minimized = false;
  private destroyed = false;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    ipcMain: RecordingIpcMain,
  ) {
    super();
    this.webContents = new RecordingWebContents(ipcMain);
  }

  private live(what: string): void {
    if (this.destroyed) throw destroyedError();
    this.calls.push(what);
  }

  show(): void {
    this.live('show');
    this.visible = true;
    this.minimized = false;
  }
  hide(): void {
    this.live('hide');
    this.visible = false;
  }
  focus(): void {
    this.live('focus');
  }
  restore(): void {
    this.live('restore');
    this.minimized = false;
  }
  minimize(): void {
    this.live('minimize');
    this.minimized = true;
  }
  isVisible(): boolean {
    if (this.destroyed) throw destroyedError();
    return this.visible;
  }
  isMinimized(): boolean {
    if (this.destroyed) throw destroyedError();
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Loading ends with the page's preload listening (did-finish-load) and ready-to-show, as in Electron. */
  loadURL(url: string): Promise<void> {
    this.live(`loadURL ${url}`);
    this.loadedUrl = url;
    setImmediate(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-start-navigation', electronEvent({ url, isMainFrame: true, isSameDocument: false, frame: null }));
      this.webContents.loads += 1;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
    return Promise.resolve();
  }

  /** The person closes the window: 'close' may be prevented; otherwise it is destroyed and 'closed' fires. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export class RecordingIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: ShellIpcEvent, ...args: unknown[]) => unknown>();

  handle(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  /** ipcRenderer.invoke: arguments and result are structured-cloned; a thrown error would lose all but its message. */
  async invoke(channel: string, event: ShellIpcEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (err) {
      throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
    }
  }

  emitFrom(channel: string, event: ShellIpcEvent, ...args: unknown[]): void {
    this.emit(channel, event, ...structuredClone(args));
  }
}

/** MessagePortMain over Node's MessagePort: the same structured clone, the same queueing until the other side listens. */
export class RecordingPort extends EventEmitter implements ShellPort {
  constructor(readonly raw: MessagePort) {
    super();
    raw.on('message', (data: unknown) => this.emit('message', { data, ports: [] }));
  }
  postMessage(message: unknown): void {
    this.raw.postMessage(message);
  }
  start(): void {
    this.raw.start();
  }
  close(): void {
    this.raw.close();
  }
}

export class RecordingTray extends EventEmitter implements ShellTray {
  readonly menus: MenuItemConstructorOptions[][] = [];
  readonly images: string[] = [];
  tooltip = '';
  destroyed = false;

  constructor(image: string) {
    super();
    this.images.push(image);
  }
  setContextMenu(menu: Menu | null): void {
    this.menus.push(menu ? (menu as unknown as RecordingMenu).template : []);
  }
  setImage(image: string): void {
    this.images.push(image);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  destroy(): void {
    this.destroyed = true;
  }

  /** The menu as last set, flattened, for finding an item by its label. */
  items(): MenuItemConstructorOptions[] {
    const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flat(item.submenu) : [])]);
    return flat(this.menus.at(-1) ?? []);
  }

  click(label: string): void {
    const item = this.items().find((i) => i.label === label);
    if (!item?.click) throw new Error(`the tray menu has no clickable "${label}": ${this.items().map((i) => i.label).join(' | ')}`);
    item.click({} as never, undefined, {});
  }
}

/** Menu's class has native internals no stand-in can make; the shell only hands menus on, so the template is kept. */
export class RecordingMenu {
  readonly template: MenuItemConstructorOptions[];
  constructor(template: (MenuItemConstructorOptions | MenuItem)[]) {
    // The shell builds its menus from templates only (trayMenuTemplate, appMenuTemplate).
    this.template = template as MenuItemConstructorOptions[];
  }
}

export class RecordingApp extends EventEmitter {
  readonly calls: string[] = [];
  /** Set once a quit went through (no before-quit listener prevented it). */
  quitAt: number | undefined;

  constructor(private readonly windows: () => readonly RecordingWindow[]) {
    super();
  }

  /** As Electron: before-quit may prevent it; otherwise every window is closed. */
  quit(): void {
    this.calls.push('quit');
    const event = electronEvent({});
    this.emit('before-quit', event);
    if (event.defaultPrevented || this.quitAt !== undefined) return;
    this.quitAt = Date.now();
    for (const win of this.windows()) win.close();
  }
  exit(code = 0): void {
    this.calls.push(`exit ${code}`);
  }
  focus(): void {
    this.calls.push('focus');
  }
}

/** The default session: the permission handlers the shell sets, kept for the test to call. */
export class RecordingSession extends EventEmitter {
  requestHandler: unknown;
  checkHandler: unknown;
  deviceHandler: unknown;
  setPermissionRequestHandler(handler: unknown): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: unknown): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: unknown): void {
    this.deviceHandler = handler;
  }
}

export class RecordingElectron {
  readonly app: RecordingApp = new RecordingApp(() => this.windows);
  readonly ipcMain = new RecordingIpcMain();
  readonly windows: RecordingWindow[] = [];
  readonly trays: RecordingTray[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly opened: string[] = [];
  applicationMenu: MenuItemConstructorOptions[] | undefined;
  readonly powerMonitor = new EventEmitter();
  readonly nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: true });
  readonly session = new RecordingSession();

  /** The parts, typed as the shell takes them: a mismatch with Electron's definitions fails the compile here. */
  parts(): DesktopElectron {
    const parts: DesktopElectron = {
      app: this.app,
      createWindow: (options) => {
        const win = new RecordingWindow(options, this.ipcMain);
        this.windows.push(win);
        return win;
      },
      createTray: (image) => {
        const tray = new RecordingTray(image);
        this.trays.push(tray);
        return tray;
      },
      createMessageChannel: () => {
        const { port1, port2 } = new MessageChannel();
        return { port1: new RecordingPort(port1), port2: new RecordingPort(port2) };
      },
      ipcMain: this.ipcMain,
      Menu: {
        buildFromTemplate: (template) => new RecordingMenu(template) as unknown as Menu,
        setApplicationMenu: (menu) => {
          this.applicationMenu = menu ? (menu as unknown as RecordingMenu).template : undefined;
        },
      },
      nativeTheme: this.nativeTheme,
      powerMonitor: this.powerMonitor,
      protocol: {
        handle: (scheme, handler) => {
          this.protocolHandlers.set(scheme, handler);
        },
      },
      session: this.session,
      shell: {
        openExternal: (url) => {
          this.opened.push(url);
          return Promise.resolve();
        },
      },
    };
    return parts;
  }

  get tray(): RecordingTray {
    const tray = this.trays.at(-1);
    if (!tray) throw new Error('no tray was made');
    return tray;
  }

  get window(): RecordingWindow {
    const win = this.windows.at(-1);
    if (!win) throw new Error('no window was made');
    return win;
  }
}
