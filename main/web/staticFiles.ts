// Finds the built renderer's files in one folder: no `..`, encoded or not, and no symlink leads out of it.
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

export type StaticLookup = { file: StaticFile } | { status: 400 | 404 | 503; message: string };

/** Types of what Vite emits; anything else is sent as bytes, which nosniff keeps from being run. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export class StaticFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** `pathname` as it came in the URL (percent-encoded); a folder means its index.html. */
  async lookup(pathname: string): Promise<StaticLookup> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return { status: 400, message: `the path ${pathname} is not valid percent-encoding` };
    }
    if (decoded.includes('\0')) return { status: 400, message: 'a path may not contain a NUL byte' };
    // A separator on Windows; no file Vite emits has one in its name.
    if (decoded.includes('\\')) return { status: 400, message: `${pathname} is not a path of Skein's page` };
    const wanted = resolve(this.root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
    if (!isInside(this.root, wanted)) return { status: 404, message: `${pathname} is not a file of Skein's page` };
    let realRoot: string;
    try {
      realRoot = await realpath(this.root);
    } catch {
      return { status: 503, message: `the renderer is not built (${this.root} is missing): run npm run build, then reload` };
    }
    let real: string;
    try {
      real = await realpath(wanted);
    } catch {
      return { status: 404, message: `${pathname} was not found` };
    }
    // A symlink inside the folder pointing out of it would otherwise serve any file the server can read.
    if (!isInside(realRoot, real)) return { status: 404, message: `${pathname} is not a file of Skein's page` };
    const info = await stat(real);
    if (!info.isFile()) return { status: 404, message: `${pathname} was not found` };
    return { file: { path: real, size: info.size, contentType: CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream' } };
  }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
