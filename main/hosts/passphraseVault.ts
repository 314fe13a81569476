// Secrets in one file sealed with the user's passphrase (scrypt + AES-256-GCM), for web mode and keyring-less Linux.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { access, open, readFile, rename, unlink } from 'node:fs/promises';
import type { HostsLogger } from './hostsLogger.js';
import { PRIVATE_FILE_MODE } from './privateFileMode.js';
import type { SecretStore } from './secretStore.js';
import { VaultError } from './vaultError.js';

/** scrypt cost. The defaults follow current OWASP advice; tests pass cheaper ones. */
export interface VaultKdfParams {
  N: number;
  r: number;
  p: number;
}

export interface PassphraseVaultOptions {
  path: string;
  passphrase: string;
  /** Used for new writes, within VAULT_KDF_LIMITS; reads use the parameters recorded in the file. */
  kdf?: VaultKdfParams;
  logger?: HostsLogger;
}

const FORMAT = 'skein-vault';
const VERSION = 1;
const DEFAULT_KDF: VaultKdfParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The scrypt cost a vault file may ask for, checked before any key derivation so that a tampered
 * file cannot make Skein allocate gigabytes or spin for minutes. 128*N*r bytes is the memory one
 * scrypt pass takes and p passes multiply the time, so 128*N*r*p bounds both: Skein writes
 * 128 MiB (N 2^17, r 8, p 1) and a file may ask for eight times that, no more.
 */
export const VAULT_KDF_LIMITS = { log2N: { min: 10, max: 20 }, r: { min: 1, max: 16 }, p: { min: 1, max: 4 }, maxCostBytes: 2 ** 30 };

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

/** A vault file whose every field has been checked. */
interface SealedVault {
  header: VaultHeader;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
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
    const kdfProblem = options.kdf && kdfLimitProblem(options.kdf);
    if (kdfProblem) throw new Error(`vault option kdf for ${options.path}: ${kdfProblem}`);
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
    const sealed = this.#parseFile(text);
    const key = await this.#keyFor(sealed.header.kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(headerBytes(sealed.header));
    decipher.setAuthTag(sealed.tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.data), decipher.final()]);
    } catch {
      // GCM cannot tell a wrong key from an altered file; a wrong passphrase is by far the common case.
      this.#cachedKey = undefined;
      throw new VaultError('VAULT_WRONG_PASSPHRASE', `wrong vault passphrase for ${this.path}`, this.path);
    }
    const secrets = JSON.parse(plain.toString('utf8')) as { secrets: Secrets };
    return Object.assign(Object.create(null) as Secrets, secrets.secrets);
  }

  /** Everything read from the file is checked here, before any key derivation or decryption. */
  #parseFile(text: string): SealedVault {
    const leftAlone = 'it was left untouched: restore it from a backup, or move it aside to start an empty vault';
    const damaged = (what: string, cause?: unknown): VaultError =>
      new VaultError('VAULT_DAMAGED', `the vault file ${this.path} is damaged: ${what}; ${leftAlone}`, this.path, { cause });
    let file: Partial<VaultFile>;
    try {
      file = JSON.parse(text) as Partial<VaultFile>;
    } catch (error) {
      throw damaged(`it is not JSON (${(error as Error).message})`, error);
    }
    if (typeof file !== 'object' || file === null || file.format !== FORMAT) {
      throw damaged(`it is not a Skein vault file (format is ${JSON.stringify(file?.format)})`);
    }
    if (file.version !== VERSION) {
      const found = `vault version ${JSON.stringify(file.version)}, and this Skein reads only version ${VERSION}`;
      throw new VaultError('VAULT_DAMAGED', `the vault file ${this.path} is ${found}; it was left untouched`, this.path);
    }
    const kdf = file.kdf;
    if (kdf?.name !== 'scrypt') throw damaged(`kdf must be scrypt (found ${JSON.stringify(kdf?.name)})`);
    const kdfProblem = kdfLimitProblem(kdf);
    if (kdfProblem) throw damaged(kdfProblem);
    if (file.cipher !== 'aes-256-gcm') throw damaged(`cipher must be aes-256-gcm (found ${JSON.stringify(file.cipher)})`);
    const bytes = (field: string, value: unknown, length?: number): Buffer => {
      const decoded = typeof value === 'string' ? Buffer.from(value, 'base64') : undefined;
      // Node's base64 decoder skips what it cannot read; only an exact round trip is what Skein wrote.
      if (decoded === undefined || decoded.toString('base64') !== value) throw damaged(`${field} is not base64`);
      if (length !== undefined && decoded.length !== length) throw damaged(`${field} is ${decoded.length} bytes, not ${length}`);
      return decoded;
    };
    bytes('kdf.salt', kdf.salt, SALT_BYTES);
    const header: VaultHeader = { format: FORMAT, version: VERSION, kdf, cipher: file.cipher };
    return { header, iv: bytes('iv', file.iv, IV_BYTES), tag: bytes('tag', file.tag, TAG_BYTES), data: bytes('data', file.data) };
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

/** What is wrong with these scrypt parameters, or undefined when they are within VAULT_KDF_LIMITS. */
function kdfLimitProblem(kdf: { N: unknown; r: unknown; p: unknown }): string | undefined {
  const { log2N, r, p, maxCostBytes } = VAULT_KDF_LIMITS;
  const { N: foundN, r: foundR, p: foundP } = kdf;
  if (typeof foundN !== 'number' || !isIntegerIn(Math.log2(foundN), log2N)) {
    return `scrypt N must be a power of two from 2^${log2N.min} to 2^${log2N.max} (found ${JSON.stringify(foundN)})`;
  }
  if (!isIntegerIn(foundR, r)) return `scrypt r must be an integer from ${r.min} to ${r.max} (found ${JSON.stringify(foundR)})`;
  if (!isIntegerIn(foundP, p)) return `scrypt p must be an integer from ${p.min} to ${p.max} (found ${JSON.stringify(foundP)})`;
  const cost = 128 * foundN * foundR * foundP;
  if (cost > maxCostBytes) {
    const mib = (bytes: number) => `${bytes / 2 ** 20} MiB`;
    return `scrypt cost 128*N*r*p is ${mib(cost)} (N=${foundN}, r=${foundR}, p=${foundP}), above the limit of ${mib(maxCostBytes)}`;
  }
  return undefined;
}

function isIntegerIn(value: unknown, range: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
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
  const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
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
