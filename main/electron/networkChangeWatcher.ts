// Notices the machine's network change (an address gained or lost, Wi-Fi to cable, a VPN up) so the pool checks its links.
import type { NetworkInterfaceInfo } from 'node:os';

export type ReadInterfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** The addresses that carry SSH traffic, in a stable order; loopback changes nothing. */
export function networkFingerprint(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  const addresses: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) if (!info.internal) addresses.push(`${name} ${info.family} ${info.address}`);
  }
  return addresses.sort().join('\n');
}

export interface NetworkChangeWatcherOptions {
  readInterfaces: ReadInterfaces;
  onChange: () => void;
  /** Electron's main process has no network-change event; reading the interfaces is cheap. Default 5 s. */
  everyMs?: number;
}

export class NetworkChangeWatcher {
  private last: string;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: NetworkChangeWatcherOptions) {
    this.last = networkFingerprint(options.readInterfaces());
    this.timer = setInterval(() => this.check(), options.everyMs ?? 5000);
    this.timer.unref();
  }

  /** Compares with the last reading; runs on the timer, and may be called when something else hints at a change. */
  check(): void {
    const now = networkFingerprint(this.options.readInterfaces());
    if (now === this.last) return;
    this.last = now;
    this.options.onChange();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
