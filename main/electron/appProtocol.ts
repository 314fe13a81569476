// Skein's page comes from skein://app/, a privileged standard secure scheme whose handler serves only the built renderer.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
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

/** Types of what Vite emits; anything else goes out as bytes, which nosniff keeps from being run. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const HEADERS = {
  'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function refuse(status: 400 | 404 | 405 | 503, message: string): Response {
  return new Response(message, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * The protocol.handle handler for APP_SCHEME: files under `root` (dist/renderer) and nothing else.
 * A `..` that survives URL parsing (percent-encoded) or a symlink leading out of root is refused.
 */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `${request.method} is not served: the page is read-only`);
    if (!isAppUrl(request.url)) return refuse(404, `${request.url} is not part of Skein's page`);
    const url = new URL(request.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400, `${url.pathname} is not valid percent-encoding`);
    }
    if (path.includes('\0') || path.includes('\\')) return refuse(400, `${url.pathname} is not a path of Skein's page`);
    if (path.split('/').includes('..')) return refuse(404, `${url.pathname} leads out of Skein's page`);
    const wanted = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
    if (!isInside(base, wanted)) return refuse(404, `${url.pathname} leads out of Skein's page`);
    let realRoot: string;
    let real: string;
    try {
      realRoot = await realpath(base);
    } catch {
      return refuse(503, `the renderer is not built (${base} is missing): run npm run build`);
    }
    try {
      real = await realpath(wanted);
      if (!(await stat(real)).isFile()) return refuse(404, `${url.pathname} was not found`);
    } catch {
      return refuse(404, `${url.pathname} was not found`);
    }
    if (!isInside(realRoot, real)) return refuse(404, `${url.pathname} leads out of Skein's page`);
    const contentType = CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, { status: 200, headers: { ...HEADERS, 'Content-Type': contentType } });
  };
}
