// Every reach into ssh2's private fields, checked against the installed ssh2 when the pool is made.
import { Duplex } from 'node:stream';
import ssh2, { type ClientChannel } from 'ssh2';
import ssh2Package from 'ssh2/package.json' with { type: 'json' };

// ssh2 is CommonJS: its named exports are reached through the default export under ESM.
const { Client } = ssh2;
type Client = InstanceType<typeof Client>;

/** The private parts of an ssh2 Client the pool uses, as ssh2 1.17.0 names them. */
interface ClientInternals {
  _protocol: { ping(): void; signal(channelId: number, signal: string): void };
  /** Replies to global requests, answered in order: ssh2's own keep-alive appends to it too. */
  _callbacks: Array<(err?: unknown) => void>;
}

/** The private parts of an ssh2 channel the pool uses. */
interface ChannelInternals {
  /** The server's side of the channel: its id and whether ssh2 still considers it open. */
  outgoing: { id: number; state: string };
  /** Our side: `window` is what the server may still send before ssh2 grants more. */
  incoming: { window: number };
}

/** ssh2's window grant, per connection; ssh2 calls it from its own window bookkeeping. */
interface ProtocolWindowInternals {
  channelWindowAdjust(recipient: number, amount: number): void;
}

/** A connection whose window grants pass through the pool: ssh2's own grant, and the channels kept to a smaller window. */
interface LimitedConnection {
  send: (recipient: number, amount: number) => void;
  /** By the server's channel id: the channel and what to do instead of ssh2's grant. */
  channels: Map<number, { incoming: { window: number }; grant: () => void }>;
}

export class Ssh2Internals {
  /** The ssh2 release these fields were read from; package.json pins the same one (a test checks both). */
  static readonly testedVersion = '1.17.0';
  readonly installedVersion: string;
  private readonly limited = new WeakMap<Client, LimitedConnection>();

  /**
   * Checks a real ssh2 Client, set up as for a connection, for every client field used below,
   * and throws naming the first one missing: an ssh2 upgrade that renamed one would otherwise
   * turn keep-alives or exec timeouts off without a word.
   */
  constructor() {
    this.installedVersion = ssh2Package.version;
    this.checkClient(probeClient());
  }

  /** Throws if `client` lacks a field the pool uses. */
  checkClient(client: Client): void {
    const c = client as unknown as Partial<ClientInternals>;
    this.need(typeof c._protocol === 'object' && c._protocol !== null, 'Client._protocol', 'keep-alives and exec signals');
    this.need(typeof c._protocol?.ping === 'function', 'Client._protocol.ping()', 'keep-alives that measure round trips');
    this.need(typeof c._protocol?.signal === 'function', 'Client._protocol.signal()', 'stopping a command whose exec timed out');
    this.need(Array.isArray(c._callbacks), 'Client._callbacks', 'matching keep-alive replies to their probes');
    this.need(typeof (c._protocol as Partial<ProtocolWindowInternals> | undefined)?.channelWindowAdjust === 'function', 'Client._protocol.channelWindowAdjust()', "a shell's smaller SSH window");
  }

  /**
   * Throws if `channel` lacks a field the pool uses. Channels are made by ssh2 as the server
   * confirms them, so each exec channel is checked when it opens, before anything relies on it.
   */
  checkChannel(channel: ClientChannel): void {
    const ch = channel as unknown as Partial<ChannelInternals>;
    this.need(typeof ch.outgoing === 'object' && ch.outgoing !== null, 'Channel.outgoing', 'signalling a command after its stdin has ended');
    this.need(typeof ch.outgoing?.id === 'number', 'Channel.outgoing.id', 'signalling a command after its stdin has ended');
    this.need(typeof ch.outgoing?.state === 'string', 'Channel.outgoing.state', 'signalling a command after its stdin has ended');
    this.need(typeof ch.incoming?.window === 'number', 'Channel.incoming.window', "a shell's smaller SSH window");
  }

