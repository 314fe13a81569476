// The terminal renderer setting: Automatic leaves software WebGL (this Chromium's SwiftShader) for the DOM renderer and says why; a choice in Settings switches open terminals.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('under Automatic a terminal draws with the DOM renderer here, and the settings view says WebGL is drawn in software', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'automatic');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
  await skein.run('echo auto-$((40+2))', /^auto-42$/m);
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('auto-42');

  await skein.showView('settings');
  const view = page.getByTestId('settings-view');
  const select = view.getByRole('combobox', { name: 'Terminal renderer' });
  await expect(select).toHaveValue('auto');
  await expect(view.getByTestId('renderer-reason')).toHaveText(
    "On this machine Automatic picks DOM: this browser's WebGL is drawn in software (SwiftShader), which is slower than the DOM renderer.",
  );
  // The reason is part of the select's description, so a screen reader reads it with the choice.
  const describedBy = (await select.getAttribute('aria-describedby')) ?? '';
  expect(await page.locator(describedBy.split(' ').map((id) => `[id="${id}"]`).join(',')).allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringContaining('drawn in software (SwiftShader)')]),
  );
});

test('choosing WebGL in Settings switches the open terminal to WebGL and keeps its text; DOM switches it back', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'switch');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
  await skein.run('echo before-switch-$((6*7))', /^before-switch-42$/m);

  await skein.chooseRenderer('WebGL');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'webgl');
  const webglCanvases = await skein.terminal().evaluate((element) => [...element.querySelectorAll('canvas')].filter((c) => c.getContext('webgl2') !== null).length);
  expect(webglCanvases, 'the WebGL addon draws on a webgl2 canvas').toBe(1);
  expect(await skein.terminalText()).toMatch(/^before-switch-42$/m);
  await skein.run('echo on-webgl-$((7*7))', /^on-webgl-49$/m);

  await skein.chooseRenderer('DOM');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
  // The DOM renderer's rows, as a person sees them: both lines, drawn again after the switch.
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('before-switch-42');
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('on-webgl-49');
  // xterm.js made this DOM renderer anew when WebGL went: its truecolour cells keep their colour under the CSP too.
  await skein.typeInTerminal("printf '\\033[38;2;220;20;30mtc-%s\\033[0m\\n' after\n");
  const cell = skein.terminal().locator('.xterm-rows span', { hasText: 'tc-after' });
  await expect(cell).toBeVisible();
  expect(await cell.evaluate((span) => span.style.color), 'the cell carries its own colour').not.toBe('');

  // The choice is kept: a terminal opened after a reload draws with it.
  await skein.chooseRenderer('WebGL');
  await page.reload();
  await skein.openHost('switch');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'webgl');
  await skein.chooseRenderer('Automatic');
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom');
});
