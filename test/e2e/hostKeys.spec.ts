// Host keys as OpenSSH keeps them: an unknown key is shown and, once trusted, written where ssh-keygen finds it; a changed key is refused and the file left alone.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { OpenSshServer } from '../fixtures/openSshServer.js';
import { SshScratchDir } from '../fixtures/sshScratchDir.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

// The rig's sshd is not in known_hosts: its key is unknown to Skein.
const rig = SkeinRig.forFile({ trustSshd: false });

test('an unknown host key is shown with its fingerprint; trusting it writes a known_hosts line ssh-keygen -F finds', async ({ page }) => {
  const { sshd, home } = rig();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'new host', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost('new host');

  const dialog = page.getByTestId('hostkey-dialog');
  await expect(dialog).toBeVisible();
  // The tab behind it says which stage the connection waits in.
  await expect(page.locator('.tab-panel:not([hidden]) .tab-status [role="status"]')).toHaveText('Connecting: checking the host key…');
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', sshd.hostKey.publicKeyPath], { encoding: 'utf8' }).split(' ')[1] ?? '';
  expect(fingerprint).toMatch(/^SHA256:/);
  await expect(dialog).toContainText(`127.0.0.1:${sshd.port}`);
  await expect(dialog).toContainText(fingerprint);
  await expect(dialog).toContainText(/ED25519/i);
  expect(home.sshKeygenFind(`[127.0.0.1]:${sshd.port}`)).toBe('');

  await page.getByTestId('hostkey-trust').click();
  await expect(dialog).toBeHidden();
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('echo trusted-$((6*7))', /^trusted-42$/m);
  const found = home.sshKeygenFind(`[127.0.0.1]:${sshd.port}`);
  expect(found).toContain(`# Host [127.0.0.1]:${sshd.port} found`);
  expect(found).toContain(sshd.hostKey.publicKey.split(' ')[1]);
});

test('a changed host key is refused in words with the ssh-keygen -R fix, and known_hosts is not touched', async ({ page }) => {
  const { home } = rig();
  const changed = await OpenSshServer.start();
  const scratch = new SshScratchDir('skein-e2e-oldkey-');
  try {
    // known_hosts remembers another key for this host:port: the server's key has "changed".
    home.trust(`[127.0.0.1]:${changed.port} ${scratch.newKey().text}`);
    const before = home.knownHostsSha256();
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'changed host', host: changed.host, port: changed.port, username: changed.username, loginWith: 'Key file', keyPath: changed.clientKey.privateKeyPath });
    await skein.openHost('changed host');

    const error = page.getByTestId('error').filter({ hasText: /changed/i });
    await expect(error).toBeVisible();
    await expect(error).toContainText(`ssh-keygen -R '[127.0.0.1]:${changed.port}'`);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed');
    await expect(page.getByTestId('hostkey-dialog')).toHaveCount(0);
    expect(home.knownHostsSha256()).toBe(before);
    expect(changed.log()).not.toMatch(/Accepted publickey/);
  } finally {
    scratch.remove();
    await changed.stop();
  }
});

test('a key of a new type, where another type is known, says so and lists the known key before trusting', async ({ page }) => {
  const { home } = rig();
  const server = await OpenSshServer.start();
  const scratch = new SshScratchDir('skein-e2e-othertype-');
  try {
    // known_hosts knows an ECDSA key for this host:port; the server holds only its ed25519 key.
    const known = scratch.newKey('ecdsa');
    home.trust(`[127.0.0.1]:${server.port} ${known.text}`);
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'other type', host: server.host, port: server.port, username: server.username, loginWith: 'Key file', keyPath: server.clientKey.privateKeyPath });
    await skein.openHost('other type');
    const dialog = page.getByTestId('hostkey-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('New type of host key');
    await expect(dialog).toContainText('Keys of other types are already known for this host');
    await expect(dialog).toContainText(known.fingerprint);
    await page.getByTestId('hostkey-reject').click();
    await expect(dialog).toBeHidden();
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed');
    expect(server.log()).not.toMatch(/Accepted publickey/);
  } finally {
    scratch.remove();
    await server.stop();
  }
});

test('a revoked host key is refused in words, with no dialog and no login', async ({ page }) => {
  const { home } = rig();
  const server = await OpenSshServer.start();
  try {
    home.trust(`@revoked [127.0.0.1]:${server.port} ${server.hostKey.publicKey}`);
    const before = home.knownHostsSha256();
    const skein = await SkeinPage.open(page, rig());
    await skein.addHost({ label: 'revoked host', host: server.host, port: server.port, username: server.username, loginWith: 'Key file', keyPath: server.clientKey.privateKeyPath });
    await skein.openHost('revoked host');
    const error = page.getByTestId('error').filter({ hasText: /revoked/i });
    await expect(error).toBeVisible();
    await expect(page.getByTestId('hostkey-dialog')).toHaveCount(0);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'closed');
    expect(home.knownHostsSha256()).toBe(before);
    expect(server.log()).not.toMatch(/Accepted publickey/);
  } finally {
    await server.stop();
  }
});
