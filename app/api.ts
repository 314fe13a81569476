// SkeinApi: every call and event between the UI and the core, typed once for IPC and WebSocket alike.
import type { PoolSnapshot } from './health.js';
import type { ConnectionKey, HostSecretsInput, SavedHostDraft, SavedHostPatch, SavedHostView } from './hosts.js';
import type { Settings, SettingsPatch } from './settings.js';
import type { UnknownHostKeyPrompt } from './trust.js';

/** Why a tab's channel ended, in a form that crosses process boundaries. */
export type TabCloseReason =
  | { type: 'exit'; code: number }
  | { type: 'signal'; signal: string }
  | { type: 'closed' }
  /** The person disconnected the host (Disconnect, or deleting it); connectHost brings it back. */
  | { type: 'disconnected' }
  /** The link died and the pool gave up (or was told not to) bringing it back. */
  | { type: 'connection-lost'; message: string }
  /** The server ignored flow control and sent far more than a paused tab holds: the tab was closed. */
  | { type: 'overrun'; message: string };

export interface TabInfo {
  tabId: string;
  hostId: string;
  /** Pool key the tab's channel lives on. */
  key: ConnectionKey;
}

/** The connection under a tab dropped; the core is reconnecting and will reopen the shell in it. */
export interface TabReconnecting {
  tabId: string;
  message: string;
}

export interface HostKeyPromptEvent extends UnknownHostKeyPrompt {
  promptId: string;
}

export interface AuthPromptEvent {
  promptId: string;
  /** Pool key asking, e.g. alice@db.example.com:22 */
  key: ConnectionKey;
  name: string;
  instructions: string;
  prompts: { prompt: string; echo: boolean }[];
}

/** A stored host entry that does not validate: shown to the user, kept in the file untouched. */
export interface HostProblem {
  file: string;
  /** Position in the file's "hosts" list, from 0. */
  index: number;
  id?: string;
  label?: string;
  /** Each starts with the field it is about, e.g. "port: must be from 1 to 65535". */
  issues: string[];
  message: string;
}

export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** The readable report, one line per host or skipped block. */
  report: string;
}

/** A host typed into quick connect: user@host[:port], not saved unless the person asks. */
export interface QuickConnectSpec {
  username: string;
  host: string;
  port?: number;
  /** Sent after agent and default keys were refused and the person typed one. */
  password?: string;
}

/** How a quick-connect login got in: what "Save host" will save. */
export type QuickConnectAuth = { method: 'agent' } | { method: 'key'; keyPath: string } | { method: 'password' };

export interface QuickConnectResult {
  /** An id usable with openTab, connectHost, exec and disconnectHost until the host is saved or forgotten. */
  hostId: string;
  key: string;
  auth: QuickConnectAuth;
}

/** Where secrets live and whether they can be used now; the UI asks for the vault's passphrase from this. */
export interface VaultStatus {
  /**
   * absent: no vault file yet (createVault before saving a secret); locked: the file exists and
   * needs unlockVault; unlocked: secrets can be read and saved.
   */
  state: 'absent' | 'locked' | 'unlocked';
  /** passphrase-vault: a file sealed with the person's passphrase; os-keyring: no passphrase needed (always unlocked). */
  backend: 'passphrase-vault' | 'os-keyring';
}

export interface ExecOutcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export interface SkeinApi {
  // Saved hosts. Secrets go in, and only "is saved" comes back out.
  listHosts(): Promise<SavedHostView[]>;
  searchHosts(query: string): Promise<SavedHostView[]>;
  createHost(draft: SavedHostDraft, secrets?: HostSecretsInput): Promise<SavedHostView>;
  updateHost(id: string, patch: SavedHostPatch, secrets?: HostSecretsInput): Promise<SavedHostView>;
  deleteHost(id: string): Promise<void>;
  hostProblems(): Promise<HostProblem[]>;
  importSshConfig(path?: string): Promise<ImportSummary>;

  /** Connects ahead of need (tray quick connect, pinned hosts): the next tab opens without a login. */
  connectHost(hostId: string): Promise<void>;
  /**
   * Closes the host's connections and stops its forwards: its tabs end with reason 'disconnected'
   * and the pool forgets the host's credentials. connectHost or a new tab connects again.
   */
  disconnectHost(hostId: string): Promise<void>;

