// Every run photographs the main views in light and dark, into test-results/screenshots (docs/screenshots holds the current ones).
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { OpenSshServer } from '../fixtures/openSshServer.js';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

async function shoot(page: Page, name: string): Promise<void> {
  // A moment for fonts, the sparkline and the cursor to settle: these are pictures for people.
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(test.info().project.outputDir, 'screenshots', `${name}.png`) });
}

test('screenshots of the host list, terminal tabs, pool health, host-key dialog and settings, light and dark', async ({ page }) => {
  test.setTimeout(180_000);
  const { sshd } = rig();
  // A second server whose key nobody knows yet, for the host-key dialog.
  const unknown = await OpenSshServer.start();
  try {
    const skein = await SkeinPage.open(page, rig());
    // Keep-alives every 2 s, so the health view has round trips to draw.
    const key = { host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath, keepaliveSeconds: 2 } as const;
    await skein.addHost({ ...key, label: 'build box', group: 'Lab', tags: 'ci, linux', colour: '#3a7bd5' });
    await skein.addHost({ ...key, label: 'db primary', group: 'Production', tags: 'db', colour: '#d55e3a' });
    await skein.addHost({ ...key, label: 'web 1', group: 'Production', tags: 'web' });
    await skein.addHost({ label: 'new server', host: unknown.host, port: unknown.port, username: unknown.username, loginWith: 'Key file', keyPath: unknown.clientKey.privateKeyPath });

    const schemes = ['light', 'dark'] as const;
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await shoot(page, `hosts-${scheme}`);
    }

    await skein.openHost('build box');
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.run('uname -s; ls -la /etc | head -12; echo shown-$((2*21))', /^shown-42$/m);
    await skein.openHost('db primary');
    await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
    await skein.run('printf "\\e[1;32mok\\e[0m %s\\n" connected; echo shown-$((3*21))', /^shown-63$/m);
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await shoot(page, `terminal-${scheme}`);
    }
    await skein.showHealth();
    const connection = page.getByTestId('health-connection').first();
    await expect(connection).toHaveAttribute('data-state', 'ready');
    // The view draws the round trips it has seen while open: a few keep-alives give the sparkline a line.
    await expect(connection).not.toContainText('no keep-alive answered yet', { timeout: 20_000 });
    await page.waitForTimeout(8000);
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await shoot(page, `health-${scheme}`);
    }
    await skein.showView('settings');
    await expect(page.getByTestId('settings-view')).toBeVisible();
    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await shoot(page, `settings-${scheme}`);
    }
    await skein.showView('tabs');

    for (const scheme of schemes) {
      await page.emulateMedia({ colorScheme: scheme });
      await skein.openHost('new server');
      await expect(page.getByTestId('hostkey-dialog')).toBeVisible();
      await shoot(page, `hostkey-${scheme}`);
      await page.getByTestId('hostkey-reject').click();
      await expect(page.getByTestId('hostkey-dialog')).toBeHidden();
      await skein.activeTab().getByRole('button', { name: /^Close tab/ }).click();
    }
  } finally {
    await unknown.stop();
  }
});
