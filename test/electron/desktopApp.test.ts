// The desktop shell's wiring against the recording Electron stand-in, the real core and a real sshd: which window hears
// which events, the tray rebuilt and reopening windows, the quit that waits for the pool, IPC refusals, the hand-over.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import type { HostKeyPromptEvent, TabCloseReason } from '../../app/api.js';
import { TAB_PORT_MESSAGE } from '../../app/electronIpc.js';
import type { SavedHostDraft } from '../../app/hosts.js';
import { SkeinError } from '../../app/skeinError.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../main/electron/appContentSecurityPolicy.js';
import { APP_PAGE_URL } from '../../main/electron/appProtocol.js';
import { DesktopApp, type DesktopService } from '../../main/electron/desktopApp.js';
import { openDesktopSecrets, type DesktopSecrets } from '../../main/electron/desktopSecrets.js';
import { desktopPreload, skeinPreload } from '../../main/electron/preloadSurface.js';
import { RecentHosts } from '../../main/electron/recentHosts.js';
import { createSkeinService } from '../../main/service/createSkeinService.js';
import { SETTINGS_DOCUMENT_OPTIONS } from '../../main/service/settingsStore.js';
import type { TabFlow } from '../../main/service/shellTab.js';
import type { SkeinService } from '../../main/service/skeinService.js';
import { ElectronBridge, type BridgeWindow } from '../../renderer/bridge/electronBridge.js';
import { MemorySecretStore } from '../fixtures/memorySecretStore.js';
import { OpenSshServer } from '../fixtures/openSshServer.js';
import { sleep, waitFor } from '../fixtures/waitFor.js';
import { electronEvent, RecordingElectron, type RecordingWindow } from './recordingElectron.js';

const assets = fileURLToPath(new URL('../../assets/', import.meta.url));

interface DesktopOptions {
  closeToTray?: boolean;
  platform?: string;
  promptTimeoutMs?: number;
  /** Write the test sshd's key to known_hosts, so no host-key question is asked. */
  knownServer?: OpenSshServer;
  quit?: { graceMs: number; limitMs: number };
  argv?: string[];
  /** The core's batching and watermarks for tab output; the service's defaults otherwise. */
  flow?: TabFlow;
  /** Where secrets live, as main.ts opens them (openDesktopSecrets); an in-memory store otherwise. */
  secrets?: (userDataDir: string) => Promise<DesktopSecrets>;
  /** Runs after the shell is made and before it starts (app 'ready' not yet reached). */
  beforeStart?: (electron: RecordingElectron) => void;
}

interface Desktop {
  app: DesktopApp;
  electron: RecordingElectron;
  service: SkeinService;
  logs: string[];
  revalidations: number;
  signal(name: 'SIGTERM' | 'SIGINT'): void;
  setInterfaces(value: NodeJS.Dict<NetworkInterfaceInfo[]>): void;
  dispose(): Promise<void>;
}

const disposers: (() => Promise<void>)[] = [];

