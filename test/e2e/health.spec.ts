// The pool health view against a real sshd: connections with their channels, round trips, bytes and uptime updating live, counters, and Disconnect and Reconnect.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

const UNITS: Record<string, number> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** The number in a byte count as the view writes it ("512 B", "1.5 KiB", "23 MiB"), in bytes. */
function bytesOf(text: string): number {
  const match = /([\d.]+)\s*(B|KiB|MiB|GiB)/.exec(text);
  return match ? Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN) : Number.NaN;
}

test('the health view shows each connection live, and Disconnect and Reconnect act on the host', async ({ page }) => {
  test.setTimeout(120_000);
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  const label = 'watched';
  await skein.addHost({ label, host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath, keepaliveSeconds: 1 });
  await skein.openHost(label);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.openHost(label);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');

  await skein.showHealth();
  const host = page.getByTestId('health-host').filter({ hasText: label });
  await expect(host).toHaveAttribute('data-status', 'healthy');
  await expect(host).toContainText('Healthy');
  await expect(page.getByTestId('health-summary')).toContainText(/1 host.*healthy|healthy/i);
  const connection = host.getByTestId('health-connection');
  await expect(connection).toHaveAttribute('data-state', 'ready');
  await expect(connection).toHaveAttribute('data-channels', '2');
  await expect(connection).toHaveAttribute('data-cap', '10');
  // One handshake, then a reuse for the second tab.
  await expect(host).toContainText('Handshakes 1');
  await expect(host).toContainText('Reused 1');
  await expect(host).toContainText('Errors 0');
  // Keep-alives every second: the round trips draw a line, none is missed.
  await expect(connection.locator('svg polyline, svg path').first()).toBeVisible({ timeout: 15_000 });
  await expect(connection.locator('td').nth(3)).toHaveText('0');

  // Live: uptime counts on, and output in a tab shows up as bytes received without leaving the view.
  const cells = connection.locator('td');
  const received = bytesOf((await cells.nth(4).textContent()) ?? '');
  const uptime = await cells.nth(6).textContent();
  await expect.poll(() => cells.nth(6).textContent(), { timeout: 5000 }).not.toBe(uptime);
  await skein.showView('tabs');
  await skein.run('head -c 300000 /dev/zero | tr "\\0" y; echo; echo flood-$((2*5))', /^flood-10$/m);
  await skein.showView('health');
  await expect.poll(async () => bytesOf((await cells.nth(4).textContent()) ?? '') - received, { timeout: 10_000 }).toBeGreaterThan(290_000);
  expect(bytesOf((await cells.nth(5).textContent()) ?? '')).toBeGreaterThan(0);

  // Disconnect asks first, then closes the connection and the tabs on it.
  await host.getByRole('button', { name: `Disconnect ${label}` }).click();
  await host.getByRole('button', { name: `Yes, disconnect ${label}` }).click();
  await expect(host).toHaveAttribute('data-status', 'disconnected');
  await expect(host.getByTestId('health-connection')).toHaveCount(0);
  // The tab under the view now has a status card; it stays under the view, not drawn over it.
  const card = page.locator('.tab-panel:not([hidden]) .tab-status');
  await expect(card).toContainText('The host was disconnected');
  const box = await card.boundingBox();
  if (!box) throw new Error('the tab status card has no box');
  // What the person sees there is the same with the card taken away (inert tabs are not hit-tested, so pixels it is).
  const seen = await page.screenshot({ clip: box, animations: 'disabled' });
  await card.evaluate((element) => ((element as HTMLElement).style.visibility = 'hidden'));
  const without = await page.screenshot({ clip: box, animations: 'disabled' });
  await card.evaluate((element) => ((element as HTMLElement).style.visibility = ''));
  expect(seen.equals(without), 'the tab status card shows through the health view').toBe(true);

  // A look at the tabs and back: the disconnected host keeps its card, to reconnect it from.
  await skein.showView('tabs');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed');
  await skein.showView('health');
  await expect(host).toHaveAttribute('data-status', 'disconnected');
  // Reconnect from the view: a fresh connection, ready.
  await host.getByRole('button', { name: `Reconnect: ${label}` }).click();
  await expect(host.getByTestId('health-connection')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  // The tab's own Reconnect opens a new shell in it, after its old output.
  await skein.showView('tabs');
  await page.locator('.tab-panel:not([hidden])').getByRole('button', { name: 'Reconnect' }).click();
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('echo back-$((6+1))', /^back-7$/m);
  expect(await skein.terminalText()).toMatch(/^flood-10$[\s\S]*— reconnected at [\d:]+ —[\s\S]*^back-7$/m);
});
