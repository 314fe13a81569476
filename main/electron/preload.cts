// Preload: a sandboxed preload may require only 'electron', so it exposes two generic doors; the
// renderer builds the typed SkeinApi on them and main checks every call (ipcCall.ts).
// A sandboxed preload is CommonJS; import-equals is how TypeScript writes its require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');

type IpcRendererEvent = electron.IpcRendererEvent;
const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('skeinIpc', {
  call: (method: string, args: unknown[]): Promise<unknown> => ipcRenderer.invoke('skein:call', { method, args }),
  subscribe: (listener: (event: string, args: unknown[]) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, payload: { event: string; args: unknown[] }): void => listener(payload.event, payload.args);
    ipcRenderer.on('skein:event', handler);
    return () => ipcRenderer.removeListener('skein:event', handler);
  },
});