async function startDesktop(options: DesktopOptions = {}): Promise<Desktop> {
  const dir = mkdtempSync(join(tmpdir(), 'skein-desktop-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Skein</title>');
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, options.knownServer ? `${options.knownServer.knownHostsLine()}\n` : '');
  const logs: string[] = [];
  const logger = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
  const secrets: Pick<DesktopSecrets, 'secrets' | 'vault'> = options.secrets ? await options.secrets(dir) : { secrets: new MemorySecretStore() };
  const service = await createSkeinService({
    homeDir: dir,
    hostDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'hosts', accessPropertiesByDotNotation: false }),
    settingsDocument: new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', ...SETTINGS_DOCUMENT_OPTIONS }),
    secrets: secrets.secrets,
    ...(secrets.vault ? { vault: secrets.vault } : {}),
    ...(options.flow ? { flow: options.flow } : {}),
    knownHostsPath: knownHosts,
    globalKnownHostsPaths: [],
    hostKeyPolicy: 'ask',
    logger,
    poolOptions: { promptTimeoutMs: options.promptTimeoutMs ?? 20_000 },
    snapshotEveryMs: 20,
  });
  // The setting the person changes in the window; the shell hears of it from the core.
  if (options.closeToTray === false) await service.updateSettings({ closeToTray: false });
  const desktop = { revalidations: 0 } as Desktop;
  // The real service, counted where the shell asks it to check its links.
  const counted = Object.create(service) as DesktopService;
  counted.revalidate = () => {
    desktop.revalidations += 1;
    return service.revalidate();
  };
  const electron = new RecordingElectron();
  const signals = new Map<string, () => void>();
  let interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = {};
  let recent: unknown = [];
  const app = new DesktopApp({
    electron: electron.parts(),
    service: counted,
    platform: options.platform ?? 'linux',
    paths: { renderer, preload: join(dir, 'preload.cjs'), assets },
    recent: new RecentHosts({ get: () => recent, set: (_key, value) => void (recent = value) }),
    readInterfaces: () => interfaces,
    networkPollMs: 20,
    onSignal: (name, handler) => void signals.set(name, handler),
    quit: options.quit ?? { graceMs: 500, limitMs: 5000 },
    logger,
  });
  options.beforeStart?.(electron);
  await app.start(options.argv ?? ['/opt/Skein/skein']);
  const dispose = async (): Promise<void> => {
    await app.quit();
    rmSync(dir, { recursive: true, force: true });
  };
  disposers.push(dispose);
  return Object.assign(desktop, {
    app,
    electron,
    service,
    logs,
    signal: (name: 'SIGTERM' | 'SIGINT') => signals.get(name)?.(),
    setInterfaces: (value: NodeJS.Dict<NetworkInterfaceInfo[]>) => void (interfaces = value),
    dispose,
  });
}

/** The renderer's side of a window: the real preload surface and the real bridge, over the stand-in's IPC. */
function openPage(win: RecordingWindow): { bridge: ElectronBridge; desktop: ReturnType<typeof desktopPreload> } {
  const ipc = win.webContents.page;
  const listeners = new Set<(event: MessageEvent) => void>();
  const pageWindow: BridgeWindow = {
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  // What the preload's window.postMessage does: a message from this very window, the port transferred.
  const desktop = desktopPreload(ipc, (ports) => {
    for (const listener of listeners) listener({ source: pageWindow, data: TAB_PORT_MESSAGE, ports } as unknown as MessageEvent);
  });
  return { bridge: new ElectronBridge({ preload: skeinPreload(ipc), desktop, window: pageWindow }), desktop };
}

async function loaded(win: RecordingWindow): Promise<void> {
  await waitFor('the window to load its page', () => win.webContents.loads > 0 && win.calls.includes('show'));
}

function keyHost(server: OpenSshServer, extra: Partial<SavedHostDraft> = {}): SavedHostDraft {
  return { label: `sshd ${server.port}`, host: server.host, port: server.port, username: server.username, auth: { method: 'key', keyPath: server.clientKey.privateKeyPath }, ...extra };
}

function output(bridge: ElectronBridge, tabId: string): { text: () => string; bytes: () => number } {
  let text = '';
  let bytes = 0;
  bridge.onTabData((id, data) => {
    if (id !== tabId) return;
    assert.ok(data instanceof Uint8Array);
    text += Buffer.from(data).toString('utf8');
    bytes += data.byteLength;
    bridge.ackTab(id, data.byteLength);
  });
  return { text: () => text, bytes: () => bytes };
}

/** Electron's safeStorage cannot run under Node: this one reports a Linux backend and seals reversibly, never as plaintext. */
function linuxSafeStorage(backend: 'gnome_libsecret' | 'basic_text'): Parameters<typeof openDesktopSecrets>[0]['safeStorage'] {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(true),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(plain, 'utf8').reverse()),
    decryptStringAsync: (sealed: Buffer) => Promise.resolve({ result: Buffer.from(sealed).reverse().toString('utf8'), shouldReEncrypt: false }),
  };
}

/** The secrets main.ts opens (openDesktopSecrets), in the test's user-data folder. */
function desktopSecrets(backend: 'gnome_libsecret' | 'basic_text', seen: { dir?: string } = {}): (dir: string) => Promise<DesktopSecrets> {
  return (dir) => {
    seen.dir = dir;
    return openDesktopSecrets({
      platform: 'linux',
      safeStorage: linuxSafeStorage(backend),
      secretsFile: () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'secrets' }),
      userDataDir: dir,
      logger: { info: () => undefined, warn: () => undefined },
    });
  };
}

