// Skein's page comes from skein://app/, a privileged standard secure scheme whose handler serves only the built renderer.
import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { StaticFiles } from '../web/staticFiles.js';
import { APP_CONTENT_SECURITY_POLICY } from './appContentSecurityPolicy.js';

export const APP_SCHEME = 'skein';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL or origin is Skein's page's. Node's URL does not know the scheme is registered as
 * standard (its origin reads "null"), so scheme and host are compared, not origins.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
  } catch {
    return false;
  }
}

/**
 * Registered before app 'ready'. standard: relative URLs and an origin like https; secure: a secure
 * context (the clipboard API needs one); supportFetchAPI and corsEnabled: Vite's `<script
 * type="module" crossorigin>` is fetched in CORS mode, which Chromium allows only on CORS-enabled
 * schemes (no response carries Access-Control-Allow-Origin, so no other origin may read one).
 * Never bypassCSP: the page's CSP is the one in every response.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const HEADERS = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function refuse(status: 400 | 404 | 405 | 503, message: string): Response {
  return new Response(message, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The protocol.handle handler for APP_SCHEME: files under `root` (dist/renderer) and nothing else.
 * A `..` that survives URL parsing (percent-encoded), a backslash or a symlink leading out of root is refused.
 */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const files = new StaticFiles(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `${request.method} is not served: the page is read-only`);
    if (!isAppUrl(request.url)) return refuse(404, `${request.url} is not part of Skein's page`);
    // The same lookup as web mode's server: one set of path rules for both doors to the page.
    const found = await files.lookup(new URL(request.url).pathname);
    if ('status' in found) return refuse(found.status, found.message);
    const body = request.method === 'HEAD' ? null : await readFile(found.file.path);
    return new Response(body, { status: 200, headers: { ...HEADERS, 'Content-Type': found.file.contentType } });
  };
}
