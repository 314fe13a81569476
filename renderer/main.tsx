// The renderer's composition root: picks the bridge to the core (Electron preload or web mode) and mounts the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SkeinApi } from '../app/api.js';
import { App } from './app/App.js';
import { openBrowserSocket, webSocketUrlFor } from './bridge/browserWebSocket.js';
import { ElectronBridge, electronPreloads } from './bridge/electronBridge.js';
import { WebSocketBridge } from './bridge/webSocketBridge.js';
import { SkeinApiContext } from './app/skeinApiContext.js';
import { probePageWebgl } from './terminal/probePageWebgl.js';
import './app/theme.css';

/** In the desktop window the preload exposes window.skein and the tab port; in a browser, web mode's WebSocket carries the API. */
function connectBridge(): SkeinApi {
  const preloads = electronPreloads(window);
  if (preloads) return new ElectronBridge({ ...preloads, window });
  return new WebSocketBridge({ url: webSocketUrlFor(window.location), openSocket: openBrowserSocket });
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lost its #root element');
// Once for the page: each probe takes one of the browser's few WebGL contexts, if only for a moment.
const pageWebgl = probePageWebgl(document);
createRoot(rootElement).render(
  <StrictMode>
    <SkeinApiContext.Provider value={connectBridge()}>
      <App pageWebgl={pageWebgl} />
    </SkeinApiContext.Provider>
  </StrictMode>,
);
