// The application menu per platform: macOS's app, Edit and Window menus; File, Edit and View elsewhere, without Ctrl+letter keys.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuHandlers {
  openHealth(): void;
  quit(): void;
}

/**
 * A terminal needs every Ctrl+letter (Ctrl+C interrupts, Ctrl+W erases a word, Ctrl+Q resumes
 * output), so on Windows and Linux no menu item registers one: Quit is Ctrl+Shift+Q, and Edit's
 * items only show the page's own Ctrl+Shift+C / Ctrl+Shift+V (the page's other Ctrl+Shift keys stay its own). macOS keeps its Cmd shortcuts,
 * which a terminal does not use, and needs the Edit roles for Cmd+C and Cmd+V to work at all.
 */
export function appMenuTemplate(platform: string, handlers: AppMenuHandlers): MenuItemConstructorOptions[] {
  const health: MenuItemConstructorOptions = { label: 'Pool Health', click: () => handlers.openHealth() };
  // The page takes Ctrl+Shift+H itself; the menu only shows it.
  const healthKey: MenuItemConstructorOptions = { ...health, accelerator: 'Ctrl+Shift+H', registerAccelerator: false };
  if (platform === 'darwin') {
    return [
      {
        label: 'Skein',
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { role: 'services' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { label: 'Quit Skein', accelerator: 'Command+Q', click: () => handlers.quit() },
        ],
      },
      { role: 'editMenu' },
      { label: 'View', submenu: [health, { type: 'separator' }, { role: 'togglefullscreen' }] },
      { role: 'windowMenu' },
    ];
  }
  return [
    {
      label: '&File',
      // Ctrl+Shift+W closes a tab in the page; the window manager's own key (Alt+F4) closes the window.
      submenu: [{ label: 'Close Window', role: 'close' }, { type: 'separator' }, { label: 'Quit', accelerator: 'Ctrl+Shift+Q', click: () => handlers.quit() }],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Copy', role: 'copy', accelerator: 'Ctrl+Shift+C', registerAccelerator: false },
        { label: 'Paste', role: 'paste', accelerator: 'Ctrl+Shift+V', registerAccelerator: false },
        { type: 'separator' },
        { label: 'Select All', role: 'selectAll', registerAccelerator: false },
      ],
    },
    { label: '&View', submenu: [healthKey, { type: 'separator' }, { role: 'togglefullscreen', accelerator: 'F11' }] },
  ];
}
