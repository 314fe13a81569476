// SkeinApi on top of the pool, saved hosts, trust and forwards; knows nothing of IPC or WebSockets.
import {
  SKEIN_CALLS,
  type AuthPromptEvent,
  type ExecOutcome,
  type HostKeyPromptEvent,
  type HostProblem,
  type ImportSummary,
  type QuickConnectResult,
  type QuickConnectSpec,
  type SkeinApi,
  type TabCloseReason,
  type TabInfo,
  type TabReconnecting,
  type VaultStatus,
} from '../../app/api.js';
import type { PoolSnapshot } from '../../app/health.js';
import {
  connectionKeyOf,
  type ConnectionKey,
  describeHostIssues,
  QuickConnectSpecSchema,
  type HostSecretsInput,
  type LocalForward,
  type SavedHostDraft,
  type SavedHostPatch,
  type SavedHostView,
} from '../../app/hosts.js';
import { Listeners } from '../../app/listeners.js';
import type { Settings, SettingsPatch } from '../../app/settings.js';
import { SkeinError, fieldPath } from '../../app/skeinError.js';
import type { HostKeyPolicyBook } from '../hosts/hostKeyPolicyBook.js';
import type { HostStore } from '../hosts/hostStore.js';
import type { QuickHosts } from '../hosts/quickHosts.js';
import type { VaultControl } from '../hosts/lockableVault.js';
import { sshConfigImportReport } from '../hosts/sshConfigImportReport.js';
import type { SshConfigImport } from '../hosts/sshConfigImport.js';
import type { TargetResolver } from '../hosts/targetResolver.js';
import { PoolError, type ConnectionPool, type PoolTarget } from '../pool/index.js';
import type { PromptBroker } from './promptBroker.js';
import type { SettingsStore } from './settingsStore.js';
import { DEFAULT_TAB_FLOW, ShellTab, type TabFlow } from './shellTab.js';
import { toSkeinError } from './toSkeinError.js';

/** What the service needs of the forward layer. */
export interface ForwardControl {
  start(hostId: string, target: PoolTarget, spec: LocalForward): Promise<{ bindAddress: string; bindPort: number }>;
  stop(hostId: string, forwardId: string): Promise<void>;
  stopHost(hostId: string): Promise<void>;
  stopAll(): Promise<void>;
}

export interface SkeinServiceDeps {
  pool: ConnectionPool;
  hosts: HostStore;
  resolver: TargetResolver;
  quickHosts: QuickHosts;
  settings: SettingsStore;
  importer: SshConfigImport;
  prompts: PromptBroker;
  policies: HostKeyPolicyBook;
  forwards: ForwardControl;
  /** The passphrase vault when secrets live in one; without it they are in the OS keyring and need no unlocking. */
  vault?: VaultControl;
  /** Home folder, for shortening paths in the import report. */
  homeDir: string;
  flow?: TabFlow;
  /** Pool changes are coalesced into at most one snapshot per this many ms. Default 250. */
  snapshotEveryMs?: number;
  /** Told when a listener of an event (a transport) throws; the other listeners still hear it. */
  listenerFailed?: (event: string, error: unknown) => void;
}

/** Every SkeinApi call throws or rejects only with SkeinError, whichever layer failed (see the constructor). */
export class SkeinService implements SkeinApi {
  private readonly tabs = new Map<string, ShellTab>();
  /** The host each tab (re)opens on; a quick host's tabs move to the saved host it becomes. */
  private readonly tabHosts = new Map<string, string>();
  private nextTab = 1;
  private readonly tabData = this.listeners<[string, Uint8Array]>('onTabData');
  private readonly tabReconnecting = this.listeners<[TabReconnecting]>('onTabReconnecting');
  private readonly tabRestored = this.listeners<[string]>('onTabRestored');
  private readonly tabClosed = this.listeners<[string, TabCloseReason]>('onTabClosed');
  private readonly snapshots = this.listeners<[PoolSnapshot]>('onPoolSnapshot');
  private readonly settingsChanged = this.listeners<[Settings]>('onSettingsChanged');
  private snapshotTimer: NodeJS.Timeout | undefined;
  private readonly unsubscribePool: () => void;
  /** Pool keys each saved host was dialled under (an edited address is a new key), for disconnecting it. */
  private readonly keysByHost = new Map<string, Set<ConnectionKey>>();
  /** Saved hosts whose autoStart forwards were started since their first connection (until disconnected). */
  private readonly autoStarted = new Set<string>();

