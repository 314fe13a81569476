// One tab's terminal: an xterm.js Terminal and its addons, wired to the server tab it shows (and the next one after a Reconnect).
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { SkeinApi, TabCloseReason, TabReconnecting } from '../../app/api.js';
import { skeinErrorFromShape, type SkeinErrorShape } from '../../app/skeinError.js';
import { shortcutFor } from '../tabs/keyboardShortcuts.js';
import type { TabEventRouter } from '../tabs/tabEventRouter.js';
import { InlineStyleMirror } from './inlineStyleMirror.js';
import { OutputCoalescer } from './outputCoalescer.js';
import { OutputFeed } from './outputFeed.js';
import { openableLink } from './linkPolicy.js';
import { pastePreview, sanitizePaste, type PastePreview } from './pasteText.js';
import { rendererChoice, type PageWebgl, type RendererKind } from './rendererChoice.js';
import { sessionDivider } from './sessionDivider.js';
import { terminalOptions, type TerminalSettings } from './terminalOptions.js';
import type { TerminalColours } from './terminalTheme.js';
import { XtermInternals } from './xtermInternals.js';

export type SessionApi = Pick<SkeinApi, 'openTab' | 'writeTab' | 'resizeTab' | 'closeTab' | 'ackTab'>;

/** What happens to the session, for the tab's state. */
export interface SessionEvents {
  connecting(): void;
  /** `connectionKey`: the pool key the server tab landed on. */
  opened(connectionKey: string): void;
  failed(error: SkeinErrorShape): void;
  reconnecting(event: TabReconnecting): void;
  restored(): void;
  ended(reason: TabCloseReason): void;
  title(title: string): void;
}

/** Things the session needs the person for; the tab's view shows them. */
export type SessionRequest =
  | { type: 'open-link'; url: string }
  | { type: 'paste'; text: string; preview: PastePreview }
  | { type: 'find' }
  | { type: 'notice'; message: string };

export interface TerminalSessionInit {
  hostId: string;
  /** The shell gets a connection of its own instead of sharing the host's. */
  newConnection?: boolean;
  api: SessionApi;
  router: TabEventRouter;
  events: SessionEvents;
  settings: TerminalSettings;
  colours: TerminalColours | undefined;
  /** What draws the page's WebGL, probed once for the page (probePageWebgl). */
  webgl: PageWebgl;
}

/** Resizes are sent once the pane has held still this long (a window drag sends dozens). */
const RESIZE_DEBOUNCE_MS = 100;

export class TerminalSession {
  readonly terminal: Terminal;
  readonly search = new SearchAddon({ highlightLimit: 2000 });
  /** The element xterm.js draws into; it moves between containers when the view remounts. */
  readonly element: HTMLDivElement;
  private readonly fitAddon = new FitAddon();
  private readonly styles: InlineStyleMirror;
  private readonly requestListeners = new Set<(request: SessionRequest) => void>();
  private readonly encoder = new TextEncoder();
  private readonly xterm = new XtermInternals();
  private serverTabId: string | undefined;
  private retireRoute: (() => void) | undefined;
  private retireOutput: (() => void) | undefined;
  private feed: OutputFeed | undefined;
  private hidden = false;
  private terminalOpened = false;
  private started = false;
  private hadShell = false;
  private disposed = false;
  private sentSize = '';
  private resizeTimer: ReturnType<typeof setTimeout> | undefined;
  private fitFrame: number | undefined;
  private rendererSetting: TerminalSettings['terminalRenderer'];
  private webgl: WebglAddon | undefined;
  renderer: RendererKind = 'dom';
  colours: TerminalColours | undefined;

  constructor(private readonly init: TerminalSessionInit) {
    this.colours = init.colours;
    this.rendererSetting = init.settings.terminalRenderer;
    this.terminal = new Terminal({
      ...terminalOptions(init.settings, { activate: (_event, text) => this.openLink(text) }),
      ...(init.colours ? { theme: init.colours.theme } : {}),
    });
    this.terminal.loadAddon(this.fitAddon);
    this.terminal.loadAddon(this.search);
    this.terminal.loadAddon(new WebLinksAddon((_event, uri) => this.openLink(uri)));
    this.terminal.loadAddon(new Unicode11Addon());
    this.terminal.unicode.activeVersion = '11';

    this.terminal.onData((data) => this.send(this.encoder.encode(data)));
    // Mouse reports in the X10 encoding arrive as byte strings, one char per byte.
    this.terminal.onBinary((data) => this.send(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)));
    this.terminal.onTitleChange((title) => init.events.title(title));
    this.terminal.onResize(() => this.scheduleResize());
    // The app's chords are not typed into the shell; they bubble on to the window, where the tabs act on them.
    this.terminal.attachCustomKeyEventHandler((event) => shortcutFor(event) === undefined);

