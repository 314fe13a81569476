// Secrets in one file sealed with the user's passphrase (scrypt + AES-256-GCM), for web mode and keyring-less Linux.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { access, open, readFile, rename, unlink } from 'node:fs/promises';
import type { HostsLogger } from './hostsLogger.js';
import type { SecretStore } from './secretStore.js';

/** scrypt cost. The defaults follow current OWASP advice; tests pass cheaper ones. */
export interface VaultKdfParams {
  N: number;
  r: number;
  p: number;
}

export interface PassphraseVaultOptions {
  path: string;
  passphrase: string;
  /** Used for new writes; reads always use the parameters recorded in the file. */
  kdf?: VaultKdfParams;
  logger?: HostsLogger;
}

const FORMAT = 'skein-vault';
const VERSION = 1;
const DEFAULT_KDF: VaultKdfParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;

interface VaultHeader {
  format: typeof FORMAT;
  version: typeof VERSION;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
}

interface VaultFile extends VaultHeader {
  iv: string;
  tag: string;
  data: string;
}

type Secrets = Record<string, string>;

export class PassphraseVault implements SecretStore {
  readonly path: string;
  readonly #passphrase: string;
  readonly #kdf: VaultKdfParams;
  readonly #logger: HostsLogger | undefined;
  /** Deriving a key is deliberately slow, so the key for the salt currently on disk is kept. */
  #cachedKey: { salt: string; key: Buffer } | undefined;
  /** Calls run one after another so two concurrent sets cannot lose each other's write. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: PassphraseVaultOptions) {
    if (options.passphrase.length === 0) throw new Error(`vault passphrase for ${options.path} must not be empty`);
    this.path = options.path;
    this.#passphrase = options.passphrase;
    this.#kdf = options.kdf ?? DEFAULT_KDF;
    this.#logger = options.logger;
  }

  get(id: string): Promise<string | undefined> {
    return this.#serial(async () => (await this.#read())[id]);
  }

  has(id: string): Promise<boolean> {
    return this.#serial(async () => Object.hasOwn(await this.#read(), id));
  }

  set(id: string, value: string): Promise<void> {
    return this.#serial(async () => {
      const secrets = await this.#read();
      secrets[id] = value;
      await this.#write(secrets);
    });
  }

  delete(id: string): Promise<void> {
    return this.#serial(async () => {
      const secrets = await this.#read();
      if (!Object.hasOwn(secrets, id)) return;
      delete secrets[id];
      await this.#write(secrets);
    });
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #read(): Promise<Secrets> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Object.create(null) as Secrets;
      throw error;
    }
    const file = this.#parseFile(text);
    const key = await this.#keyFor(file.kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAAD(headerBytes(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
    } catch {
      // GCM cannot tell a wrong key from an altered file; a wrong passphrase is by far the common case.
      this.#cachedKey = undefined;
      throw new Error(`wrong vault passphrase for ${this.path}`);
    }
    const secrets = JSON.parse(plain.toString('utf8')) as { secrets: Secrets };
    return Object.assign(Object.create(null) as Secrets, secrets.secrets);
  }

  #parseFile(text: string): VaultFile {
    let file: Partial<VaultFile>;
    try {
      file = JSON.parse(text) as Partial<VaultFile>;
    } catch (error) {
      throw new Error(`${this.path} is not a Skein vault file: ${(error as Error).message}`);
    }
    if (file.format !== FORMAT) throw new Error(`${this.path} is not a Skein vault file (format is ${JSON.stringify(file.format)})`);
    if (file.version !== VERSION) {
      throw new Error(`${this.path} is vault version ${JSON.stringify(file.version)}; this Skein reads version ${VERSION}`);
    }
    const kdf = file.kdf;
    const complete =
      kdf?.name === 'scrypt' && [kdf.N, kdf.r, kdf.p].every(Number.isInteger) && typeof kdf.salt === 'string' &&
      typeof file.iv === 'string' && typeof file.tag === 'string' && typeof file.data === 'string';
    if (!complete) throw new Error(`${this.path} is a damaged Skein vault file (missing or invalid kdf, iv, tag or data)`);
    return file as VaultFile;
  }

  async #keyFor(kdf: VaultHeader['kdf']): Promise<Buffer> {
    if (this.#cachedKey?.salt === kdf.salt) return this.#cachedKey.key;
    const key = await deriveKey(this.#passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
    this.#cachedKey = { salt: kdf.salt, key };
    return key;
  }

  async #write(secrets: Secrets): Promise<void> {
    // A fresh salt (hence key) and IV on every write: GCM must never reuse an IV under one key.
    const salt = randomBytes(SALT_BYTES).toString('base64');
    const header: VaultHeader = { format: FORMAT, version: VERSION, kdf: { name: 'scrypt', ...this.#kdf, salt }, cipher: 'aes-256-gcm' };
    const key = await deriveKey(this.#passphrase, Buffer.from(salt, 'base64'), this.#kdf);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(headerBytes(header));
    const data = Buffer.concat([cipher.update(JSON.stringify({ secrets }), 'utf8'), cipher.final()]);
    const file: VaultFile = { ...header, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    const created = await writeAtomically(this.path, `${JSON.stringify(file, null, 2)}\n`);
    this.#cachedKey = { salt, key };
    if (created) this.#logger?.info(`created passphrase vault ${this.path}`);
  }
}

/** The header is authenticated too, so nobody can lower the scrypt cost recorded in the file. */
function headerBytes(h: VaultHeader): Buffer {
  const { format, version, kdf, cipher } = h;
  return Buffer.from(JSON.stringify({ format, version, kdf: { name: kdf.name, N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt }, cipher }), 'utf8');
}

function deriveKey(passphrase: string, salt: Buffer, kdf: VaultKdfParams): Promise<Buffer> {
  // Node refuses scrypt above 32 MiB unless maxmem is raised; 128*N*r*p is what scrypt needs.
  const maxmem = 128 * kdf.N * kdf.r * kdf.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Write to a private temp file beside the target, then rename over it: readers see old or new, never half. */
async function writeAtomically(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const existed = await access(path).then(
    () => true,
    () => false,
  );
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return !existed;
}
