// Terminal tabs as a person works them: opened by Enter or click, on the host's connection or a new one, switched, renamed, dragged and closed by mouse and keys.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('tabs open by Enter and click, show colour, label and state, and switch, rename, reorder and close by mouse and keyboard', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  const login = { host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath } as const;
  await skein.addHost({ ...login, label: 'alpha', colour: '#d55e3a' });
  await skein.addHost({ ...login, label: 'beta' });

  // Enter on the first host of the list opens a tab on it.
  await skein.hostList().focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(skein.tabs()).toHaveCount(1);
  const first = skein.tabs().first();
  await expect(first).toHaveAttribute('data-state', 'open');
  await expect(first).toContainText('alpha');
  await expect(page.getByRole('tab', { name: 'alpha, open', exact: true })).toBeVisible();
  // The host's colour marks its tab.
  expect(await first.evaluate((tab) => getComputedStyle(tab).getPropertyValue('--host-colour').trim())).toBe('#d55e3a');
  await skein.expectTerminal(/[$#]$/m);

  // Ctrl+Shift+T from the terminal: a new tab on the current host, a channel on its connection.
  await skein.terminal().click();
  await page.keyboard.press('Control+Shift+T');
  await expect(skein.tabs()).toHaveCount(2);
  await expect(skein.activeTab()).toContainText('alpha');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.openHost('beta');
  await expect(skein.tabs()).toHaveCount(3);
  await expect(skein.activeTab()).toContainText('beta');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  const labels = (): Promise<string[]> => skein.tabs().locator('.tab-label').allTextContents();
  const activeIndex = async (): Promise<number> => (await skein.tabs().evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-active')))).indexOf('true');

  // Next and previous, by the keys a terminal leaves free, wrapping at the ends; Alt+digit picks a tab.
  await skein.terminal().click();
  await page.keyboard.press('Control+PageUp');
  await expect.poll(activeIndex).toBe(1);
  await page.keyboard.press('Control+Tab');
  await expect.poll(activeIndex).toBe(2);
  await page.keyboard.press('Control+Tab');
  await expect.poll(activeIndex).toBe(0);
  await page.keyboard.press('Control+Shift+Tab');
  await expect.poll(activeIndex).toBe(2);
  await page.keyboard.press('Alt+1');
  await expect.poll(activeIndex).toBe(0);
  // The keyboard is in the terminal of the tab switched to: typing runs there.
  await page.keyboard.type('echo first-tab-$((1+1))\n');
  await skein.expectTerminal(/^first-tab-2$/m);

  // Rename by double-click; Enter keeps the name.
  await first.getByRole('tab').dblclick();
  const rename = first.getByRole('textbox', { name: /^Tab name/ });
  await expect(rename).toBeFocused();
  await rename.fill('my shell');
  await rename.press('Enter');
  expect(await labels()).toEqual(['my shell', 'alpha', 'beta']);
  // A renamed tab still says which host it is on.
  await expect(page.getByRole('tab', { name: 'my shell, alpha, open', exact: true })).toBeVisible();
  // F2 on a tab renames too; Escape keeps the old name.
  await page.getByRole('tab', { name: /^my shell/ }).focus();
  await page.keyboard.press('F2');
  await first.getByRole('textbox', { name: /^Tab name/ }).fill('not kept');
  await page.keyboard.press('Escape');
  expect(await labels()).toEqual(['my shell', 'alpha', 'beta']);

  // Dragged onto the right half of the last tab, the first lands after it.
  const last = skein.tabs().nth(2);
  const box = await last.boundingBox();
  if (!box) throw new Error('the last tab has no box');
  await skein.tabs().first().dragTo(last, { targetPosition: { x: box.width - 8, y: box.height / 2 } });
  await expect.poll(labels).toEqual(['alpha', 'beta', 'my shell']);
  // And back to the front with the keyboard.
  await page.getByRole('tab', { name: /^my shell/ }).click();
  await page.keyboard.press('Control+Shift+PageUp');
  await page.keyboard.press('Control+Shift+PageUp');
  await expect.poll(labels).toEqual(['my shell', 'alpha', 'beta']);

  // Ctrl+Shift+W closes the active tab; the close button another.
  await skein.terminal().click();
  await page.keyboard.press('Control+Shift+W');
  await expect.poll(labels).toEqual(['alpha', 'beta']);
  await page.getByRole('button', { name: 'Close tab beta' }).click();
  await expect.poll(labels).toEqual(['alpha']);
  // The server side went with them: one channel left on the one connection.
  await skein.showHealth();
  await expect(page.getByTestId('health-connection')).toHaveCount(1);
  await expect(page.getByTestId('health-connection')).toHaveAttribute('data-channels', '1');
});

test("a host's menu opens a tab on a new connection instead of a channel on the shared one", async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  const label = 'own connection';
  await skein.addHost({ label, host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost(label);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');

  await skein.hostItem(label).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Actions for ${label}` });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Open on a new connection' }).click();
  await expect(skein.tabs()).toHaveCount(2);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');

  await skein.showHealth();
  const host = page.getByTestId('health-host').filter({ hasText: label });
  const connections = host.getByTestId('health-connection');
  await expect(connections).toHaveCount(2);
  for (const connection of await connections.all()) await expect(connection).toHaveAttribute('data-channels', '1');
});
