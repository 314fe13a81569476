// Web mode's HTTP + WebSocket server on 127.0.0.1: token for a cookie, Host and Origin checks, strict headers, the page and the API socket.
import { createReadStream } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SkeinApi } from '../../app/api.js';
import { WEB_SESSION_PARAM, WEB_SOCKET_PATH } from '../../app/webProtocol.js';
import { ConnectionToken } from './connectionToken.js';
import { SkeinSocketHub } from './skeinSocketHub.js';
import { StaticFiles } from './staticFiles.js';

export interface WebServerOptions {
  api: SkeinApi;
  /** The built renderer (dist/renderer); nothing outside it is ever served. */
  staticRoot: string;
  token: ConnectionToken;
  /** 0 or left out: a free port. */
  port?: number;
  /** See SkeinSocketHubOptions.graceMs. */
  sessionGraceMs?: number;
  /** Largest message a page may send. The bridge sends pastes in frames far below it. Default 4 MiB. */
  maxMessageBytes?: number;
  log?: (message: string) => void;
}

type Refusal = { status: number; message: string };

export class WebServer {
  private port = 0;
  private readonly http: Server;
  private readonly sockets: WebSocketServer;
  private readonly hub: SkeinSocketHub;
  private readonly files: StaticFiles;

  private constructor(private readonly options: WebServerOptions) {
    this.files = new StaticFiles(options.staticRoot);
    this.hub = new SkeinSocketHub(options.api, options.sessionGraceMs === undefined ? {} : { graceMs: options.sessionGraceMs });
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 4 * 1024 * 1024 });
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.options.log?.(`web: ${req.method} ${req.url}: ${(err as Error).message}`);
        if (!res.headersSent) this.refuse(res, { status: 500, message: 'the server failed to answer this request; see its log' });
        else res.destroy();
      });
    });
    this.http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** Listens on 127.0.0.1 only: web mode is for the person at this machine. */
  static async start(options: WebServerOptions): Promise<WebServer> {
    const server = new WebServer(options);
    await server.listen(options.port ?? 0);
    return server;
  }

  /** The address to open, with the token: it works once per browser and then lives on as a cookie. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.options.token.value}`;
  }

  /** Tells every page the server is going; the core's tabs and pool are the caller's to close after. */
  async close(): Promise<void> {
    this.hub.close();
    const closing = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    // A page that does not answer the close handshake quickly is cut off rather than waited for.
    const deadline = Date.now() + 1000;
    while (this.sockets.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const client of this.sockets.clients) client.terminate();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
    await closing;
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (err: NodeJS.ErrnoException): void => {
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`port ${port} is already in use on 127.0.0.1: choose another with --port, or leave --port out for a free one`)
            : new Error(`cannot listen on 127.0.0.1:${port}: ${err.message}`),
        );
      };
      this.http.once('error', failed);
      this.http.listen({ host: '127.0.0.1', port }, () => {
        this.http.off('error', failed);
        this.port = (this.http.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (!this.isOwnHost(host)) return this.refuse(res, this.foreignHost(host));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.refuse(res, { status: 405, message: `${req.method} is not served here; the page takes GET and HEAD` });
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!this.options.token.matches(offered)) return this.refuse(res, wrongToken());
      // As VS Code's server does: the token becomes a cookie and leaves the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(302, {
        ...this.headers(),
        'Set-Cookie': this.options.token.setCookieHeader(this.port),
        // One leading slash only: "//host" would send the browser elsewhere.
        Location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`,
      });
      res.end();
      return;
    }
    if (!this.hasCookie(req)) return this.refuse(res, wrongToken());
    if (url.pathname === WEB_SOCKET_PATH) return this.refuse(res, { status: 426, message: `${WEB_SOCKET_PATH} takes WebSocket connections only` });
    const found = await this.files.lookup(url.pathname);
    if ('status' in found) return this.refuse(res, found);
    res.writeHead(200, { ...this.headers(), 'Content-Type': found.file.contentType, 'Content-Length': String(found.file.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file.path);
    stream.on('error', (err) => {
      this.options.log?.(`web: reading ${found.file.path}: ${err.message}`);
      res.destroy(err);
    });
    stream.pipe(res);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const host = req.headers.host ?? '';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal = this.upgradeRefusal(req, host, url);
    if (refusal) {
      const body = `${refusal.message}\n`;
      socket.end(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\nConnection: close\r\n` +
          `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => this.hub.accept(ws, url.searchParams.get(WEB_SESSION_PARAM)));
  }

  private upgradeRefusal(req: IncomingMessage, host: string, url: URL): Refusal | undefined {
    if (!this.isOwnHost(host)) return this.foreignHost(host);
    if (!this.hasCookie(req)) return wrongToken();
    // Cookies go along with a cross-site WebSocket too; only Origin tells Skein's page from any other.
    const origin = req.headers.origin;
    if (origin !== `http://${host}`) {
      return { status: 403, message: `refused a WebSocket from ${origin === undefined ? 'a client without an Origin' : `the origin ${origin}`}: only Skein's own page (http://${host}) may connect` };
    }
    if (url.pathname !== WEB_SOCKET_PATH) return { status: 404, message: `WebSocket connections go to ${WEB_SOCKET_PATH}` };
    return undefined;
  }

  /** A page on another name resolving to 127.0.0.1 (DNS rebinding) sends its own name as Host. */
  private isOwnHost(host: string): boolean {
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  private foreignHost(host: string): Refusal {
    return { status: 421, message: `refused: this server answers only as 127.0.0.1:${this.port} or localhost:${this.port}, not ${JSON.stringify(host)}` };
  }

  private hasCookie(req: IncomingMessage): boolean {
    return this.options.token.matches(ConnectionToken.fromCookieHeader(req.headers.cookie, this.port));
  }

  private refuse(res: ServerResponse, refusal: Refusal): void {
    const body = `${refusal.message}\n`;
    res.writeHead(refusal.status, { ...this.headers(), 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  /** On every response: nothing inline or eval'd runs, nothing is sniffed, cached, framed or sent as a referrer. */
  private headers(): Record<string, string> {
    const p = this.port;
    return {
      'Content-Security-Policy':
        `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws://127.0.0.1:${p} ws://localhost:${p}; ` +
        `img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
  }
}

function wrongToken(): Refusal {
  return {
    status: 401,
    message: 'Skein web mode needs the address with ?token=... that the server printed when it started (a new one at each start)',
  };
}