  /**
   * Logs in to a host that is not saved: ssh-agent, then the default keys OpenSSH tries
   * (~/.ssh/id_ed25519, id_ecdsa, id_rsa), then `password` if given. Rejects AUTH_FAILED when
   * none got in, so the UI can ask for a password and call again.
   */
  quickConnect(spec: QuickConnectSpec): Promise<QuickConnectResult>;
  /** Saves a quick-connect host with the login that worked; its tabs stay open. */
  saveQuickHost(hostId: string, label?: string): Promise<SavedHostView>;

  /** Brings a dropped connection of the host back now instead of at the next backoff step. */
  reconnectNow(hostId: string): Promise<void>;

  // Terminal tabs: each is a shell channel on a pooled connection.
  /** newConnection: open the shell on a connection of its own instead of sharing one. */
  openTab(hostId: string, size: { cols: number; rows: number }, opts?: { newConnection?: boolean }): Promise<TabInfo>;
  writeTab(tabId: string, data: Uint8Array): void;
  resizeTab(tabId: string, cols: number, rows: number): void;
  closeTab(tabId: string): void;
  /** The renderer has written this many bytes of the tab's output (xterm.js write callbacks). */
  ackTab(tabId: string, bytes: number): void;
  onTabData(cb: (tabId: string, data: Uint8Array) => void): () => void;
  onTabReconnecting(cb: (event: TabReconnecting) => void): () => void;
  /** Fired when a dropped tab's shell is open again on the restored connection. */
  onTabRestored(cb: (tabId: string) => void): () => void;
  onTabClosed(cb: (tabId: string, reason: TabCloseReason) => void): () => void;

  exec(hostId: string, command: string, opts?: { timeoutMs?: number }): Promise<ExecOutcome>;

  // Port forwards saved on a host.
  startForward(hostId: string, forwardId: string): Promise<{ bindAddress: string; bindPort: number }>;
  stopForward(hostId: string, forwardId: string): Promise<void>;

  // Questions for the person: unknown host keys and keyboard-interactive prompts.
  onHostKeyPrompt(cb: (prompt: HostKeyPromptEvent) => void): () => void;
  answerHostKeyPrompt(promptId: string, trust: boolean): void;
  onAuthPrompt(cb: (prompt: AuthPromptEvent) => void): () => void;
  /** null: the person cancelled. */
  answerAuthPrompt(promptId: string, answers: string[] | null): void;
  /** A host-key or login prompt expired unanswered (or its connection went away): close its dialog. */
  onPromptExpired(cb: (promptId: string, message: string) => void): () => void;

  // Secrets: hosts without secrets work while the vault is locked; one needing a secret fails with VAULT_LOCKED.
  vaultStatus(): Promise<VaultStatus>;
  /** Sets the passphrase of a new vault (state absent); the file is written with the first secret saved. */
  createVault(passphrase: string): Promise<void>;
  /** Rejects with the vault's error when the passphrase does not open the file. */
  unlockVault(passphrase: string): Promise<void>;

  // Pool health.
  poolSnapshot(): Promise<PoolSnapshot>;
  onPoolSnapshot(cb: (snapshot: PoolSnapshot) => void): () => void;

  // Preferences, stored by the core so every window (and web mode) sees the same.
  getSettings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  onSettingsChanged(cb: (settings: Settings) => void): () => void;
}

/** Request/response calls of SkeinApi: the only method names a transport may forward. */
export const SKEIN_CALLS = [
  'listHosts',
  'searchHosts',
  'createHost',
  'updateHost',
  'deleteHost',
  'hostProblems',
  'importSshConfig',
  'connectHost',
  'disconnectHost',
  'quickConnect',
  'saveQuickHost',
  'reconnectNow',
  'openTab',
  'writeTab',
  'resizeTab',
  'closeTab',
  'ackTab',
  'exec',
  'startForward',
  'stopForward',
  'answerHostKeyPrompt',
  'answerAuthPrompt',
  'vaultStatus',
  'createVault',
  'unlockVault',
  'poolSnapshot',
  'getSettings',
  'updateSettings',
] as const satisfies readonly (keyof SkeinApi)[];

export type SkeinCall = (typeof SKEIN_CALLS)[number];

/** Event subscriptions of SkeinApi; a transport forwards each to the UI under the same name. */
export const SKEIN_EVENTS = [
  'onTabData',
  'onTabReconnecting',
  'onTabRestored',
  'onTabClosed',
  'onHostKeyPrompt',
  'onAuthPrompt',
  'onPromptExpired',
  'onPoolSnapshot',
  'onSettingsChanged',
] as const satisfies readonly (keyof SkeinApi)[];

export type SkeinEvent = (typeof SKEIN_EVENTS)[number];
