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

test('the DOM renderer draws truecolour text in its colour without breaking the page\'s CSP', async ({ page }) => {
  const { sshd } = rig();
  const skein = await SkeinPage.open(page, rig());
  await skein.addHost({ label: 'truecolour', host: sshd.host, port: sshd.port, username: sshd.username, loginWith: 'Key file', keyPath: sshd.clientKey.privateKeyPath });
  await skein.openHost('truecolour');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
  await page.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective}: ${event.sample}`));
  });
  // The typed command holds "tc-%s"; only the output reads "tc-red", in 24-bit red.
  await skein.typeInTerminal("printf '\\033[38;2;220;20;30mtc-%s\\033[0m\\n' red\n");
  const cell = skein.terminal().locator('.xterm-rows span', { hasText: 'tc-red' });
  await expect(cell).toBeVisible();
  const colour = await cell.evaluate((span) => ({ inline: span.style.color, computed: getComputedStyle(span).color }));
  expect(colour.inline, 'the cell carries its own colour, not the default foreground').not.toBe('');
  const [r = 0, g = 0, b = 0] = (colour.computed.match(/\d+/g) ?? []).map(Number);
  expect(r > g + 80 && r > b + 80, `drawn red (possibly darkened or lightened for contrast), got ${colour.computed}`).toBe(true);
  expect(await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
