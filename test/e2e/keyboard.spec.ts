// Everything reachable by keyboard, every control named: Tab through the window, Ctrl+F6 between its parts, and no unnamed control in any view or dialog.
import { expect, test, type Page } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** The lines of the page's accessibility tree that are controls without a name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const tree = await page.locator('body').ariaSnapshot();
  return tree.split('\n').filter((line) => /^\s*- (button|link|textbox|searchbox|combobox|checkbox|radio|spinbutton|tab|treeitem|menuitem|slider|switch)\s*(\[[^\]]*\])?\s*(:.*)?$/.test(line));
}

/** What Tab reaches from the top of the page, by accessible name, up to `limit` presses. */
async function tabStops(page: Page, limit: number): Promise<string[]> {
  await page.locator('body').focus();
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e) return '';
        const labelled = e.getAttribute('aria-labelledby');
        const byId = labelled ? document.getElementById(labelled)?.textContent : undefined;
        const label = e.id ? document.querySelector(`label[for="${e.id}"]`)?.textContent : undefined;
        return (e.getAttribute('aria-label') ?? byId ?? label ?? e.textContent ?? '').trim();
      }),
    );
  }
  return stops;
}

test('Tab reaches every part of the window, Ctrl+F6 moves between them, and a host opens from the keyboard alone', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'keyboard box', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  const stops = await tabStops(page, 12);
  for (const name of ['Add host', 'Import hosts from ~/.ssh/config', 'Search hosts', 'Host list', 'Quick connect', 'Connect', 'Terminals', 'Pool health', 'Settings']) {
    expect(stops, `Tab reaches ${name}`).toContain(name);
  }

  // From the host list: Enter opens the tab and the terminal takes the keyboard.
  await skein.hostList().focus();
  await page.keyboard.press('Enter');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await page.keyboard.type('echo typed-$((3*3))\n');
  await skein.expectTerminal(/^typed-9$/m);
  // Ctrl+F6 from the terminal goes to the hosts, then the tab bar, then back to the terminal.
  await page.keyboard.press('Control+F6');
  await expect(page.locator('.app-sidebar :focus')).toHaveCount(1);
  await page.keyboard.press('Control+F6');
  await expect(page.getByRole('tab', { name: /keyboard box/ })).toBeFocused();
  await page.keyboard.press('Control+F6');
  await expect(page.locator('.xterm-helper-textarea:focus')).toHaveCount(1);
  // Shift+F10 on a host opens its menu, the arrows move in it, Escape closes it.
  await skein.hostList().focus();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for keyboard box' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Open on a new connection' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  // The views by keyboard: Ctrl+Shift+H shows the health view.
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByTestId('health-view')).toBeVisible();
});

test('no control in the main views, the host form or the shortcuts list is without an accessible name', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  if ((await skein.hostItem('named box').count()) === 0) {
    await skein.addHost({ label: 'named box', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath, group: 'Lab', tags: 'a, b', colour: '#3a7bd5' });
  }
  await skein.openHost('named box');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run("printf 'ne%sle\\n' ed", /^needle$/m);
  await page.keyboard.press('Control+Shift+F');
  expect(await unnamedControls(page), 'hosts, tabs, terminal and find bar').toEqual([]);
  await page.keyboard.press('Escape');

  await skein.showHealth();
  await expect(page.getByTestId('health-connection')).toHaveCount(1);
  expect(await unnamedControls(page), 'health view').toEqual([]);
  await skein.showView('settings');
  expect(await unnamedControls(page), 'settings').toEqual([]);
  await skein.showView('tabs');

  await page.getByRole('button', { name: 'Add host', exact: true }).click();
  await expect(page.getByTestId('host-form')).toBeVisible();
  expect(await unnamedControls(page), 'host form').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('host-form')).toBeHidden();
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  expect(await unnamedControls(page), 'shortcuts list').toEqual([]);
});