  /**
   * Keeps what the server may send ahead on `channel` to `bytes` instead of ssh2's 2 MiB, granting
   * more only as it is read: while the reader is paused nothing more is granted, so the server
   * stops within `bytes`. ssh2 tops every channel's window back up to 2 MiB whenever it falls to
   * 1 MiB, from a module constant; its grant is routed through here for this channel. The first
   * 2 MiB granted at the channel's opening stand. Returns the grant to call when the reader
   * resumes: with the window used up and nothing buffered, no data would come to trigger one.
   */
  limitWindow(client: Client, channel: ClientChannel, bytes: number): () => void {
    this.checkChannel(channel);
    const ch = channel as unknown as ChannelInternals & ClientChannel;
    const connection = this.limitedConnection(client);
    const grant = (): void => {
      if (ch.outgoing.state !== 'open' || ch.isPaused()) return;
      const room = bytes - ch.incoming.window - ch.readableLength;
      // In steps of a quarter window, not one small grant per 32 KiB packet.
      if (room < bytes / 4) return;
      ch.incoming.window += room;
      connection.send(ch.outgoing.id, room);
    };
    const recipient = ch.outgoing.id;
    connection.channels.set(recipient, { incoming: ch.incoming, grant });
    ch.on('data', grant);
    ch.once('close', () => connection.channels.delete(recipient));
    return grant;
  }

  private limitedConnection(client: Client): LimitedConnection {
    const known = this.limited.get(client);
    if (known) return known;
    const protocol = (client as unknown as { _protocol: ProtocolWindowInternals })._protocol;
    const connection: LimitedConnection = { send: protocol.channelWindowAdjust.bind(protocol), channels: new Map() };
    protocol.channelWindowAdjust = (recipient, amount) => {
      const limited = connection.channels.get(recipient);
      if (!limited) return connection.send(recipient, amount);
      // ssh2 has already counted `amount` into the window: take it back, and grant what the limit allows.
      limited.incoming.window -= amount;
      limited.grant();
    };
    this.limited.set(client, connection);
    return connection;
  }

  /**
   * Sends keepalive@openssh.com with want-reply. `onReply(true)` when the server answered (a
   * refusal is an answer too: OpenSSH refuses it), `onReply(false)` when the link went away first.
   */
  ping(client: Client, onReply: (answered: boolean) => void): void {
    const c = client as unknown as ClientInternals;
    // On disconnect ssh2 flushes this queue with an Error: no answer came.
    c._callbacks.push((err?: unknown) => onReply(!(err instanceof Error)));
    c._protocol.ping();
  }

  /**
   * Asks the server to signal the channel's process. ssh2's channel.signal() refuses once stdin
   * is at EOF, which exec always sends; the request is still valid on the wire. False when the
   * channel is no longer open.
   */
  signal(client: Client, channel: ClientChannel, name: string): boolean {
    const { outgoing } = channel as unknown as ChannelInternals;
    if (outgoing.state !== 'open' && outgoing.state !== 'eof') return false;
    (client as unknown as ClientInternals)._protocol.signal(outgoing.id, name);
    return true;
  }

  private need(present: boolean, field: string, usedFor: string): void {
    if (present) return;
    throw new Error(
      `ssh2 ${this.installedVersion} has no ${field}, which Skein uses for ${usedFor}. Skein is built against ssh2 ` +
        `${Ssh2Internals.testedVersion} (pinned in package.json): install that version, or adapt main/pool/ssh2Internals.ts to this one.`,
    );
  }
}

/**
 * A Client whose connect() has run, so its protocol state exists, over a stream that claims to
 * be a socket still connecting: ssh2 waits for a 'connect' that never comes, so nothing is sent,
 * no timer is armed, and the probe is garbage once checked.
 */
function probeClient(): Client {
  const sock = new Duplex({ read: () => undefined, write: (_chunk, _encoding, done) => done() });
  Object.assign(sock, { connecting: true });
  const client = new Client();
  client.on('error', () => undefined);
  client.connect({ sock: sock, username: 'probe', readyTimeout: 0, keepaliveInterval: 0 });
  return client;
}