describe('desktop shell wiring', () => {
  let sshd: OpenSshServer;

  before(async () => {
    sshd = await OpenSshServer.start();
  });
  after(async () => {
    for (const dispose of disposers.splice(0)) await dispose();
    await sshd.stop();
  });

  test('with no window listening, an unknown host key is refused at once; the listening window is shown the question', async () => {
    const d = await startDesktop({ promptTimeoutMs: 20_000 });
    const win = d.electron.window;
    await loaded(win);
    const page = openPage(win);
    const host = await page.bridge.createHost(keyHost(sshd));

    const started = Date.now();
    await assert.rejects(page.bridge.openTab(host.id, { cols: 80, rows: 24 }), (err: unknown) => {
      assert.ok(err instanceof SkeinError, String(err));
      assert.match(err.message, /no window is open to confirm it/);
      return true;
    });
    assert.ok(Date.now() - started < 5000, `refused after ${Date.now() - started} ms, not at the prompt's 20 s timeout`);

    win.close();
    assert.equal(win.isDestroyed(), false, 'close to tray is on by default: the window is hidden, not gone');
    assert.equal(win.isVisible(), false);
    const prompts: HostKeyPromptEvent[] = [];
    const stop = page.bridge.onHostKeyPrompt((prompt) => {
      prompts.push(prompt);
      page.bridge.answerHostKeyPrompt(prompt.promptId, true);
    });
    const tab = await page.bridge.openTab(host.id, { cols: 80, rows: 24 });
    assert.equal(prompts.length, 1);
    assert.equal(prompts[0]?.port, sshd.port);
    assert.equal(win.isVisible(), true, 'a hidden window comes forward to ask');

    // Terminal bytes over the tab port, both ways, acknowledged as they are drawn.
    const out = output(page.bridge, tab.tabId);
    page.bridge.writeTab(tab.tabId, new TextEncoder().encode('echo desk-$((6*7))\n'));
    await waitFor('the shell to answer over the port', () => out.text().includes('desk-42'));
    stop();
    page.bridge.closeTab(tab.tabId);
  });

  test('the tray opens a new window when the last one was closed, and a host click opens a tab there', async () => {
    const d = await startDesktop({ closeToTray: false, platform: 'darwin', knownServer: sshd });
    const first = d.electron.window;
    await loaded(first);
    const host = await openPage(first).bridge.createHost(keyHost(sshd, { label: 'db box' }));
    await waitFor('the tray to list the new host', () => d.electron.tray.items().some((i) => i.label === 'db box'));

    first.close();
    assert.ok(first.isDestroyed());
    d.electron.tray.click('Show Skein');
    assert.equal(d.electron.windows.length, 2, 'a new window, not show() on the closed one');
    const second = d.electron.window;
    await loaded(second);
    assert.equal(second.isVisible(), true);

    second.close();
    d.electron.tray.click('db box');
    const third = d.electron.window;
    assert.equal(d.electron.windows.length, 3);
    const page = openPage(third);
    const asked: string[] = [];
    page.desktop.onOpenHost((hostId) => asked.push(hostId));
    await waitFor('the new window to be asked for a tab on the host', () => asked.length === 1);
    assert.deepEqual(asked, [host.id]);
  });

  test('closing to the tray hides the window and keeps its tabs; the tray shows the same window again', async () => {
    const d = await startDesktop({ closeToTray: true, knownServer: sshd });
    const win = d.electron.window;
    await loaded(win);
    const page = openPage(win);
    const host = await page.bridge.createHost(keyHost(sshd));
    const tab = await page.bridge.openTab(host.id, { cols: 80, rows: 24 });
    const closed: string[] = [];
    page.bridge.onTabClosed((id) => closed.push(id));
    win.close();
    assert.equal(win.isDestroyed(), false);
    d.electron.tray.click('Show Skein');
    assert.equal(d.electron.windows.length, 1);
    assert.equal(win.isVisible(), true);
    const out = output(page.bridge, tab.tabId);
    page.bridge.writeTab(tab.tabId, new TextEncoder().encode('echo still-$((2+3))\n'));
    await waitFor('the tab to have lived on', () => out.text().includes('still-5'));
    assert.deepEqual(closed, []);
  });

  test('SIGTERM waits for the pool to close gracefully: a running exec finishes, then Electron quits', async () => {
    const d = await startDesktop({ knownServer: sshd, quit: { graceMs: 5000, limitMs: 15_000 } });
    await loaded(d.electron.window);
    const page = openPage(d.electron.window);
    const host = await page.bridge.createHost(keyHost(sshd));
    await page.bridge.connectHost(host.id);
    let finishedAt = 0;
    const marker = join(mkdtempSync(join(tmpdir(), 'skein-exec-')), 'started');
    const exec = page.bridge.exec(host.id, `touch ${marker}; sleep 1; echo finished`).then((r) => {
      finishedAt = Date.now();
      return r;
    });
    await waitFor('the exec to be running on the server', () => existsSync(marker), 5000);
    d.signal('SIGTERM');
    assert.equal(d.electron.app.quitAt, undefined, 'not before the pool closed');
    const result = await exec;
    assert.equal(result.stdout, 'finished\n');
    await waitFor('Electron to quit', () => d.electron.app.quitAt !== undefined, 10_000);
    assert.ok((d.electron.app.quitAt ?? 0) >= finishedAt, 'the quit came after the exec finished');
    assert.deepEqual((await d.service.poolSnapshot()).hosts.flatMap((h) => h.connections), [], 'no connection left open');
    assert.ok(d.electron.tray.destroyed);
  });

  test("Quit (Cmd+Q, the menu) is held back until the pool closed; a pool that takes too long is left after the limit", async () => {
    const d = await startDesktop({ knownServer: sshd, quit: { graceMs: 30_000, limitMs: 400 } });
    await loaded(d.electron.window);
    const page = openPage(d.electron.window);
    const host = await page.bridge.createHost(keyHost(sshd));
    const marker = join(mkdtempSync(join(tmpdir(), 'skein-exec-')), 'started');
    void page.bridge.exec(host.id, `touch ${marker}; sleep 20`).catch(() => undefined);
    await waitFor('the exec to be running on the server', () => existsSync(marker), 5000);
    const started = Date.now();
    d.electron.app.quit();
    assert.equal(d.electron.app.quitAt, undefined, 'before-quit held the quit back');
    await waitFor('Electron to quit', () => d.electron.app.quitAt !== undefined, 5000);
    const waited = (d.electron.app.quitAt ?? 0) - started;
    assert.ok(waited >= 350 && waited < 3000, `quit after ${waited} ms, bounded by the 400 ms limit`);
    assert.ok(d.logs.some((l) => /took over 0.4 s: quitting without waiting longer/.test(l)), d.logs.join('\n'));
    assert.deepEqual(d.electron.app.calls, ['quit', 'quit']);
  });

  test('the tray is rebuilt on every change, and shows the state of a host behind a jump host under its own key', async () => {
    const d = await startDesktop({ knownServer: sshd });
    await loaded(d.electron.window);
    const tray = d.electron.tray;
    const page = openPage(d.electron.window);
    const before = tray.menus.length;
    const jump = await page.bridge.createHost(keyHost(sshd, { label: 'bastion' }));
    const inner = await page.bridge.createHost(keyHost(sshd, { label: 'inner', jumpHostId: jump.id }));
    await waitFor('the tray to list both hosts', () => ['bastion', 'inner'].every((label) => tray.items().some((i) => i.label === label)));
    assert.ok(tray.menus.length > before, 'the menu was set again');

    const tab = await page.bridge.openTab(inner.id, { cols: 80, rows: 24 });
    await waitFor('the tray to put inner first, connected', () => tray.items()[3]?.label === 'inner (connected)', 5000);
    const labels = tray.items().map((i) => i.label);
    // inner's own key has the jump chain in it; the bastion's connection carries the tunnel to it.
    assert.ok(labels.includes('inner: 1 channel'), labels.join(' | '));
    assert.ok(labels.includes('bastion: 0 channels'), labels.join(' | '));
    assert.match(tray.images.at(-1) ?? '', /tray-connected-dark\.png$/);
    assert.match(tray.tooltip, /2 hosts, 2 connected/);

    // Nothing changed: the open menu is left alone. The panel turned light: the icon follows.
    await sleep(100);
    const menusSet = tray.menus.length;
    d.electron.nativeTheme.emit('updated');
    await sleep(100);
    assert.equal(tray.menus.length, menusSet);
    d.electron.nativeTheme.shouldUseDarkColors = false;
    d.electron.nativeTheme.emit('updated');
    await waitFor('the light icon', () => /tray-connected-light\.png$/.test(tray.images.at(-1) ?? ''));
    d.electron.nativeTheme.shouldUseDarkColors = true;

    page.bridge.closeTab(tab.tabId);
    tray.click('Disconnect All');
    await waitFor('the tray to go idle', () => /tray-idle-dark\.png$/.test(tray.images.at(-1) ?? ''), 5000);
  });

  test("the page loads from the app scheme, with Skein's CSP, and may navigate, open or ask for nothing else", async () => {
    const d = await startDesktop();
    const win = d.electron.window;
    await loaded(win);
    assert.equal(win.loadedUrl, APP_PAGE_URL);
    assert.equal(win.options.webPreferences?.sandbox, true);
    assert.equal(win.options.webPreferences?.contextIsolation, true);
    const serve = d.electron.protocolHandlers.get('skein');
    assert.ok(serve, 'the skein scheme is handled');
    const page = await serve(new Request(APP_PAGE_URL));
    assert.equal(await page.text(), '<!doctype html><title>Skein</title>');
    assert.equal(page.headers.get('content-security-policy'), APP_CONTENT_SECURITY_POLICY);
    assert.equal((await serve(new Request('skein://app/..%2fknown_hosts'))).status, 404);

    const contents = win.webContents;
    assert.equal(contents.navigate('https://evil.example/'), false);
    assert.equal(contents.navigate('file:///etc/passwd'), false);
    assert.equal(contents.navigate(APP_PAGE_URL, false), false, 'no frame navigates');
    assert.equal(contents.navigate(`${APP_PAGE_URL}#/health`), true);
    const webview = electronEvent({});
    contents.emit('will-attach-webview', webview);
    assert.ok(webview.defaultPrevented);

    const open = contents.windowOpenHandler;
    assert.ok(open);
    const details = (url: string) => ({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'no-referrer' }, postBody: undefined }) as never;
    assert.deepEqual(open(details('https://example.com/docs')), { action: 'deny' });
    assert.deepEqual(open(details('file:///etc/passwd')), { action: 'deny' });
    assert.deepEqual(open(details('ms-msdt:/id PCWDiagnostic')), { action: 'deny' });
    assert.deepEqual(d.electron.opened, ['https://example.com/docs'], 'only the http(s) link reached the system browser');

    const asked: [string, boolean][] = [];
    const request = d.electron.session.requestHandler as (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications']) request(contents, permission, (ok) => asked.push([permission, ok]), { requestingUrl: APP_PAGE_URL });
    assert.deepEqual(asked, [['clipboard-read', true], ['media', false], ['geolocation', false], ['notifications', false]]);
    const check = d.electron.session.checkHandler as (wc: unknown, permission: string, origin: string) => boolean;
    assert.equal(check(contents, 'clipboard-sanitized-write', 'skein://app'), true);
    assert.equal(check(contents, 'clipboard-sanitized-write', 'https://evil.example'), false);
    assert.equal((d.electron.session.deviceHandler as () => boolean)(), false);
    const download = electronEvent({});
    d.electron.session.emit('will-download', download);
    assert.ok(download.defaultPrevented);
    assert.ok(d.electron.applicationMenu?.length, 'the application menu is set');
  });

  test('IPC from a foreign frame or with malformed arguments is refused with the error shape', async () => {
    const d = await startDesktop();
    const win = d.electron.window;
    await loaded(win);
    const page = openPage(win);

    await assert.rejects(page.bridge.openTab('x', { cols: -1, rows: 24 }), (err: unknown) => {
      assert.ok(err instanceof SkeinError);
      assert.equal(err.code, 'INVALID_INPUT');
      assert.equal(err.field, 'size.cols');
      assert.match(err.message, /size\.cols: must be a whole number from 1 to 10000/);
      return true;
    });

    win.webContents.page.frameUrl = 'https://evil.example/';
    await assert.rejects(page.bridge.listHosts(), (err: unknown) => err instanceof SkeinError && err.field === 'sender' && /https:\/\/evil\.example/.test(err.message));
    win.webContents.page.frameUrl = APP_PAGE_URL;
    win.webContents.page.isTopFrame = false;
    await assert.rejects(page.bridge.listHosts(), (err: unknown) => err instanceof SkeinError && err.field === 'sender' && /subframe/.test(err.message));
    // A subframe's subscription is ignored: the core's prompts never reach it.
    page.bridge.onAuthPrompt(() => undefined);
    assert.ok(d.logs.some((l) => /refused an IPC message from a subframe/.test(l)));
    win.webContents.page.isTopFrame = true;

    // A webContents Skein did not open (a devtools page, say) is refused outright.
    const stranger = { sender: { id: 9999 }, senderFrame: { url: APP_PAGE_URL, parent: null } };
    const reply = await d.electron.ipcMain.invoke('skein:call:listHosts', stranger);
    assert.deepEqual(reply, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: "refused an IPC message from a window Skein did not open: only Skein's own page, in its window's top frame, may call the core", field: 'sender' },
    });
    assert.deepEqual(await page.bridge.listHosts(), []);
  });

  test('a second launch only prefills quick connect with a checked ssh:// target; the first launch may too', async () => {
    const d = await startDesktop({ argv: ['/opt/Skein/skein', 'ssh://first@10.0.0.1:2200'] });
    const win = d.electron.window;
    const page = openPage(win);
    const prefills: unknown[] = [];
    page.desktop.onQuickConnectPrefill((p) => prefills.push(p));
    await waitFor('the launch prefill', () => prefills.length === 1);
    assert.deepEqual(prefills[0], { username: 'first', host: '10.0.0.1', port: 2200 });

    win.hide();
    d.electron.app.emit('second-instance', electronEvent({}), ['/opt/Skein/skein', 'ssh://alice@db.example.com:2222'], '/home/alice');
    assert.equal(win.isVisible(), true, 'the first window comes forward');
    await waitFor('the second prefill', () => prefills.length === 2);
    assert.deepEqual(prefills[1], { username: 'alice', host: 'db.example.com', port: 2222 });

    d.electron.app.emit('second-instance', electronEvent({}), ['/opt/Skein/skein', 'ssh://alice@db.example.com/?command=calc'], '/');
    d.electron.app.emit('second-instance', electronEvent({}), ['/opt/Skein/skein', 'ssh://-oProxyCommand=calc@h'], '/');
    await sleep(50);
    assert.equal(prefills.length, 2, 'hostile arguments prefill nothing');
    assert.equal(d.logs.filter((l) => /^quick connect: .*expected ssh:\/\/user@host\[:port\]/.test(l)).length, 2);
    assert.deepEqual((await d.service.poolSnapshot()).hosts, [], 'nothing was connected, let alone run');
  });

  test('a second launch made while the first is still starting hands its target over once the window is there', async () => {
    const d = await startDesktop({
      beforeStart: (electron) => electron.app.emit('second-instance', electronEvent({}), ['/opt/Skein/skein', 'ssh://early@10.0.0.3:2201'], '/'),
    });
    const page = openPage(d.electron.window);
    const prefills: unknown[] = [];
    page.desktop.onQuickConnectPrefill((p) => prefills.push(p));
    await waitFor('the early launch prefill', () => prefills.length === 1);
    assert.deepEqual(prefills, [{ username: 'early', host: '10.0.0.3', port: 2201 }]);
    assert.equal(d.electron.windows.length, 1, 'one window for both launches');
  });

  test('resume, screen unlock and a network change each make the pool check its links', async () => {
    const d = await startDesktop();
    d.electron.powerMonitor.emit('resume');
    d.electron.powerMonitor.emit('unlock-screen');
    assert.equal(d.revalidations, 2);
    d.setInterfaces({ wlan0: [{ address: '192.168.7.20', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: null }] });
    await waitFor('the network change to be noticed', () => d.revalidations === 3, 2000);
    await sleep(100);
    assert.equal(d.revalidations, 3, 'once per change');
  });

  test("a reloaded page's shells are closed and its subscriptions end", async () => {
    const d = await startDesktop({ knownServer: sshd });
    const win = d.electron.window;
    await loaded(win);
    const page = openPage(win);
    const host = await page.bridge.createHost(keyHost(sshd));
    page.bridge.onPoolSnapshot(() => undefined);
    page.bridge.onTabClosed(() => undefined);
    const tab = await page.bridge.openTab(host.id, { cols: 80, rows: 24 });
    await waitFor('a snapshot to reach the page', () => win.webContents.sentOn('skein:event:onPoolSnapshot').length > 0);
    const ended: [string, TabCloseReason][] = [];
    d.service.onTabClosed((id, reason) => ended.push([id, reason]));
    win.webContents.reload();
    await waitFor("the old page's shell to be closed", () => ended.some(([id]) => id === tab.tabId));
    const snapshotsSent = win.webContents.sentOn('skein:event:onPoolSnapshot').length;
    await page.bridge.connectHost(host.id).catch(() => undefined);
    await sleep(200);
    assert.equal(win.webContents.sentOn('skein:event:onPoolSnapshot').length, snapshotsSent, 'no snapshot goes to a page that is gone');
    assert.equal(win.webContents.sentOn('skein:event:onTabClosed').length, 0, 'nor the close of its tab');
  });

  test("the tab port keeps web mode's flow control: without acks the output stops near the high watermark; with acks all of it arrives byte-exact", async () => {
    const d = await startDesktop({ knownServer: sshd, flow: { batchMs: 5, batchBytes: 64 * 1024, highWater: 256 * 1024, lowWater: 64 * 1024 } });
    await loaded(d.electron.window);
    const page = openPage(d.electron.window);
    const host = await page.bridge.createHost(keyHost(sshd));
    const tab = await page.bridge.openTab(host.id, { cols: 80, rows: 24 });
    let text = '';
    let received = 0;
    page.bridge.onTabData((id, data) => {
      if (id !== tab.tabId) return;
      text += Buffer.from(data).toString('latin1');
      received += data.byteLength;
    });
    const lines = 300_000;
    page.bridge.writeTab(tab.tabId, new TextEncoder().encode(`stty -echo; echo START-$((2+2)); seq 1 ${lines}; echo END-$((1+1))-SEQ\n`));
    await sleep(1500);
    const plateau = received;
    await sleep(500);
    assert.equal(received, plateau, 'without acks the output stops');
    // seq prints ~2 MB; the pause holds at the 256 KiB mark plus what the SSH window had in flight.
    assert.ok(plateau >= 256 * 1024 && plateau < 1_500_000, `received ${plateau} bytes without acks`);
    let acked = 0;
    const acker = setInterval(() => {
      if (received > acked) page.bridge.ackTab(tab.tabId, received - acked);
      acked = received;
    }, 5);
    try {
      await waitFor('the rest of the output', () => text.includes('END-2-SEQ'), 30_000);
    } finally {
      clearInterval(acker);
    }
    const body = text.slice(text.indexOf('START-4\r\n') + 'START-4\r\n'.length, text.indexOf('END-2-SEQ'));
    const expected = `${Array.from({ length: lines }, (_, i) => i + 1).join('\r\n')}\r\n`;
    const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
    assert.equal(body.length, expected.length);
    assert.equal(sha256(body), sha256(expected), 'no byte dropped or reordered');
    page.bridge.closeTab(tab.tabId);
  });

  test('the window hears which backend holds the secrets: the keyring, or on basic_text the vault it creates and unlocks', async () => {
    const keyringDir: { dir?: string } = {};
    const keyring = await startDesktop({ secrets: desktopSecrets('gnome_libsecret', keyringDir) });
    await loaded(keyring.electron.window);
    const keyringPage = openPage(keyring.electron.window).bridge;
    assert.deepEqual(await keyringPage.vaultStatus(), { state: 'unlocked', backend: 'os-keyring' });
    await keyringPage.createHost({ ...keyHost(sshd), auth: { method: 'password' } }, { password: 'pw-in-the-keyring' });
    const sealed = readFileSync(join(keyringDir.dir ?? '', 'secrets.json'), 'utf8');
    assert.doesNotMatch(sealed, /pw-in-the-keyring/, 'safeStorage sealed the password');

    const basic = await startDesktop({ secrets: desktopSecrets('basic_text') });
    await loaded(basic.electron.window);
    const basicPage = openPage(basic.electron.window).bridge;
    assert.deepEqual(await basicPage.vaultStatus(), { state: 'absent', backend: 'passphrase-vault' });
    await assert.rejects(basicPage.createHost({ ...keyHost(sshd), auth: { method: 'password' } }, { password: 'pw' }), (err: unknown) => err instanceof SkeinError && err.code === 'VAULT_LOCKED');
    await basicPage.createVault('correct horse battery staple');
    assert.deepEqual(await basicPage.vaultStatus(), { state: 'unlocked', backend: 'passphrase-vault' });
    await basicPage.createHost({ ...keyHost(sshd), auth: { method: 'password' } }, { password: 'pw-in-the-vault' });
  });
});
