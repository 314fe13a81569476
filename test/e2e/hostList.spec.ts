// The host list as a person keeps it: 2,000 hosts in groups with tags searched at once, form errors that name the field, ~/.ssh/config import with its report, and broken stored entries shown.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** The hosts file web mode reads (conf reads it again on every access), as electron-store writes it. */
function writeHostsFile(hosts: unknown[]): void {
  writeFileSync(join(rig().home.path, 'skein-data', 'hosts.json'), JSON.stringify({ schemaVersion: 1, hosts }, null, 2));
}

test('2,000 saved hosts in 50 groups: the list draws only what shows, and a search updates it at once', async ({ page }) => {
  const hosts = Array.from({ length: 2000 }, (_, i) => ({
    id: `h${i}`,
    label: `node-${String(i).padStart(4, '0')}`,
    host: `10.0.${Math.floor(i / 250)}.${i % 250}`,
    port: 22,
    username: 'ops',
    auth: { method: 'agent' },
    group: `rack ${String(Math.floor(i / 40)).padStart(2, '0')}`,
    tags: i % 2 === 0 ? ['even'] : ['odd', 'gpu'],
    ...(i % 40 === 0 ? { colour: '#3a7bd5' } : {}),
  }));
  // One entry a person broke by hand: it is shown as a problem, and the 2,000 others still load.
  writeHostsFile([...hosts, { id: 'broken', label: 'hand edited', host: 'x', port: 'twenty-two', username: 'ops', auth: { method: 'agent' } }]);
  const skein = await SkeinPage.open(page, rig());
  const sidebar = page.getByRole('complementary', { name: 'Saved hosts' });
  await expect(sidebar.getByText('2000 hosts', { exact: true })).toBeVisible();

  // Groups with their counts, hosts with their tags; only a screenful of rows is in the page.
  await expect(page.getByRole('treeitem', { name: 'rack 00, 40 hosts' })).toBeVisible();
  await expect(skein.hostItem('node-0000')).toContainText('even');
  const drawn = await skein.hostList().getByTestId('host-item').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(100);

  // Keystroke to updated list, as the person sees it.
  const search = page.getByRole('searchbox', { name: 'Search hosts' });
  await search.click();
  const took = await page.evaluate(async () => {
    const input = document.activeElement as HTMLInputElement;
    const started = performance.now();
    // Through the prototype's setter, as typing does: React ignores a value set on the element itself.
    Reflect.set(HTMLInputElement.prototype, 'value', 'node-1234', input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return new Promise<number>((resolve) => {
      const check = (): void => {
        const items = document.querySelectorAll('[data-testid="host-item"]');
        if (items.length === 1 && items[0]?.textContent?.includes('node-1234')) resolve(performance.now() - started);
        else requestAnimationFrame(check);
      };
      check();
    });
  });
  test.info().annotations.push({ type: 'timing', description: `2,000 hosts: keystroke to updated list ${took.toFixed(0)} ms` });
  // The bench measures the p99 (target 50 ms); here, a bound no loaded 2-core machine should miss.
  expect(took).toBeLessThan(1000);
  await expect(sidebar.getByText('1 of 2000 hosts match')).toBeVisible();
  // Every word must match, each in some field: a label prefix and a tag.
  await search.fill('node-19 gpu');
  await expect(sidebar.getByText('50 of 2000 hosts match')).toBeVisible();

  // The broken entry: named, with the field and why.
  await sidebar.getByRole('button', { name: "1 saved host can't be loaded" }).click();
  const problems = page.getByTestId('host-problems-dialog');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('hand edited');
  await expect(problems).toContainText(/port/);
  await problems.getByRole('button', { name: 'Close' }).click();
  await expect(problems).toBeHidden();
  writeHostsFile([]);
});

test('the add form names each wrong field and why, keeps what was typed, and edit and delete work from the list', async ({ page }) => {
  writeHostsFile([]);
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  await page.getByRole('button', { name: 'Add host', exact: true }).click();
  const form = page.getByTestId('host-form');
  await form.getByLabel('Label', { exact: true }).fill('typo host');
  await form.getByLabel('Host', { exact: true }).fill('bad host');
  await form.getByLabel('Port', { exact: true }).fill('70000');
  await form.getByLabel('User name', { exact: true }).fill(sshd.username);
  await form.getByLabel('Colour', { exact: true }).fill('blue');
  await form.getByRole('button', { name: 'Add host', exact: true }).click();

  // Each error sits by its input, is tied to it for screen readers, and says why.
  const host = form.getByLabel('Host', { exact: true });
  const port = form.getByLabel('Port', { exact: true });
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toHaveAccessibleDescription(/must not contain spaces/);
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  await expect(port).toHaveAccessibleDescription(/65535|port/i);
  await expect(form.getByLabel('Colour', { exact: true })).toHaveAccessibleDescription(/hex colour/);
  await expect(form.getByLabel('Label', { exact: true })).toHaveAttribute('aria-invalid', 'false');
  await expect(form).toBeVisible();
  await expect(host).toHaveValue('bad host');

  await host.fill(sshd.host);
  await port.fill(String(sshd.port));
  await form.getByLabel('Colour', { exact: true }).fill('#2e8b57');
  await form.getByLabel('Group', { exact: true }).fill('Lab');
  await form.getByLabel('Tags', { exact: true }).fill('one, two');
  await form.getByRole('button', { name: 'Add host', exact: true }).click();
  await expect(form).toBeHidden();
  await expect(skein.hostItem('typo host')).toContainText('one');
  await expect(page.getByRole('treeitem', { name: 'Lab, 1 host' })).toBeVisible();
  expect(await skein.hostItem('typo host').locator('.host-colour').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(46, 139, 87)');

  // F2 edits the host under the list's cursor; Delete asks, then deletes.
  await skein.hostItem('typo host').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  await expect(form).toBeVisible();
  await form.getByLabel('Label', { exact: true }).fill('fixed host');
  await form.getByRole('button', { name: /^Save/ }).click();
  await expect(form).toBeHidden();
  await expect(skein.hostItem('fixed host')).toBeVisible();
  await skein.hostList().focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Delete');
  const confirm = page.getByTestId('delete-host-dialog');
  await expect(confirm).toContainText('fixed host');
  await confirm.getByRole('button', { name: /^Delete/ }).click();
  await expect(skein.hostItem('fixed host')).toHaveCount(0);
});

test('import from ~/.ssh/config adds its hosts and shows the report', async ({ page }) => {
  writeHostsFile([]);
  const { sshd, home } = rig();
  writeFileSync(
    join(home.path, '.ssh', 'config'),
    [
      'Host imported-box',
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.username}`,
      `  IdentityFile ${sshd.clientKey.privateKeyPath}`,
      '',
      'Host second-box',
      '  HostName 192.0.2.10',
      '  User ops',
      '',
      // A pattern is not a host one can open: the report says so.
      'Host *.internal',
      '  User ops',
      '',
    ].join('\n'),
  );
  const skein = await SkeinPage.open(page, rig());
  await page.getByRole('button', { name: 'Import hosts from ~/.ssh/config' }).click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/2 (hosts )?(added|imported)/i);
  await expect(dialog.getByTestId('import-report')).toContainText('*.internal');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(skein.hostItem('imported-box')).toBeVisible();
  await expect(skein.hostItem('second-box')).toContainText('ops@192.0.2.10');

  // The imported host opens as it is written in the config.
  await skein.openHost('imported-box');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.run('echo imported-$((9*9))', /^imported-81$/m);
});