  constructor(private readonly deps: SkeinServiceDeps) {
    this.unsubscribePool = deps.pool.onChange(() => this.scheduleSnapshot());
    // One place instead of a try/catch in each method: every call a transport may forward is
    // replaced on the instance by one whose failures pass through toSkeinError.
    for (const name of SKEIN_CALLS) {
      const call = (this[name] as (...args: unknown[]) => unknown).bind(this);
      Object.defineProperty(this, name, { value: (...args: unknown[]) => withSkeinErrors(() => call(...args)) });
    }
  }

  /** Loads what the verifier needs before the first connection. */
  async init(): Promise<void> {
    await this.refreshPolicies();
  }

  async listHosts(): Promise<SavedHostView[]> {
    return this.deps.hosts.list();
  }

  async searchHosts(query: string): Promise<SavedHostView[]> {
    return this.deps.hosts.search(query);
  }

  async createHost(draft: SavedHostDraft, secrets?: HostSecretsInput): Promise<SavedHostView> {
    const view = await this.deps.hosts.create(draft, secrets);
    await this.refreshPolicies();
    return view;
  }

  async updateHost(id: string, patch: SavedHostPatch, secrets?: HostSecretsInput): Promise<SavedHostView> {
    const view = await this.deps.hosts.update(id, patch, secrets);
    await this.refreshPolicies();
    return view;
  }

  async deleteHost(id: string): Promise<void> {
    await this.deps.hosts.delete(id);
    await this.disconnectHost(id);
    this.keysByHost.delete(id);
    await this.refreshPolicies();
  }

  async hostProblems(): Promise<HostProblem[]> {
    return this.deps.hosts.problems();
  }

  async importSshConfig(path?: string): Promise<ImportSummary> {
    const result = await this.deps.importer.run(path);
    await this.refreshPolicies();
    return {
      imported: result.imported.length,
      updated: result.updated.length,
      unchanged: result.unchanged.length,
      skipped: result.skipped.length,
      report: sshConfigImportReport(result, { homeDir: this.deps.homeDir }),
    };
  }

  async connectHost(hostId: string): Promise<void> {
    const target = await this.targetOf(hostId);
    await this.deps.pool.warm(target);
    this.startAutoForwards(hostId, target);
  }

  async disconnectHost(hostId: string): Promise<void> {
    // The next connection after a disconnect is a first one again: its autoStart forwards start anew.
    this.autoStarted.delete(hostId);
    // Forwards first: a listening forward would dial the host again at its next local connection.
    await this.deps.forwards.stopHost(hostId);
    const keys = this.keysByHost.get(hostId) ?? new Set();
    this.keysByHost.delete(hostId);
    await Promise.all([...keys].map((key) => this.deps.pool.disconnect(key)));
  }

