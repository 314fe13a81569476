// A keyboard-interactive (2FA) question from the server is asked in a dialog, and the answer typed there logs in.
import { expect, test } from '@playwright/test';
import { FaultSshServer } from '../fixtures/faultSshServer.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('a verification-code prompt is answered in the auth dialog and the tab opens', async ({ page }) => {
  // OpenSSH asks keyboard-interactive questions only through PAM; the ssh2 server asks a one-time code as 2FA servers do.
  const server = await FaultSshServer.start({ keyboardInteractive: { prompts: [{ prompt: 'Verification code: ', echo: true }], answers: ['424242'] } });
  try {
    rig().home.trust(server.knownHostsLine());
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: '2fa host', host: server.host, port: server.port, username: server.username, loginWith: 'Keyboard-interactive (one-time codes, 2FA)' });
    await skein.openHost('2fa host');

    const dialog = page.getByTestId('auth-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Verification code');
    await expect(page.locator('.tab-panel:not([hidden]) .tab-status [role="status"]')).toHaveText('Connecting: authenticating with keyboard-interactive…');
    await dialog.getByRole('textbox').fill('424242');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog).toBeHidden();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.expectTerminal(/fault-shell\$/);
    expect(server.kbdAnswers).toEqual([['424242']]);
  } finally {
    await server.stop();
  }
});