    this.element = document.createElement('div');
    this.element.className = 'terminal-host';
    this.element.dataset.testid = 'terminal';
    this.element.dataset.renderer = this.renderer;
    this.styles = new InlineStyleMirror(this.element);
    // For end-to-end tests and scripts: the WebGL renderer draws on a canvas, so the text is read
    // from the buffer xterm.js keeps (the active one: normal, or vim's alternate screen). Read-only.
    Object.defineProperty(this.element, 'xtermBuffer', { get: () => this.terminal.buffer.active });
    // Capture phase: this runs before xterm.js's own paste handler on its textarea, which would send the text raw.
    this.element.addEventListener('paste', this.onPasteEvent, { capture: true });
  }

  /** Shows the terminal in `container`, opening it (and connecting) the first time; returns the detach function. */
  attach(container: HTMLElement): () => void {
    container.appendChild(this.element);
    if (!this.terminalOpened) {
      this.terminalOpened = true;
      this.terminal.open(this.element);
      this.loadRenderer();
      // Before the first paint, not a microtask later: no frame shows the terminal without its styles.
      this.styles.sync();
    }
    const observer = new ResizeObserver(() => this.fitSoon());
    observer.observe(container);
    this.fitNow();
    if (!this.started) {
      this.started = true;
      void this.connect();
    }
    return () => {
      observer.disconnect();
      this.element.remove();
    };
  }

  onRequest(listener: (request: SessionRequest) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  focus(): void {
    this.terminal.focus();
  }

  /** Shown or hidden behind another tab: a hidden tab's output yields the page to the shown one (OutputFeed). */
  setShown(shown: boolean): void {
    this.hidden = !shown;
    this.feed?.setHidden(this.hidden);
  }

  /** Refits on the next frame: layout has settled by then (a tab just shown, a pane resized). */
  fitSoon(): void {
    if (this.fitFrame !== undefined || this.disposed) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = undefined;
      this.fitNow();
    });
  }

  /** A new server tab in this terminal, after the old one ended: the scrollback stays, a divider marks the gap. */
  reconnect(): void {
    if (this.disposed || this.serverTabId !== undefined) return;
    void this.connect();
  }

  requestFind(): void {
    this.emit({ type: 'find' });
  }

  /** A line for the person over the terminal (a failed action, a refused clipboard). */
  notice(message: string): void {
    this.emit({ type: 'notice', message });
  }

  async copySelection(): Promise<void> {
    const text = this.terminal.getSelection();
    if (text === '') return;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      this.emit({ type: 'notice', message: 'The browser did not allow writing to the clipboard; select the text and use the context menu to copy.' });
    }
  }

  async pasteFromClipboard(): Promise<void> {
    let text: string;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      this.emit({ type: 'notice', message: 'The browser did not allow reading the clipboard; paste with Shift+Insert or the context menu.' });
      return;
    }
    this.paste(text);
  }

  /** Text from any paste: cleaned of escape sequences, and held for a question when it has line breaks. */
  paste(raw: string): void {
    const text = sanitizePaste(raw);
    if (text === '') return;
    const preview = pastePreview(text);
    if (preview.needsConfirm) this.emit({ type: 'paste', text, preview });
    else this.terminal.paste(text);
  }

  /** The person said yes to a paste the session asked about. `text` is already cleaned. */
  pasteConfirmed(text: string): void {
    // xterm.js wraps it in ESC[200~ ... ESC[201~ when the shell turned bracketed paste on.
    this.terminal.paste(text);
  }

  applySettings(settings: TerminalSettings): void {
    if (settings.terminalRenderer !== this.rendererSetting) {
      this.rendererSetting = settings.terminalRenderer;
      if (this.terminalOpened && !this.disposed) {
        this.loadRenderer();
        this.fitSoon();
      }
    }
    const o = this.terminal.options;
    if (o.fontFamily === settings.fontFamily && o.fontSize === settings.fontSize && o.scrollback === settings.scrollback) return;
    this.terminal.options = { fontFamily: settings.fontFamily, fontSize: settings.fontSize, scrollback: settings.scrollback };
    this.fitSoon();
  }

  applyColours(colours: TerminalColours): void {
    this.colours = colours;
    this.terminal.options.theme = colours.theme;
  }

  /** The person closed the tab: its server tab goes, and nothing it sends later is drawn. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.serverTabId !== undefined) this.init.api.closeTab(this.serverTabId);
    this.serverTabId = undefined;
    this.retireRoute?.();
    this.retireOutput?.();
    clearTimeout(this.resizeTimer);
    if (this.fitFrame !== undefined) cancelAnimationFrame(this.fitFrame);
    this.element.removeEventListener('paste', this.onPasteEvent, { capture: true });
    this.requestListeners.clear();
    this.terminal.dispose();
    this.styles.dispose();
    this.element.remove();
  }

  private async connect(): Promise<void> {
    this.init.events.connecting();
    const size = { cols: this.terminal.cols, rows: this.terminal.rows };
    let tabId: string;
    let connectionKey: string;
    try {
      const info = await this.init.api.openTab(this.init.hostId, size, this.init.newConnection ? { newConnection: true } : undefined);
      tabId = info.tabId;
      connectionKey = info.key;
    } catch (err) {
      if (!this.disposed) this.init.events.failed(skeinErrorFromShape(err).toShape());
      return;
    }
    if (this.disposed) {
      this.init.api.closeTab(tabId);
      return;
    }
    this.serverTabId = tabId;
    this.sentSize = `${size.cols}x${size.rows}`;
    if (this.hadShell) this.terminal.write(sessionDivider(new Date()));
    this.hadShell = true;
    this.init.events.opened(connectionKey);
    // Each write is acknowledged once xterm.js has parsed it: the core sends more only then.
    const feed = new OutputFeed({
      write: (bytes, parsed) =>
        this.terminal.write(bytes, () => {
          this.init.api.ackTab(tabId, bytes.length);
          parsed();
        }),
      later: (task) => backgroundTask(task),
    });
    feed.setHidden(this.hidden);
    this.feed = feed;
    const coalescer = new OutputCoalescer((bytes) => feed.push(bytes), {
      now: () => performance.now(),
      setTimeout: (run, ms) => setTimeout(run, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    // Gathered first, then fed: before a divider or a close, everything waiting goes in order.
    const output = {
      push: (bytes: Uint8Array) => coalescer.push(bytes),
      flush: () => {
        coalescer.flush();
        feed.flushNow();
      },
    };
    this.retireOutput = () => {
      coalescer.dispose();
      feed.dispose();
      this.feed = undefined;
    };
    this.retireRoute = this.init.router.register(tabId, {
      data: (bytes) => output.push(bytes),
      reconnecting: (event) => this.init.events.reconnecting(event),
      restored: () => {
        output.flush();
        this.terminal.write(sessionDivider(new Date()));
        this.init.events.restored();
      },
      closed: (reason) => {
        output.flush();
        this.retireRoute?.();
        this.retireRoute = undefined;
        this.serverTabId = undefined;
        this.init.events.ended(reason);
      },
    });
    // The pane may have changed size while openTab was on its way.
    this.sendSize();
  }

  private send(bytes: Uint8Array): void {
    if (this.serverTabId !== undefined) this.init.api.writeTab(this.serverTabId, bytes);
  }

  private fitNow(): void {
    if (this.disposed || !this.terminalOpened) return;
    // A hidden tab has no size; it is fitted when it is shown.
    if (this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    this.fitAddon.fit();
  }

  private scheduleResize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => this.sendSize(), RESIZE_DEBOUNCE_MS);
  }

  private sendSize(): void {
    const size = `${this.terminal.cols}x${this.terminal.rows}`;
    if (this.serverTabId === undefined || size === this.sentSize) return;
    this.sentSize = size;
    this.init.api.resizeTab(this.serverTabId, this.terminal.cols, this.terminal.rows);
  }

  /** The renderer rendererChoice picks for the setting and this page's WebGL; also when the setting changes on an open terminal. */
  private loadRenderer(): void {
    if (rendererChoice(this.rendererSetting, this.init.webgl).kind === 'webgl') {
      this.loadWebgl();
    } else {
      // Disposing the addon hands the terminal back to xterm.js's DOM renderer.
      this.dropWebgl();
      this.setRenderer('dom');
    }
  }

  /** Where the WebGL addon cannot start or its context dies, the DOM renderer takes over. */
  private loadWebgl(): void {
    if (this.webgl) return;
    const webgl = new WebglAddon();
    try {
      this.terminal.loadAddon(webgl);
    } catch {
      webgl.dispose();
      this.setRenderer('dom');
      return;
    }
    this.webgl = webgl;
    this.setRenderer('webgl');
    webgl.onContextLoss(() => {
      this.dropWebgl();
      this.setRenderer('dom');
      // The DOM renderer measures cells its own way: fit again so rows and columns match the pane.
      this.fitSoon();
    });
  }

  private dropWebgl(): void {
    const webgl = this.webgl;
    this.webgl = undefined;
    webgl?.dispose();
  }

  private setRenderer(kind: RendererKind): void {
    this.renderer = kind;
    this.element.dataset.renderer = kind;
    if (kind !== 'dom') return;
    try {
      this.xterm.cspSafeDomColours(this.terminal);
    } catch (err) {
      // The text still draws, only truecolour cells lose their colour: not worth stopping the terminal for.
      console.error(err);
    }
  }

  private openLink(text: string): void {
    const url = openableLink(text);
    if (url !== undefined) this.emit({ type: 'open-link', url });
  }

  private emit(request: SessionRequest): void {
    for (const listener of this.requestListeners) listener(request);
  }

  private readonly onPasteEvent = (event: ClipboardEvent): void => {
    event.preventDefault();
    event.stopPropagation();
    this.paste(event.clipboardData?.getData('text/plain') ?? '');
  };
}

/** The browser's background-priority task where it has one (Chromium, Electron, Firefox), a plain task elsewhere. */
function backgroundTask(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: { postTask(task: () => void, options: { priority: 'background' }): Promise<unknown> } }).scheduler;
  if (scheduler) void scheduler.postTask(task, { priority: 'background' });
  else setTimeout(task, 0);
}
