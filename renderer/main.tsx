// The renderer's composition root: picks the bridge to the core (Electron preload or web mode) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SkeinApi } from '../app/api.js';
import { App } from './app/App.js';
import { openBrowserSocket, webSocketUrlFor } from './bridge/browserWebSocket.js';
import { ipcBridge, type SkeinIpc } from './bridge/ipcBridge.js';
import { WebSocketBridge } from './bridge/webSocketBridge.js';
import { SkeinApiContext } from './app/skeinApiContext.js';
import './app/theme.css';

/** The desktop preload exposes IPC doors as window.skeinIpc; in a browser, web mode's WebSocket carries the API. */
function connectBridge(): SkeinApi {
  const ipc = (window as unknown as { skeinIpc?: SkeinIpc }).skeinIpc;
  if (ipc) return ipcBridge(ipc);
  return new WebSocketBridge({ url: webSocketUrlFor(window.location), openSocket: openBrowserSocket });
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lost its #root element');
createRoot(rootElement).render(
  <StrictMode>
    <SkeinApiContext.Provider value={connectBridge()}>
      <App />
    </SkeinApiContext.Provider>
  </StrictMode>,
);
