// Quick connect to user@host:port logs in with a default key from ~/.ssh, as ssh would, and offers to save the host.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

// The sshd's client key is installed as ~/.ssh/id_ed25519 of web mode's HOME, and no agent is reachable.
const rig = SkeinRig.forFile({ defaultKey: true });

test('quick connect with user@host:port logs in with ~/.ssh/id_ed25519 and offers to save the host', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  const input = page.getByTestId('quick-connect');
  await input.fill(`${sshd.username}@127.0.0.1:${sshd.port}`);
  await input.press('Enter');
  await expect(skein.tabs()).toHaveCount(1);
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('echo quick-$((40+2))', /^quick-42$/m);
  // It was the default key that let it in: sshd names the key by its fingerprint.
  expect(sshd.log()).toMatch(new RegExp(`Accepted publickey for ${sshd.username} from 127\\.0\\.0\\.1 port \\d+ ssh2: ED25519`));
  await expect(page.getByTestId('quick-save')).toBeVisible();
  await expect(page.getByTestId('auth-dialog')).toHaveCount(0);
});
