// Which tray image shows a state: a template image on macOS, else a light or dark glyph for the panel behind it.
import { join } from 'node:path';
import type { TrayState } from './trayHealth.js';

export interface TrayIconLook {
  /** process.platform */
  platform: string;
  /** nativeTheme.shouldUseDarkColors: the best guess Electron gives of a dark panel. */
  dark: boolean;
}

/**
 * Files under assets/tray (rendered from assets/tray.svg by assets/render-icons.sh). Electron
 * picks the @2x file beside each on high-density screens. macOS colours template images itself
 * (black and alpha only, so the states differ by shape); elsewhere the glyph's colour says it.
 */
export function trayIconPath(assetsDir: string, state: TrayState, look: TrayIconLook): string {
  const name = look.platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}-${look.dark ? 'dark' : 'light'}.png`;
  return join(assetsDir, 'tray', name);
}
