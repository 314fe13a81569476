// The sshd process serving a connection dies: the tab says it is reconnecting, comes back on a new connection, and keeps what it showed.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('killing the sshd process serving the tab: the tab reports reconnecting, comes back, and keeps its scrollback', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'flaky', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost('flaky');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('echo before-$((40+2))', /^before-42$/m);
  const [serving, ...others] = rig().connectionProcesses();
  expect(serving, 'one sshd process serves the one connection').toBeDefined();
  expect(others).toEqual([]);

  // Reconnecting may last less than a poll: the page notes every state and status line the tab shows.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as Window & { seenTabStates?: string[] }).seenTabStates = seen;
    const note = (): void => {
      for (const tab of document.querySelectorAll('[data-testid="tab"]')) seen.push(`state:${tab.getAttribute('data-state')}`);
      for (const status of document.querySelectorAll('.tab-status [role="status"]')) seen.push(`status:${status.textContent ?? ''}`);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  process.kill(serving as number, 'SIGKILL');

  const seen = (): Promise<string[]> => page.evaluate(() => (window as Window & { seenTabStates?: string[] }).seenTabStates ?? []);
  await expect.poll(seen, { timeout: 30_000 }).toContain('state:reconnecting');
  expect((await seen()).some((s) => /^status:Connection lost, reconnecting/.test(s))).toBe(true);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  // The old output is still there, and the new shell works.
  expect(await skein.terminalText()).toMatch(/^before-42$/m);
  await skein.run('echo after-$((40+3))', /^after-43$/m);
  // The gap between the two shells is marked by a line of its own, after the old output and before the new.
  expect(await skein.terminalText()).toMatch(/^before-42$[\s\S]*^— reconnected at \d\d:\d\d:\d\d —$[\s\S]*^after-43$/m);
  const now = rig().connectionProcesses();
  expect(now).toHaveLength(1);
  expect(now).not.toContain(serving);
});
