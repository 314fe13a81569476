// Wires the core by hand: trust, hosts, pool, forwards and the service. Each entry point calls it once.
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { connectionKeyOf } from '../../app/hosts.js';
import type { HostKeyPolicy } from '../../app/trust.js';
import { ForwardManager } from '../forward/forwardManager.js';
import { HostKeyPolicyBook } from '../hosts/hostKeyPolicyBook.js';
import { HostStore, type HostDocument } from '../hosts/hostStore.js';
import type { HostsLogger } from '../hosts/hostsLogger.js';
import { QuickHosts } from '../hosts/quickHosts.js';
import type { VaultControl } from '../hosts/lockableVault.js';
import type { SecretStore } from '../hosts/secretStore.js';
import { SshConfigImport } from '../hosts/sshConfigImport.js';
import { SshConfigReader } from '../hosts/sshConfigReader.js';
import { TargetResolver, type SecretRequest } from '../hosts/targetResolver.js';
import { ConnectionPool, DEFAULT_POOL_OPTIONS, type PoolOptionsInput } from '../pool/index.js';
import { HostKeyVerifier } from '../trust/hostKeyVerifier.js';
import { KnownHosts } from '../trust/knownHosts.js';
import { PromptBroker } from './promptBroker.js';
import { SettingsStore, type SettingsDocument } from './settingsStore.js';
import { SkeinService } from './skeinService.js';
import type { TabFlow } from './shellTab.js';

export interface SkeinServiceConfig {
  homeDir: string;
  /** Where hosts are stored: a conf (web mode, tests) or electron-store (desktop) document. */
  hostDocument: HostDocument;
  /** Where the person's preferences are stored, beside the hosts (open it with SETTINGS_DOCUMENT_OPTIONS). */
  settingsDocument: SettingsDocument;
  secrets: SecretStore;
  /** Given when `secrets` is a passphrase vault the UI unlocks (usually the same LockableVault). */
  vault?: VaultControl;
  /** Default ~/.ssh/known_hosts. */
  knownHostsPath?: string;
  /** Read-only system files. Default /etc/ssh/ssh_known_hosts. */
  globalKnownHostsPaths?: string[];
  /** Default ask. */
  hostKeyPolicy?: HostKeyPolicy;
  agentSocket?: string | undefined;
  poolOptions?: Omit<PoolOptionsInput, 'verifyHostKey' | 'knownHostKeyTypes' | 'answerPrompts'>;
  logger?: HostsLogger;
  flow?: TabFlow;
  snapshotEveryMs?: number;
}

export async function createSkeinService(config: SkeinServiceConfig): Promise<SkeinService> {
  // A UI or transport whose listener throws is logged; the other listeners still hear the event.
  const listenerFailed = (event: string, error: unknown): void =>
    config.logger?.warn(`a listener of ${event} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const prompts = new PromptBroker(listenerFailed);
  const policies = new HostKeyPolicyBook(config.hostKeyPolicy ?? 'ask');
  const knownHosts = new KnownHosts({
    userFile: config.knownHostsPath ?? join(config.homeDir, '.ssh', 'known_hosts'),
    globalFiles: config.globalKnownHostsPaths ?? ['/etc/ssh/ssh_known_hosts'],
  });
  const verifier = new HostKeyVerifier({
    knownHosts,
    policyFor: (host, port) => policies.policyFor(host, port),
    askUser: (prompt, signal) => prompts.askHostKey(prompt, signal),
    onWarning: (message) => config.logger?.warn(message),
  });
  const pool = new ConnectionPool({
    ...config.poolOptions,
    verifyHostKey: (presented, signal) => verifier.verify(presented, signal),
    knownHostKeyTypes: (host, port) => verifier.knownKeyTypes(host, port),
    answerPrompts: (request, signal) => prompts.askAuth(request, signal),
  });
  const logger = config.logger ? { logger: config.logger } : {};
  const hosts = new HostStore({ document: config.hostDocument, secrets: config.secrets, ...logger });
  const settings = new SettingsStore({ document: config.settingsDocument, ...logger });
  // Read at every resolve, so a changed default reaches the next connection.
  const defaultKeepalive = (): { intervalMs: number; countMax: number } => {
    const { keepaliveIntervalMs, keepaliveCountMax } = settings.get();
    return { intervalMs: keepaliveIntervalMs, countMax: keepaliveCountMax };
  };
  const readKeyFile = (path: string): Promise<Buffer> => readFile(path);
  // An unsaved password or passphrase is asked in the window, as ssh asks in the terminal; the
  // question expires like the login's own questions, so no dialog outlives the person's attention.
  const promptTimeoutMs = config.poolOptions?.promptTimeoutMs ?? DEFAULT_POOL_OPTIONS.promptTimeoutMs;
  const askSecret = async ({ kind, host, keyPath }: SecretRequest): Promise<string | undefined> => {
    // No window open (a script, the tray alone): the plain "not saved" error says what to do.
    if (!prompts.canAskAuth()) return undefined;
    const [answer = ''] = await prompts.askAuth(
      {
        key: connectionKeyOf(host),
        name: kind === 'password' ? 'Password' : 'Key passphrase',
        instructions: kind === 'password' ? `No password is saved for "${host.label}".` : `The key file ${keyPath ?? ''} is locked, and no passphrase is saved for "${host.label}".`,
        prompts: [{ prompt: kind === 'password' ? `Password for ${host.username}@${host.host}:` : `Passphrase for ${keyPath ?? 'the key'}:`, echo: false }],
      },
      AbortSignal.timeout(promptTimeoutMs),
    );
    return answer;
  };
  const resolver = new TargetResolver({
    hosts,
    secrets: config.secrets,
    readKeyFile,
    homeDir: config.homeDir,
    agentSocket: config.agentSocket,
    defaultKeepalive,
    askSecret,
  });
  const quickHosts = new QuickHosts({ homeDir: config.homeDir, agentSocket: config.agentSocket, readKeyFile, defaultKeepalive });
  const importer = new SshConfigImport({
    hosts,
    reader: new SshConfigReader({ homeDir: config.homeDir, localUser: userInfo().username }),
  });
  const service = new SkeinService({
    pool,
    hosts,
    resolver,
    quickHosts,
    settings,
    importer,
    prompts,
    policies,
    forwards: new ForwardManager({ pool }),
    homeDir: config.homeDir,
    listenerFailed,
    ...(config.vault ? { vault: config.vault } : {}),
    ...(config.flow ? { flow: config.flow } : {}),
    ...(config.snapshotEveryMs !== undefined ? { snapshotEveryMs: config.snapshotEveryMs } : {}),
  });
  await service.init();
  return service;
}
