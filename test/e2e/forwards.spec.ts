// Port forwards as a person sets them up: added in the host form, started and stopped from the health view, carrying real bytes to the sshd.
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { expect, test } from '@playwright/test';
import { freePort } from '../fixtures/openSshServer.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** The first bytes a server sends on 127.0.0.1:port: an sshd's is its version banner. */
function firstBytes(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data: Buffer) => {
      resolve(data.toString('latin1'));
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

test('a forward added in the host form starts from the health view, carries bytes, stops; a taken port is said in words', async ({ page }) => {
  test.setTimeout(120_000);
  const { sshd } = rig();
  // Holds a port, so the second forward saved on it cannot listen.
  const squatter: Server = createServer();
  await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
  const takenPort = (squatter.address() as AddressInfo).port;
  const [localPort, autoPort] = [await freePort(), await freePort()];
  try {
    const skein = await SkeinPage.open(page, rig());
    const label = 'forwarding';
    await skein.addHost({
      label, host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath,
      forwards: [
        { localPort, remoteHost: '127.0.0.1', remotePort: sshd.port },
        { localPort: takenPort, remoteHost: '127.0.0.1', remotePort: sshd.port },
        { localPort: autoPort, remoteHost: '127.0.0.1', remotePort: sshd.port, startWhenConnected: true },
      ],
    });
    // The form shows what was saved: edit opens the three rows again, the ticked one ticked.
    await skein.hostItem(label).click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Edit/ }).click();
    const form = page.getByTestId('host-form');
    await expect(form.getByTestId('host-form-forward')).toHaveCount(3);
    await expect(form.getByRole('group', { name: 'Forward 3' }).getByLabel('Start when connected')).toBeChecked();
    await expect(form.getByRole('group', { name: 'Forward 1' }).getByLabel('Bind address')).toHaveValue('127.0.0.1');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await form.getByTestId('host-form-forwards').screenshot({ path: test.info().outputPath(`form-forwards-${scheme}.png`) });
    }
    // A wrong port is refused beside its own input, in its own row, and focused.
    const second = form.getByRole('group', { name: 'Forward 2' });
    await second.getByLabel('Local port').fill('99999');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(second.getByTestId('error')).toHaveText('must be from 1 to 65535');
    await expect(second.getByLabel('Local port')).toBeFocused();
    await expect(form.getByRole('group', { name: 'Forward 1' }).getByTestId('error')).toHaveCount(0);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form).toBeHidden();

    await skein.openHost(label);
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');

    await skein.showHealth();
    const host = page.getByTestId('health-host').filter({ hasText: label });
    const route = `127.0.0.1:${localPort} → 127.0.0.1:${sshd.port}`;
    const forward = host.getByTestId('health-forward').filter({ hasText: route });
    await expect(forward).toHaveAttribute('data-state', 'not-started');
    await expect(forward).toContainText('Not started');
    // The one marked "start when connected" listens already: the tab's connection started it.
    const autoRoute = `127.0.0.1:${autoPort} → 127.0.0.1:${sshd.port}`;
    await expect(host.getByTestId('health-forward').filter({ hasText: autoRoute })).toHaveAttribute('data-state', 'listening');
    expect(await firstBytes(autoPort)).toMatch(/^SSH-2\.0-OpenSSH/);
    await forward.getByRole('button', { name: `Start forward ${route}` }).click();
    await expect(forward).toHaveAttribute('data-state', 'listening');
    await expect(forward).toContainText('Listening');

    // Real bytes through it: the sshd's banner, read on the forwarded local port; the card counts the connection.
    expect(await firstBytes(localPort)).toMatch(/^SSH-2\.0-OpenSSH/);
    await expect(forward.locator('td').nth(2)).toHaveText('1');

    // The port another program holds: the forward is listed as failed and the error says which port and why.
    const takenRoute = `127.0.0.1:${takenPort} → 127.0.0.1:${sshd.port}`;
    const taken = host.getByTestId('health-forward').filter({ hasText: takenRoute });
    await taken.getByRole('button', { name: `Start forward ${takenRoute}` }).click();
    const error = host.getByTestId('error');
    await expect(error).toHaveAttribute('data-code', 'PORT_IN_USE');
    await expect(error).toContainText('The local port is in use');
    await expect(error).toContainText(`local port ${takenPort} is already in use`);
    await expect(taken).toHaveAttribute('data-state', 'failed');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await host.screenshot({ path: test.info().outputPath(`health-forwards-${scheme}.png`) });
    }

    await forward.getByRole('button', { name: `Stop forward ${route}` }).click();
    await expect(forward).toHaveAttribute('data-state', 'not-started');
    await expect(firstBytes(localPort)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    await new Promise((r) => squatter.close(r));
  }
});

