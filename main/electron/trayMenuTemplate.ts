// Turns the tray menu model into Electron's menu template, each click routed to the shell's handlers.
import type { MenuItemConstructorOptions } from 'electron';
import { menuLabel } from './menuLabel.js';
import type { TrayAction, TrayMenuEntry } from './trayMenuModel.js';

export interface TrayMenuHandlers {
  openHost(hostId: string): void;
  run(action: TrayAction): void;
}

export function trayMenuTemplate(entries: readonly TrayMenuEntry[], handlers: TrayMenuHandlers): MenuItemConstructorOptions[] {
  return entries.map((entry): MenuItemConstructorOptions => {
    switch (entry.type) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: menuLabel(entry.label), enabled: false };
      case 'host':
        return { label: menuLabel(entry.label), click: () => handlers.openHost(entry.hostId) };
      case 'submenu':
        return { label: menuLabel(entry.label), submenu: trayMenuTemplate(entry.entries, handlers) };
      case 'action':
        return { label: entry.label, enabled: entry.enabled, click: () => handlers.run(entry.action) };
    }
  });
}
