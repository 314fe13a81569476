// Which web permissions Skein's page gets: the clipboard the terminal copies to and pastes from, and nothing else.
import { isAppUrl } from './appProtocol.js';

/** Copy (writeText) and paste (readText) in the terminal; every other permission, and any other origin, is denied. */
const TERMINAL_PERMISSIONS = new Set(['clipboard-sanitized-write', 'clipboard-read']);

/** For both session.setPermissionRequestHandler and setPermissionCheckHandler; `requestingUrl` is the page's URL or origin. */
export function allowPermission(permission: string, requestingUrl: string | undefined): boolean {
  if (!TERMINAL_PERMISSIONS.has(permission) || requestingUrl === undefined) return false;
  return isAppUrl(requestingUrl);
}