test('the host menu starts a host\'s forwards without a tab; the health view then lists them with Stop', async ({ page }) => {
  test.setTimeout(90_000);
  const { sshd } = rig();
  const localPort = await freePort();
  const skein = await SkeinPage.open(page, rig());
  const label = 'tabless';
  await skein.addHost({
    label, host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath,
    forwards: [{ localPort, remoteHost: '127.0.0.1', remotePort: sshd.port }],
  });
  await skein.hostItem(label).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Start its port forwards' }).click();
  await expect(page.getByRole('complementary', { name: 'Saved hosts' }).getByRole('status').filter({ hasText: 'forwards listen' })).toContainText(
    `“${label}” forwards listen on 127.0.0.1:${localPort}.`,
  );
  await expect(skein.tabs()).toHaveCount(0);
  expect(await firstBytes(localPort)).toMatch(/^SSH-2\.0-OpenSSH/);

  await skein.showHealth();
  const route = `127.0.0.1:${localPort} → 127.0.0.1:${sshd.port}`;
  const forward = page.getByTestId('health-host').filter({ hasText: label }).getByTestId('health-forward').filter({ hasText: route });
  await expect(forward).toHaveAttribute('data-state', 'listening');
  await forward.getByRole('button', { name: `Stop forward ${route}` }).click();
  await expect(firstBytes(localPort)).rejects.toThrow(/ECONNREFUSED/);
});

test('a forward added in the host form while the health view is open shows in the host\'s card at once, ready to start', async ({ page }) => {
  const { sshd } = rig();
  const localPort = await freePort();
  const skein = await SkeinPage.openShell(page, rig(), 'edited live');
  await skein.showHealth();
  const card = page.getByTestId('health-host').filter({ hasText: 'edited live' });
  await expect(card).toBeVisible();
  // The card is the connection's: other hosts of this file on the same sshd may list theirs, never this port.
  const route = `127.0.0.1:${localPort} → 127.0.0.1:${sshd.port}`;
  const forward = card.getByTestId('health-forward').filter({ hasText: route });
  await expect(forward).toHaveCount(0);

  // The sidebar stays beside the view: edit the host there and add one forward.
  await skein.hostItem('edited live').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Edit/ }).click();
  const form = page.getByTestId('host-form');
  await form.getByRole('button', { name: 'Add a forward', exact: true }).click();
  const row = form.getByRole('group', { name: 'Forward 1', exact: true });
  await row.getByLabel('Local port', { exact: true }).fill(String(localPort));
  await row.getByLabel('Remote host', { exact: true }).fill('127.0.0.1');
  await row.getByLabel('Remote port', { exact: true }).fill(String(sshd.port));
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();

  await expect(forward).toHaveAttribute('data-state', 'not-started');
  await forward.getByRole('button', { name: `Start forward ${route}` }).click();
  await expect(forward).toHaveAttribute('data-state', 'listening');
  expect(await firstBytes(localPort)).toMatch(/^SSH-2\.0-OpenSSH/);
});
