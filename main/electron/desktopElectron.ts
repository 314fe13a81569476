// The few Electron objects the desktop shell uses, typed by Electron's own definitions: main.ts passes the real ones, tests a recording stand-in.
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Menu,
  MessagePortMain,
  Protocol,
  Session,
  Shell,
  Tray,
  WebContents,
  WebFrameMain,
} from 'electron';

// Each `on` lists only the events the shell listens to, with Electron's listener types; main.ts assigns
// the real objects to these types, so a renamed event or a changed listener fails the compile there.
type Event<P extends object = object> = Electron.Event<P>;

export interface ShellWebContents extends Pick<WebContents, 'id' | 'send' | 'postMessage' | 'setWindowOpenHandler' | 'isDestroyed'> {
  on(event: 'will-navigate', listener: (details: Event<Electron.WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-frame-navigate', listener: (details: Event<Electron.WebContentsWillFrameNavigateEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
  on(event: 'did-start-navigation', listener: (details: Event<Electron.WebContentsDidStartNavigationEventParams>) => void): unknown;
  on(event: 'did-finish-load', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: (event: Event, details: Electron.RenderProcessGoneDetails) => void): unknown;
}

export interface ShellWindow extends Pick<BrowserWindow, 'show' | 'focus' | 'hide' | 'isDestroyed' | 'isVisible' | 'isMinimized' | 'restore' | 'loadURL'> {
  readonly webContents: ShellWebContents;
  on(event: 'close', listener: (event: Event) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface ShellTray extends Pick<Tray, 'setContextMenu' | 'setImage' | 'setToolTip' | 'destroy'> {
  on(event: 'click', listener: (event: Electron.KeyboardEvent, bounds: Electron.Rectangle) => void): unknown;
}

export interface ShellApp {
  on(event: 'second-instance', listener: (event: Event, argv: string[]) => void): unknown;
  on(event: 'before-quit', listener: (event: Event) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: (event: Event, hasVisibleWindows: boolean) => void): unknown;
  quit(): void;
}

/** The parts of an IPC event main reads to decide whether the sender may talk to the core. */
export interface ShellIpcEvent {
  readonly sender: Pick<WebContents, 'id'>;
  readonly senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null;
}

export interface ShellIpcMain {
  handle(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => void): unknown;
}

export interface ShellPort extends Pick<MessagePortMain, 'postMessage' | 'start' | 'close'> {
  on(event: 'message', listener: (messageEvent: Electron.MessageEvent) => void): unknown;
}

export interface ShellSession extends Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> {
  on(event: 'will-download', listener: (event: Event) => void): unknown;
}

export interface DesktopElectron {
  app: ShellApp;
  createWindow(options: BrowserWindowConstructorOptions): ShellWindow;
  createTray(image: string): ShellTray;
  /** port1 stays in main; port2 is handed to the page. */
  createMessageChannel(): { port1: ShellPort; port2: MessagePortMain };
  ipcMain: ShellIpcMain;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  nativeTheme: { readonly shouldUseDarkColors: boolean; on(event: 'updated', listener: () => void): unknown };
  powerMonitor: { on(event: 'resume' | 'unlock-screen', listener: () => void): unknown };
  protocol: Pick<Protocol, 'handle'>;
  session: ShellSession;
  shell: Pick<Shell, 'openExternal'>;
}
