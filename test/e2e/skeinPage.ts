// Skein's window as a person uses it, for e2e specs: the host list and its form, quick connect, tabs, the terminal and the views.
import { expect, type Locator, type Page } from '@playwright/test';
import type { SkeinRig } from './skeinRig.js';

export interface HostFormEntry {
  label: string;
  host: string;
  port: number;
  username: string;
  /** The option shown in "Log in with". */
  loginWith: 'Key file' | 'ssh-agent' | 'Password' | 'Keyboard-interactive (one-time codes, 2FA)';
  keyPath?: string;
  group?: string;
  /** A hex colour, shown beside the host and on its tabs. */
  colour?: string;
  /** Comma-separated. */
  tags?: string;
  keepaliveSeconds?: number;
  /** Rows added under "Port forwards", in order. */
  forwards?: ForwardFormEntry[];
}

export interface ForwardFormEntry {
  localPort: number;
  /** Left at the form's default (127.0.0.1) when absent. */
  bindAddress?: string;
  remoteHost: string;
  remotePort: number;
  startWhenConnected?: boolean;
}

/**
 * What the terminal holds, read through xterm.js's own buffer API: the WebGL renderer draws on a
 * canvas, so there is no text in the DOM to read. The renderer hangs the (read-only) buffer on the
 * terminal's element for exactly this.
 */
interface BufferLine {
  /** Cells in the line: the terminal's columns. */
  length: number;
  translateToString(trimRight?: boolean): string;
}
interface TerminalBuffer {
  length: number;
  /** The first buffer line on screen. */
  viewportY: number;
  /** The first line of the bottom screenful: length - baseY is the terminal's rows. */
  baseY: number;
  getLine(y: number): BufferLine | undefined;
}

export class SkeinPage {
  constructor(readonly page: Page) {}

  /** Opens the address web mode printed and waits for the saved hosts to load (the list itself shows only once there are some). */
  static async open(page: Page, rig: SkeinRig): Promise<SkeinPage> {
    await rig.open(page);
    const skein = new SkeinPage(page);
    await expect(page.getByRole('complementary', { name: 'Saved hosts' }).getByText(/^\d+ hosts?$/)).toBeVisible();
    return skein;
  }

