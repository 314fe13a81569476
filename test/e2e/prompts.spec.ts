// Every question a login asks is asked in the window: a password, a key's passphrase, quick connect falling back to a password, and a question that expires.
import { expect, test } from '@playwright/test';
import { FaultSshServer } from '../fixtures/faultSshServer.js';
import { generateKey, OpenSshServer } from '../fixtures/openSshServer.js';
import { SshScratchDir } from '../fixtures/sshScratchDir.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

// No default key in ~/.ssh: quick connect has nothing but a password to try.
const rig = SkeinRig.forFile({ defaultKey: false });

test('a saved host whose password is not saved asks for it in the auth dialog, as ssh would, and logs in with it', async ({ page }) => {
  const server = await FaultSshServer.start({ password: 'correct horse' });
  try {
    rig().home.trust(server.knownHostsLine());
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'password host', host: server.host, port: server.port, username: server.username, loginWith: 'Password' });
    await skein.openHost('password host');
    const dialog = page.getByTestId('auth-dialog');
    await expect(dialog).toBeVisible();
    const field = dialog.getByLabel(/password/i);
    await expect(field).toHaveAttribute('type', 'password');
    await expect(field).toBeFocused();
    await field.fill('correct horse');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog).toBeHidden();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.expectTerminal(/fault-shell\$/);
  } finally {
    await server.stop();
  }
});

test("a key file with a passphrase asks for it, and the key logs in", async ({ page }) => {
  const { sshd } = rig();
  const scratch = new SshScratchDir('skein-e2e-passphrase-');
  try {
    const key = generateKey(scratch.path, 'id_locked', 'ed25519', 'open sesame');
    sshd.authorize(key.publicKey);
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'locked key', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: key.privateKeyPath });
    await skein.openHost('locked key');
    const dialog = page.getByTestId('auth-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(/passphrase/i);
    const field = dialog.locator('input[type="password"]');
    await expect(field).toBeFocused();
    await field.fill('open sesame');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await expect(dialog).toBeHidden();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.run('echo unlocked-$((2*8))', /^unlocked-16$/m);
  } finally {
    scratch.remove();
  }
});

test('quick connect with no key that works asks for a password, logs in with it and offers to save the host', async ({ page }) => {
  const server = await FaultSshServer.start({ password: 'letmein' });
  try {
    rig().home.trust(server.knownHostsLine());
    const skein = await SkeinPage.open(page, rig());
    const input = page.getByTestId('quick-connect');
    await input.fill(`ssh://${server.username}@127.0.0.1:${server.port}`);
    await input.press('Enter');
    const dialog = page.getByTestId('auth-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(`Password for ${server.username}`).fill('wrong');
    await dialog.getByRole('button', { name: /Log in|Connect/ }).click();
    // Refused: asked again, saying so.
    await expect(dialog.getByRole('alert')).toBeVisible();
    await dialog.getByLabel(`Password for ${server.username}`).fill('letmein');
    await dialog.getByRole('button', { name: /Log in|Connect/ }).click();
    await expect(dialog).toBeHidden();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.expectTerminal(/fault-shell\$/);
    // It tried what ssh tries before it asked: no agent here, so the default keys (there are none) and then the password.
    expect(server.authAttempts).toContain('password');

    const offer = page.getByTestId('quick-save');
    await expect(offer).toContainText(`Logged in to ${server.username}@127.0.0.1:${server.port} with a password`);
    await offer.getByRole('textbox', { name: 'Label for the saved host' }).fill('saved from quick');
    await offer.getByRole('button', { name: 'Save host' }).click();
    // The password goes to the passphrase vault, which web mode creates on first use: the notice offers it.
    await offer.getByRole('button', { name: 'Create the vault…' }).click();
    const vault = page.getByTestId('vault-dialog');
    await vault.getByLabel('New passphrase').fill('four unrelated words here');
    await vault.getByLabel('Repeat the passphrase').fill('four unrelated words here');
    await vault.getByRole('button', { name: 'Create vault' }).click();
    await expect(vault).toBeHidden();
    await offer.getByRole('button', { name: 'Save host' }).click();
    await expect(offer).toContainText('Saved “saved from quick”');
    await expect(skein.hostItem('saved from quick')).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('a question the server stops waiting for closes its dialog and says so', async ({ page }) => {
  // sshd gives an unauthenticated connection LoginGraceTime seconds; the host-key question is left open longer.
  const impatient = await OpenSshServer.start({ extraConfig: ['LoginGraceTime 4'] });
  try {
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'impatient', host: impatient.host, port: impatient.port, username: impatient.username, loginWith: 'Key file', keyPath: impatient.clientKey.privateKeyPath });
    await skein.openHost('impatient');
    const dialog = page.getByTestId('hostkey-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    const note = page.getByTestId('prompt-expired');
    await expect(note).toBeVisible();
    await expect(note).toContainText(/impatient|127\.0\.0\.1/);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed');
    // Nothing was trusted on the way.
    expect(rig().home.sshKeygenFind(`[127.0.0.1]:${impatient.port}`)).toBe('');
  } finally {
    await impatient.stop();
  }
});
