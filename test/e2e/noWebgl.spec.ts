// Without WebGL (Chromium started with --disable-3d-apis, project chromium-no-webgl) the terminal falls back to the DOM renderer and still shows text.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('with no WebGL the terminal draws with the DOM renderer and its text is on the page', async ({ page }) => {
  const { sshd } = rig();
  expect(await page.evaluate(() => document.createElement('canvas').getContext('webgl2'))).toBeNull();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'no webgl', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost('no webgl');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
  await skein.typeInTerminal('echo dom-$((20+22))\n');
  // Read from the page itself, as a person sees it: the DOM renderer's rows.
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('dom-42');
  // The settings view says why Automatic picked the DOM renderer.
  await skein.showView('settings');
  await expect(page.getByTestId('renderer-reason')).toHaveText('On this machine Automatic picks DOM: WebGL is not available here.');
});
