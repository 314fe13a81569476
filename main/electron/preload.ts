// The window's preload, bundled into one CommonJS file (a sandboxed preload may require only 'electron'): exposes window.skein and window.skeinDesktop.
import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_PRELOAD_GLOBAL, SKEIN_PRELOAD_GLOBAL, TAB_PORT_MESSAGE } from '../../app/electronIpc.js';
import { desktopPreload, skeinPreload } from './preloadSurface.js';

contextBridge.exposeInMainWorld(SKEIN_PRELOAD_GLOBAL, skeinPreload(ipcRenderer));
contextBridge.exposeInMainWorld(
  DESKTOP_PRELOAD_GLOBAL,
  // Same-window message: the page checks event.source === window, so no other frame can hand it a port.
  desktopPreload(ipcRenderer, (ports) => window.postMessage(TAB_PORT_MESSAGE, '*', ports as MessagePort[])),
);
