// Settings as a person changes them: theme, font, scrollback and keep-alive saved, applied, and still there after a reload.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('theme, font, scrollback and default keep-alive are saved, applied and kept across a reload', async ({ page }) => {
  const { sshd, home } = rig();
  await page.emulateMedia({ colorScheme: 'light' });
  const skein = await SkeinPage.open(page, rig());
  await skein.showView('settings');
  const view = page.getByTestId('settings-view');
  await view.getByRole('radio', { name: 'Dark' }).check();
  await view.getByLabel('Terminal font size').fill('17');
  await view.getByLabel('Scrollback').fill('2000');
  await view.getByLabel('Keep-alive interval').fill('7');
  await view.getByRole('button', { name: 'Save settings' }).click();
  await expect(view).toContainText('Saved.');
  // Dark although the system is light: an explicit choice wins.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  // Kept where the desktop app keeps them too.
  const file = JSON.parse(readFileSync(join(home.path, 'skein-data', 'settings.json'), 'utf8'));
  expect(file).toMatchObject({ theme: 'dark', fontSize: 17, scrollback: 2000, keepaliveIntervalMs: 7000 });

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
  await skein.showView('settings');
  await expect(view.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(view.getByLabel('Terminal font size')).toHaveValue('17');
  await expect(view.getByLabel('Scrollback')).toHaveValue('2000');
  await expect(view.getByLabel('Keep-alive interval')).toHaveValue('7');

  // "Same as the system" follows the OS again.
  await view.getByRole('radio', { name: 'Same as the system' }).check();
  await view.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // A new terminal is drawn with them: 2,000 lines of scrollback.
  await skein.showView('tabs');
  await skein.addHost({ label: 'settings box', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost('settings box');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('seq 1 3000; echo seq-$((1+2))', /^seq-3$/m);
  expect(await skein.terminal().evaluate((element) => (element as HTMLElement & { xtermBuffer?: { baseY: number } }).xtermBuffer?.baseY)).toBe(2000);
});
