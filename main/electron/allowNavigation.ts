// Which navigations a Skein window may make: only its own page, in its top frame (will-navigate, will-frame-navigate).
import { APP_PAGE_URL } from './appProtocol.js';

/** The page may move within itself (a #fragment) but never to another document, scheme or site; no frame may navigate at all. */
export function allowNavigation(url: string, isMainFrame = true): boolean {
  if (!isMainFrame) return false;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  target.hash = '';
  return target.href === APP_PAGE_URL;
}