  /**
   * Each login is its own connection attempt, in order, until one gets in: the login that worked
   * is then known for certain (it is what "Save host" saves), and the pool's handshake stays one
   * login per target. The price is a handshake per refused login, about 0.1 s on a LAN.
   */
  async quickConnect(spec: QuickConnectSpec): Promise<QuickConnectResult> {
    const parsed = QuickConnectSpecSchema.safeParse(spec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SkeinError({
        code: 'INVALID_INPUT',
        message: `cannot quick connect: ${describeHostIssues(parsed.error).join('; ')}`,
        field: fieldPath(['spec', ...(issue?.path ?? [])]),
      });
    }
    const endpoint = parsed.data;
    const key = connectionKeyOf(endpoint);
    const { logins, skipped } = await this.deps.quickHosts.logins(endpoint);
    const refused: string[] = [];
    let lastRefusal: Error | undefined;
    for (const login of logins) {
      try {
        // A connection of its own: one already open to user@host:port proves nothing about this login.
        await this.deps.pool.warm(this.deps.quickHosts.target(endpoint, login), { newConnection: true });
      } catch (err) {
        // Only a refused login moves on; an unreachable host or a distrusted key is the answer.
        if (!(err instanceof PoolError && (err.code === 'AUTH_FAILED' || err.code === 'KEY_UNUSABLE'))) throw err;
        refused.push(login.label);
        lastRefusal = err;
        continue;
      }
      const hostId = this.deps.quickHosts.add(endpoint, login);
      this.noteKey(hostId, key);
      return { hostId, key, auth: login.auth };
    }
    const words = [
      refused.length > 0 ? `tried ${refused.join(', ')}: refused` : 'there was nothing to try',
      ...(skipped.length > 0 ? [`skipped ${skipped.join(', ')}`] : []),
      ...(endpoint.password === undefined ? ['no password was given'] : []),
      ...(lastRefusal ? [`last answer: ${lastRefusal.message}`] : []),
    ];
    throw new SkeinError(
      {
        code: 'AUTH_FAILED',
        message: `cannot log in to ${key}: ${words.join('; ')}`,
        hint: endpoint.password === undefined ? `type the password of ${endpoint.username}, or add a key to ssh-agent` : 'check the user name and password',
      },
      { cause: lastRefusal },
    );
  }

  async saveQuickHost(hostId: string, label?: string): Promise<SavedHostView> {
    const saving = this.deps.quickHosts.draftOf(hostId, label);
    if (!saving) {
      throw new SkeinError({
        code: 'HOST_NOT_FOUND',
        message: `"${hostId}" is not a quick-connect host (it was saved already, or Skein restarted since)`,
        hint: 'quick connect to the host again, then save it',
        field: 'hostId',
      });
    }
    const view = await this.createHost(saving.draft, saving.password === undefined ? {} : { password: saving.password });
    // Same user@host:port and no jump host: the tabs' pool key does not change, only what they reopen with.
    for (const [tabId, tabHost] of this.tabHosts) if (tabHost === hostId) this.tabHosts.set(tabId, view.id);
    for (const key of this.keysByHost.get(hostId) ?? []) this.noteKey(view.id, key);
    this.keysByHost.delete(hostId);
    this.deps.quickHosts.forget(hostId);
    return view;
  }

  async reconnectNow(hostId: string): Promise<void> {
    this.deps.pool.reconnectNow(await this.keyOf(hostId));
  }

  async openTab(hostId: string, size: { cols: number; rows: number }, opts: { newConnection?: boolean } = {}): Promise<TabInfo> {
    const tabId = `t${this.nextTab++}`;
    this.tabHosts.set(tabId, hostId);
    // Only the first open asks for a connection of its own: a reopen after a drop must not add another.
    let placement = { newConnection: opts.newConnection === true };
    const tab = new ShellTab(
      tabId,
      // Resolved on every (re)open: a password or key changed meanwhile is used.
      async (s) => {
        const target = await this.targetOf(this.tabHosts.get(tabId) ?? hostId);
        const shell = await this.deps.pool.openShell(target, s, placement);
        placement = { newConnection: false };
        this.startAutoForwards(this.tabHosts.get(tabId) ?? hostId, target);
        return shell;
      },
      {
        data: (id, data) => this.tabData.emit(id, data),
        reconnecting: (id, message) => this.tabReconnecting.emit({ tabId: id, message }),
        restored: (id) => this.tabRestored.emit(id),
        closed: (id, reason) => {
          this.tabs.delete(id);
          this.tabHosts.delete(id);
          this.tabClosed.emit(id, reason);
        },
      },
      this.deps.flow ?? DEFAULT_TAB_FLOW,
      size,
    );
    this.tabs.set(tabId, tab);
    try {
      await tab.start();
    } catch (err) {
      this.tabs.delete(tabId);
      this.tabHosts.delete(tabId);
      throw err;
    }
    return { tabId, hostId, key: tab.key };
  }

  writeTab(tabId: string, data: Uint8Array): void {
    this.tabs.get(tabId)?.write(data);
  }

  resizeTab(tabId: string, cols: number, rows: number): void {
    this.tabs.get(tabId)?.resize(cols, rows);
  }

