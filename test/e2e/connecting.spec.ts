// A tab's connection as it comes and goes, through a TCP proxy in front of the real sshd: connect stages, a drop with its countdown and attempts, Retry now, giving up, and Reconnect.
import { expect, test, type Page } from '@playwright/test';
import { FaultProxy } from '../fixtures/faultProxy.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** The page notes every status line a tab shows: stages may last less than a poll. */
async function noteStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as Window & { seenStatuses?: string[] }).seenStatuses = seen;
    new MutationObserver(() => {
      for (const status of document.querySelectorAll('.tab-status [role="status"]')) seen.push(status.textContent ?? '');
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as Window & { seenStatuses?: string[] }).seenStatuses ?? []);
}

/** A saved host reached through a fresh proxy to the rig's sshd, its key trusted under the proxy's port. */
async function hostBehindProxy(skein: SkeinPage, label: string): Promise<FaultProxy> {
  const { sshd, home } = rig();
  const proxy = await FaultProxy.start(sshd.port);
  home.trust(sshd.knownHostsLine().replace(`:${sshd.port} `, `:${proxy.port} `));
  await skein.addHost({ label, host: '127.0.0.1', port: proxy.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  return proxy;
}

test('connecting shows its stages in the tab as they happen', async ({ page }) => {
  const skein = await SkeinPage.open(page, rig());
  const proxy = await hostBehindProxy(skein, 'slow start');
  try {
    // The server's first bytes come late: the tab sits in the key exchange long enough to be read.
    proxy.delayMs = 2500;
    const seen = await noteStatuses(page);
    await skein.openHost('slow start');
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
    const statuses = await seen();
    expect(statuses.some((s) => /^Connecting: (reaching the host|key exchange)…/.test(s)), statuses.join(' | ')).toBe(true);
    expect(statuses.at(-1)).toBe('Connected');
  } finally {
    await proxy.stop();
  }
});

test('a dropped connection counts down to its next attempt, Retry now tries at once, and after giving up Reconnect brings the shell back with its scrollback', async ({ page }) => {
  test.setTimeout(150_000);
  const skein = await SkeinPage.open(page, rig());
  const proxy = await hostBehindProxy(skein, 'flaky link');
  try {
    await skein.openHost('flaky link');
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.run('echo kept-$((40+2))', /^kept-42$/m);

    // The host goes down: open connections are reset and new ones refused.
    proxy.refuse(true);
    proxy.reset();
    const panel = page.locator('.tab-panel:not([hidden])');
    const status = panel.locator('.tab-status [role="status"]');
    await expect(status).toHaveText(/^Connection lost, reconnecting in \d+ s \(attempt \d+ of \d+\)/, { timeout: 20_000 });
    await expect(panel.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Close tab' })).toBeVisible();
    const attemptOf = async (): Promise<number> => Number(/\(attempt (\d+) of/.exec((await status.textContent()) ?? '')?.[1] ?? 0);

    // Retry now, again and again while the host stays down, until Skein gives up.
    const first = await attemptOf();
    await panel.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(attemptOf, { timeout: 15_000 }).toBeGreaterThan(first);
    for (let i = 0; i < 20 && (await skein.activeTab().getAttribute('data-state')) !== 'closed'; i++) {
      const retry = panel.getByRole('button', { name: 'Retry now' });
      if (await retry.isVisible()) await retry.click().catch(() => undefined);
      await page.waitForTimeout(700);
    }
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed', { timeout: 60_000 });
    await expect(panel.getByTestId('error')).toContainText('gave up reconnecting');
    expect(await skein.terminalText()).toMatch(/^kept-42$/m);

    // The host is back: Reconnect opens a new shell below the old output, the gap marked.
    proxy.refuse(false);
    await panel.getByRole('button', { name: 'Reconnect' }).click();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open', { timeout: 20_000 });
    await skein.run('echo again-$((40+3))', /^again-43$/m);
    expect(await skein.terminalText()).toMatch(/^kept-42$[\s\S]*— reconnected at [\d:]+ —[\s\S]*^again-43$/m);
  } finally {
    await proxy.stop();
  }
});
