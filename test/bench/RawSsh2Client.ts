// A bare ssh2 Client set up like the pool's (TCP_NODELAY socket, no ssh2 keep-alive): the baseline.
import { connect as tcpConnect } from 'node:net';
import { Client, type ClientChannel } from 'ssh2';

export interface RawTarget {
  host: string;
  port: number;
  username: string;
  privateKey: Buffer;
}

export class RawSsh2Client {
  private constructor(readonly client: Client) {}

  static connect(target: RawTarget, opts: { noDelay?: boolean } = {}): Promise<RawSsh2Client> {
    return new Promise((resolve, reject) => {
      const sock = tcpConnect({ host: target.host, port: target.port });
      sock.setNoDelay(opts.noDelay ?? true);
      const client = new Client();
      const fail = (err: Error): void => {
        client.end();
        sock.destroy();
        reject(err);
      };
      client.once('error', fail);
      client.once('ready', () => {
        client.removeListener('error', fail);
        client.on('error', () => undefined);
        resolve(new RawSsh2Client(client));
      });
      client.connect({
        sock,
        username: target.username,
        privateKey: target.privateKey,
        keepaliveInterval: 0,
        readyTimeout: 20_000,
      });
    });
  }

  /** Runs a command, drains its output, resolves with the exit code once the channel closes. */
  exec(command: string): Promise<number | null> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, stream) => {
        if (err) return reject(err);
        let code: number | null = null;
        stream.on('exit', (c: number | null) => (code = c ?? null));
        stream.resume();
        stream.stderr.resume();
        stream.once('close', () => resolve(code));
        stream.end();
      });
    });
  }

  /** A pty shell with the pool's defaults (xterm-256color, empty env). */
  shell(cols = 80, rows = 24): Promise<ClientChannel> {
    return new Promise((resolve, reject) =>
      this.client.shell({ cols, rows, term: 'xterm-256color' }, { env: {} }, (err, ch) => (err ? reject(err) : resolve(ch))),
    );
  }

  /** SSH disconnect, resolves when the socket is closed. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 2000);
      this.client.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.client.end();
    });
  }
}
