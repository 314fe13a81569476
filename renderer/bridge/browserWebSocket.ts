// The browser's WebSocket as the bridge's socket, and the address of the server that served this page.
import { WEB_SOCKET_PATH } from '../../app/webProtocol.js';
import type { BridgeSocket, BridgeSocketHandlers } from './webSocketBridge.js';

export function openBrowserSocket(url: string, handlers: BridgeSocketHandlers): BridgeSocket {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  socket.onopen = () => handlers.open();
  socket.onmessage = (event: MessageEvent<string | ArrayBuffer>) => handlers.message(typeof event.data === 'string' ? event.data : new Uint8Array(event.data));
  socket.onclose = () => handlers.close();
  return {
    send: (data) => socket.send(data),
    close: () => socket.close(),
  };
}

/** The page's own origin: the cookie goes along, and the server accepts no other Origin. */
export function webSocketUrlFor(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEB_SOCKET_PATH}`;
}