  /** One tab on the rig's sshd (the host saved under `label` first if it is not yet), its shell at a prompt. */
  static async openShell(page: Page, rig: SkeinRig, label: string): Promise<SkeinPage> {
    const { sshd } = rig;
    const skein = await SkeinPage.open(page, rig);
    if ((await skein.hostItem(label).count()) === 0) {
      await skein.addHost({ label, host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
    }
    await skein.openHost(label);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.expectTerminal(/[$#]$/m);
    return skein;
  }

  hostList(): Locator {
    return this.page.getByTestId('host-list');
  }

  hostItem(label: string): Locator {
    return this.page.getByTestId('host-item').filter({ hasText: label });
  }

  /** Fills the add-host form field by field, as a person would, and waits for the host in the list. */
  async addHost(entry: HostFormEntry): Promise<void> {
    await this.page.getByRole('button', { name: 'Add host', exact: true }).click();
    const form = this.page.getByTestId('host-form');
    await expect(form).toBeVisible();
    await form.getByLabel('Label', { exact: true }).fill(entry.label);
    await form.getByLabel('Host', { exact: true }).fill(entry.host);
    await form.getByLabel('Port', { exact: true }).fill(String(entry.port));
    await form.getByLabel('User name', { exact: true }).fill(entry.username);
    await form.getByLabel('Log in with', { exact: true }).selectOption({ label: entry.loginWith });
    if (entry.keyPath !== undefined) await form.getByLabel('Private key file', { exact: true }).fill(entry.keyPath);
    if (entry.group !== undefined) await form.getByLabel('Group', { exact: true }).fill(entry.group);
    if (entry.tags !== undefined) await form.getByLabel('Tags', { exact: true }).fill(entry.tags);
    if (entry.colour !== undefined) await form.getByLabel('Colour', { exact: true }).fill(entry.colour);
    if (entry.keepaliveSeconds !== undefined) await form.getByLabel('Keep-alive every (seconds)', { exact: true }).fill(String(entry.keepaliveSeconds));
    for (const [i, forward] of (entry.forwards ?? []).entries()) {
      await form.getByRole('button', { name: 'Add a forward', exact: true }).click();
      const row = form.getByRole('group', { name: `Forward ${i + 1}`, exact: true });
      await row.getByLabel('Local port', { exact: true }).fill(String(forward.localPort));
      if (forward.bindAddress !== undefined) await row.getByLabel('Bind address', { exact: true }).fill(forward.bindAddress);
      await row.getByLabel('Remote host', { exact: true }).fill(forward.remoteHost);
      await row.getByLabel('Remote port', { exact: true }).fill(String(forward.remotePort));
      await row.getByLabel('Start when connected', { exact: true }).setChecked(forward.startWhenConnected ?? false);
    }
    await form.getByRole('button', { name: 'Add host', exact: true }).click();
    await expect(form).toBeHidden();
    await expect(this.hostItem(entry.label)).toBeVisible();
  }

  /** A click on a saved host opens a tab on it (a channel on its connection when it has one). */
  async openHost(label: string): Promise<void> {
    await this.hostItem(label).click();
  }

  tabs(): Locator {
    return this.page.getByTestId('tab');
  }

  activeTab(): Locator {
    return this.page.locator('[data-testid="tab"][data-active="true"]');
  }

  /** The terminal on screen: only the active tab's is shown. */
  terminal(): Locator {
    return this.page.locator('[data-testid="terminal"]:visible');
  }

  /** Every line of the active terminal, scrollback included, trailing blanks trimmed. */
  async terminalLines(): Promise<string[]> {
    return this.terminal().evaluate((element) => {
      const buffer = (element as HTMLElement & { xtermBuffer?: TerminalBuffer }).xtermBuffer;
      if (!buffer) throw new Error('the terminal element has no xtermBuffer to read');
      const lines: string[] = [];
      // translateToString(true) trims only cells never written; a shell writes its blanks, so trim those too.
      for (let y = 0; y < buffer.length; y++) lines.push((buffer.getLine(y)?.translateToString(true) ?? '').trimEnd());
      return lines;
    });
  }

  async terminalText(): Promise<string> {
    return (await this.terminalLines()).join('\n');
  }

  /**
   * Where on the page the terminal draws the middle of the first cell of `text`, on the lowest screen
   * row that has it: output comes below the command line that printed it, which often holds the same words.
   */
  async pointAt(text: string): Promise<{ x: number; y: number }> {
    return this.terminal().evaluate((element, wanted) => {
      const buffer = (element as HTMLElement & { xtermBuffer?: TerminalBuffer }).xtermBuffer;
      const screen = element.querySelector('.xterm-screen');
      if (!buffer || !screen) throw new Error('the terminal has no buffer or screen to measure');
      const rows = buffer.length - buffer.baseY;
      for (let row = rows - 1; row >= 0; row--) {
        const line = buffer.getLine(buffer.viewportY + row);
        const column = line?.translateToString().indexOf(wanted) ?? -1;
        if (line && column >= 0) {
          const box = screen.getBoundingClientRect();
          return { x: box.left + ((column + 0.5) * box.width) / line.length, y: box.top + ((row + 0.5) * box.height) / rows };
        }
      }
      throw new Error(`${JSON.stringify(wanted)} is not on the terminal's screen`);
    }, text);
  }

  /** Waits until the active terminal shows text matching `pattern`. */
  async expectTerminal(pattern: RegExp, timeout = 20_000): Promise<void> {
    await expect.poll(() => this.terminalText(), { timeout, message: `the terminal to show ${pattern}` }).toMatch(pattern);
  }

  /** Switches the main area with the view bar: the terminals, the pool health view or the settings. */
  async showView(view: 'tabs' | 'health' | 'settings'): Promise<void> {
    await this.page.getByTestId(`view-${view}`).click();
  }

  /** Saves a terminal renderer in the settings view ("Automatic", "WebGL" or "DOM") and goes back to the terminals. */
  async chooseRenderer(renderer: 'Automatic' | 'WebGL' | 'DOM'): Promise<void> {
    await this.showView('settings');
    const view = this.page.getByTestId('settings-view');
    await view.getByLabel('Terminal renderer').selectOption({ label: renderer });
    await view.getByRole('button', { name: 'Save settings' }).click();
    await expect(view).toContainText('Saved.');
    await this.showView('tabs');
  }

  async showHealth(): Promise<Locator> {
    await this.showView('health');
    const health = this.page.getByTestId('health-view');
    await expect(health).toBeVisible();
    return health;
  }

  /** Types into the active terminal as a person does (a "\n" is the Enter key). */
  async typeInTerminal(text: string): Promise<void> {
    await this.terminal().click();
    await this.page.keyboard.type(text);
  }

  /** Runs a line in the shell and waits for its output; `marker` must appear only in the output, not in the line typed. */
  async run(line: string, marker: RegExp): Promise<void> {
    await this.typeInTerminal(`${line}\n`);
    await this.expectTerminal(marker);
  }
}