  closeTab(tabId: string): void {
    this.tabs.get(tabId)?.close();
  }

  ackTab(tabId: string, bytes: number): void {
    this.tabs.get(tabId)?.ack(bytes);
  }

  onTabData(cb: (tabId: string, data: Uint8Array) => void): () => void {
    return this.tabData.add(cb);
  }

  onTabReconnecting(cb: (event: TabReconnecting) => void): () => void {
    return this.tabReconnecting.add(cb);
  }

  onTabRestored(cb: (tabId: string) => void): () => void {
    return this.tabRestored.add(cb);
  }

  onTabClosed(cb: (tabId: string, reason: TabCloseReason) => void): () => void {
    return this.tabClosed.add(cb);
  }

  async exec(hostId: string, command: string, opts: { timeoutMs?: number } = {}): Promise<ExecOutcome> {
    const target = await this.targetOf(hostId);
    const r = await this.deps.pool.exec(target, command, opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs });
    this.startAutoForwards(hostId, target);
    return { code: r.code, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }

  async startForward(hostId: string, forwardId: string): Promise<{ bindAddress: string; bindPort: number }> {
    const host = await this.deps.hosts.get(hostId);
    if (!host) throw new SkeinError({ code: 'HOST_NOT_FOUND', message: `no saved host with id "${hostId}"` });
    const spec = host.localForwards.find((f) => f.id === forwardId);
    if (!spec) throw new SkeinError({ code: 'FORWARD_NOT_FOUND', message: `host "${host.label}" has no saved forward ${forwardId}` });
    const target = await this.targetOf(hostId);
    const started = await this.deps.forwards.start(hostId, target, spec);
    return { bindAddress: started.bindAddress, bindPort: started.bindPort };
  }

  async stopForward(hostId: string, forwardId: string): Promise<void> {
    await this.deps.forwards.stop(hostId, forwardId);
  }

  onHostKeyPrompt(cb: (prompt: HostKeyPromptEvent) => void): () => void {
    return this.deps.prompts.onHostKeyPrompt(cb);
  }

  answerHostKeyPrompt(promptId: string, trust: boolean): void {
    this.deps.prompts.answerHostKey(promptId, trust);
  }

  onAuthPrompt(cb: (prompt: AuthPromptEvent) => void): () => void {
    return this.deps.prompts.onAuthPrompt(cb);
  }

  answerAuthPrompt(promptId: string, answers: string[] | null): void {
    this.deps.prompts.answerAuth(promptId, answers);
  }

  onPromptExpired(cb: (promptId: string, message: string) => void): () => void {
    return this.deps.prompts.onPromptExpired(cb);
  }

  async vaultStatus(): Promise<VaultStatus> {
    return this.deps.vault ? this.deps.vault.status() : { state: 'unlocked', backend: 'os-keyring' };
  }

  async createVault(passphrase: string): Promise<void> {
    await this.vault().create(passphrase);
  }

  async unlockVault(passphrase: string): Promise<void> {
    await this.vault().unlock(passphrase);
  }

  async poolSnapshot(): Promise<PoolSnapshot> {
    return this.deps.pool.snapshot();
  }

  onPoolSnapshot(cb: (snapshot: PoolSnapshot) => void): () => void {
    return this.snapshots.add(cb);
  }

  getSettings(): Promise<Settings> {
    return Promise.resolve(this.deps.settings.get());
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const before = this.deps.settings.get();
    const settings = this.deps.settings.update(patch);
    if (before.keepaliveIntervalMs !== settings.keepaliveIntervalMs || before.keepaliveCountMax !== settings.keepaliveCountMax) {
      await this.applyDefaultKeepalive();
    }
    this.settingsChanged.emit(settings);
    return settings;
  }

  onSettingsChanged(cb: (settings: Settings) => void): () => void {
    return this.settingsChanged.add(cb);
  }

  /** The desktop shell calls this on resume, unlock and network changes: dead links are found at once, not at the next keep-alive. */
  async revalidate(): Promise<void> {
    await this.deps.pool.revalidate();
  }

