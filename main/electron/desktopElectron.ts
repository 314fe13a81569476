// The few Electron objects the desktop shell uses, typed by Electron's own definitions: main.ts passes the real ones, tests a recording stand-in.
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Menu,
  MessagePortMain,
  NativeTheme,
  PowerMonitor,
  Protocol,
  Session,
  Shell,
  Tray,
  WebContents,
  WebFrameMain,
} from 'electron';

export type ShellWebContents = Pick<WebContents, 'id' | 'on' | 'send' | 'postMessage' | 'setWindowOpenHandler' | 'isDestroyed'>;

export type ShellWindow = Pick<BrowserWindow, 'on' | 'once' | 'show' | 'focus' | 'hide' | 'isDestroyed' | 'isVisible' | 'isMinimized' | 'restore' | 'loadURL'> & {
  readonly webContents: ShellWebContents;
};

export type ShellTray = Pick<Tray, 'setContextMenu' | 'setImage' | 'setToolTip' | 'on' | 'destroy'>;

/** The parts of an IPC event main reads to decide whether the sender may talk to the core. */
export interface ShellIpcEvent {
  readonly sender: Pick<WebContents, 'id'>;
  readonly senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null;
}

export interface ShellIpcMain {
  handle(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: ShellIpcEvent, ...args: unknown[]) => void): unknown;
}

export type ShellPort = Pick<MessagePortMain, 'on' | 'postMessage' | 'start' | 'close'>;

export interface DesktopElectron {
  app: Pick<App, 'on' | 'quit' | 'exit' | 'focus'>;
  createWindow(options: BrowserWindowConstructorOptions): ShellWindow;
  createTray(image: string): ShellTray;
  /** port1 stays in main; port2 is handed to the page. */
  createMessageChannel(): { port1: ShellPort; port2: MessagePortMain };
  ipcMain: ShellIpcMain;
  Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors' | 'on'>;
  powerMonitor: Pick<PowerMonitor, 'on'>;
  protocol: Pick<Protocol, 'handle'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;
  shell: Pick<Shell, 'openExternal'>;
}
