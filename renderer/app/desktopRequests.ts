// What the desktop shell asks of its window (a tray host click, Pool Health, a launch's ssh:// target); a browser page has no shell to ask.
import type { SkeinApi } from '../../app/api.js';
import type { DesktopView } from '../../app/electronIpc.js';
import { formatEndpoint } from '../../app/hosts.js';
import { ElectronBridge } from '../bridge/electronBridge.js';

export interface DesktopRequestHandlers {
  /** The tray asked for a tab on this saved host. */
  openHost(hostId: string): void;
  showView(view: DesktopView): void;
  /** The quick connect bar's text for a handed-over target: it is only filled in, the person still presses Connect. */
  prefillQuickConnect(text: string): void;
}

/** Listens while the window's app is mounted; returns what stops it. In web mode there is nothing to listen to. */
export function listenToDesktopRequests(api: SkeinApi, handlers: DesktopRequestHandlers): () => void {
  if (!(api instanceof ElectronBridge)) return () => undefined;
  const stops = [
    api.onOpenHost((hostId) => handlers.openHost(hostId)),
    api.onShowView((view) => handlers.showView(view)),
    api.onQuickConnectPrefill((prefill) => handlers.prefillQuickConnect(formatEndpoint(prefill))),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