  /** The tray's Disconnect All: every host's forwards and connections, quick-connect ones included. */
  async disconnectAll(): Promise<void> {
    await this.deps.forwards.stopAll();
    await Promise.all(this.deps.pool.snapshot().hosts.map((h) => this.deps.pool.disconnect(h.key)));
  }

  /** Stops forwards, ends tabs and closes the pool. */
  async close(graceMs = 2000): Promise<void> {
    this.unsubscribePool();
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = undefined;
    await this.deps.forwards.stopAll();
    await this.deps.pool.close({ graceMs });
  }

  /** The pool key of a host's tabs, without reading its secrets. */
  private async keyOf(hostId: string): Promise<ConnectionKey> {
    const quick = this.deps.quickHosts.targetOf(hostId);
    if (quick) return connectionKeyOf(quick);
    const saved = await this.deps.hosts.get(hostId);
    if (!saved) throw new SkeinError({ code: 'HOST_NOT_FOUND', message: `no saved host with id "${hostId}"`, field: 'hostId' });
    return saved.connectionKey;
  }

  /**
   * A quick-connect host's target, or a saved host's resolved afresh; its key is noted so
   * disconnectHost finds every connection made for it.
   */
  private async targetOf(hostId: string): Promise<PoolTarget> {
    const target = this.deps.quickHosts.targetOf(hostId) ?? (await this.deps.resolver.resolve(hostId));
    this.noteKey(hostId, connectionKeyOf(target));
    return target;
  }

  /**
   * Once a saved host has a ready connection, its forwards marked autoStart start, once. Not awaited:
   * the tab or call that connected does not wait for them, and a forward that cannot listen is
   * reported in its own state (failed, with why) in the pool snapshot, never to the caller.
   */
  private startAutoForwards(hostId: string, target: PoolTarget): void {
    if (this.autoStarted.has(hostId)) return;
    this.autoStarted.add(hostId);
    void this.deps.hosts.get(hostId).then(
      (host) =>
        Promise.all(
          (host?.localForwards ?? [])
            .filter((spec) => spec.autoStart === true)
            .map((spec) => this.deps.forwards.start(hostId, target, spec).catch(() => undefined)),
        ),
      // A quick-connect host or one deleted meanwhile has no saved forwards to start.
      () => undefined,
    );
  }

  /** Open connections of hosts that set no keep-alive of their own run on the new default from now. */
  private async applyDefaultKeepalive(): Promise<void> {
    await Promise.all(
      [...this.keysByHost.keys()].map(async (hostId) => {
        try {
          this.deps.pool.applyTarget(await this.targetOf(hostId));
        } catch {
          // Not resolvable now (deleted meanwhile, vault locked): its next connection resolves again.
        }
      }),
    );
  }

  private noteKey(hostId: string, key: ConnectionKey): void {
    const keys = this.keysByHost.get(hostId);
    if (keys) keys.add(key);
    else this.keysByHost.set(hostId, new Set([key]));
  }

  /** An event's listeners; one that throws is reported under the event's name. */
  private listeners<A extends unknown[]>(event: keyof SkeinApi): Listeners<A> {
    return new Listeners<A>((error) => this.deps.listenerFailed?.(event, error));
  }

  private vault(): VaultControl {
    if (this.deps.vault) return this.deps.vault;
    throw new SkeinError({ code: 'INVALID_INPUT', message: 'secrets are kept in the OS keyring here: there is no vault to create or unlock' });
  }

  private async refreshPolicies(): Promise<void> {
    this.deps.policies.update(await this.deps.hosts.list());
  }

  /** Many pool events (every keystroke's channel count, every keep-alive) become one snapshot. */
  private scheduleSnapshot(): void {
    if (this.snapshotTimer || this.snapshots.size === 0) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = undefined;
      this.snapshots.emit(this.deps.pool.snapshot());
    }, this.deps.snapshotEveryMs ?? 250);
    this.snapshotTimer.unref();
  }
}

/** Runs one call; a synchronous throw or a rejection leaves as a SkeinError. */
function withSkeinErrors(call: () => unknown): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (err) {
    throw toSkeinError(err);
  }
  return result instanceof Promise ? result.catch((err: unknown) => Promise.reject(toSkeinError(err))) : result;
}
