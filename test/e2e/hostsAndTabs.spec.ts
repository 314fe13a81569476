// A host added through the form, three tabs on it: three channels on one pooled connection, each its own shell.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('a host added through the form opens three tabs as three channels on one connection, each running its own shell', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'e2e sshd', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });

  for (const n of [1, 2, 3]) {
    await skein.openHost('e2e sshd');
    await expect(skein.tabs()).toHaveCount(n);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    // The typed line holds the sum unworked: only the shell's output has the number.
    await skein.run(`echo tab-${n}-$((${n}*111))`, new RegExp(`^tab-${n}-${n * 111}$`, 'm'));
  }
  // Each tab kept its own shell: the first shows its own output and none of the others'.
  await skein.tabs().first().click();
  const first = await skein.terminalText();
  expect(first).toMatch(/^tab-1-111$/m);
  expect(first).not.toMatch(/^tab-[23]-/m);

  await skein.showHealth();
  const connections = page.getByTestId('health-connection');
  await expect(connections).toHaveCount(1);
  await expect(connections).toHaveAttribute('data-channels', '3');
  await expect(connections).toHaveAttribute('data-state', 'ready');
  // sshd's side of it: one login, so one TCP connection carried all three shells.
  expect(sshd.log().match(/Accepted publickey for /g)).toHaveLength(1);
});
