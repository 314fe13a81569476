// The terminal as a person uses it against a real shell: size reaching the server, paste that asks and cannot break out, clipboard left alone, wide characters, scrollback, find, and WebGL loss.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** Rows and columns the terminal on screen draws, read from xterm.js's buffer. */
async function terminalSize(skein: SkeinPage): Promise<{ rows: number; cols: number }> {
  return skein.terminal().evaluate((element) => {
    const buffer = (element as HTMLElement & { xtermBuffer?: { length: number; baseY: number; getLine(y: number): { length: number } | undefined } }).xtermBuffer;
    if (!buffer) throw new Error('the terminal element has no xtermBuffer to read');
    return { rows: buffer.length - buffer.baseY, cols: buffer.getLine(0)?.length ?? 0 };
  });
}

/** What `stty size` says on the server, run in the shell; a fresh marker tells this run's answer from earlier ones. */
async function serverSize(skein: SkeinPage, marker: string): Promise<{ rows: number; cols: number }> {
  await skein.run(`echo ${marker}-$(stty size | tr ' ' x)-end`, new RegExp(`^${marker}-\\d+x\\d+-end$`, 'm'));
  const match = new RegExp(`^${marker}-(\\d+)x(\\d+)-end$`, 'm').exec(await skein.terminalText());
  return { rows: Number(match?.[1]), cols: Number(match?.[2]) };
}

test('the terminal fits its pane, and the size reaches the server: stty size follows a window resize', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'size');
  const first = await terminalSize(skein);
  // Fitted to the pane: far more than xterm.js's bare 80x24 in a 1200x760 window.
  expect(first.cols).toBeGreaterThan(80);
  expect(await serverSize(skein, 'size-a')).toEqual(first);

  await page.setViewportSize({ width: 900, height: 560 });
  await expect.poll(async () => (await terminalSize(skein)).cols, { message: 'the terminal to refit to the smaller window' }).toBeLessThan(first.cols);
  const second = await terminalSize(skein);
  expect(second.rows).toBeLessThan(first.rows);
  // The resize is sent once the pane holds still; the shell sees the new size.
  await expect.poll(() => serverSize(skein, `size-b${Date.now()}`), { timeout: 10_000 }).toEqual(second);
});

test('a multi-line paste asks first; Cancel types nothing, Paste runs each line', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const skein = await SkeinPage.openShell(page, rig(), 'paste');
  await page.evaluate(() => navigator.clipboard.writeText('echo one-$((1+0))\necho two-$((1+1))\n'));
  await skein.terminal().click();
  await page.keyboard.press('Control+Shift+V');
  const dialog = page.getByTestId('paste-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Paste 2 lines?');
  await expect(dialog).toContainText('echo one-$((1+0))');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(500);
  expect(await skein.terminalText()).not.toContain('one-');

  await page.keyboard.press('Control+Shift+V');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Paste', exact: true }).click();
  // bash takes a bracketed paste as text to edit: the lines run when the person presses Enter.
  await skein.expectTerminal(/echo two-\$\(\(1\+1\)\)/);
  await page.keyboard.press('Enter');
  await skein.expectTerminal(/^one-1$/m);
  await skein.expectTerminal(/^two-2$/m);
});

test('Ctrl+Shift+C copies the selected text; Ctrl+C stays the shell\'s interrupt', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const skein = await SkeinPage.openShell(page, rig(), 'copy');
  await skein.run("printf 'co%s\\n' pyme", /^copyme$/m);
  // A double-click selects the word under the pointer, as in any terminal.
  const word = await skein.pointAt('copyme');
  await page.mouse.dblclick(word.x, word.y);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copyme');
  await skein.typeInTerminal('sleep 30');
  await page.keyboard.press('Enter');
  // Once sleep runs in the foreground: a ^C before that reaches only bash, which ignores it.
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+C');
  await skein.run('echo interrupted-$((1+1))', /^interrupted-2$/m);
});

test('a pasted end-of-paste marker cannot break out of bracketed paste', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const skein = await SkeinPage.openShell(page, rig(), 'bracketed');
  // cat -v shows what the terminal sends, escapes as ^[: bracketed paste on, then one pasted line.
  await skein.run("printf '\\e[?2004h'; echo cat-$((2+2)); cat -v", /^cat-4$/m);
  await page.evaluate(() => navigator.clipboard.writeText('abc\u001b[201~def'));
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+D');
  // One bracket around the whole paste: the marker inside it was taken out, so "def" was never outside.
  await skein.expectTerminal(/\^\[\[200~abcdef\^\[\[201~/);
  expect(await skein.terminalText()).not.toContain('abc^[[201~');
  await skein.run("printf '\\e[?2004l'; echo done-$((3+3))", /^done-6$/m);
});

test('an OSC 52 clipboard write from the server leaves the clipboard alone', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const skein = await SkeinPage.openShell(page, rig(), 'osc52');
  await page.evaluate(() => navigator.clipboard.writeText('what the person copied'));
  await skein.run("printf '\\e]52;c;%s\\a' $(printf 'rm -rf ~' | base64); echo osc-$((5*2))", /^osc-10$/m);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('what the person copied');
});

test('wide characters take Unicode 11 widths, and the scrollback holds 10,000 lines by default', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'widths');
  // U+1F970 (Unicode 11) as raw UTF-8 bytes, whatever the server's locale: two cells wide under Unicode 11, one under 6.
  await skein.run("printf 'W|\\360\\237\\245\\260|%s\\n' $((4+4))", /^W\|.+\|8$/m);
  const cells = await skein.terminal().evaluate((element) => {
    type Cell = { getChars(): string; getWidth(): number };
    const buffer = (element as HTMLElement & { xtermBuffer?: { length: number; getLine(y: number): { length: number; translateToString(): string; getCell(x: number): Cell | undefined } | undefined } })
      .xtermBuffer;
    if (!buffer) throw new Error('no xtermBuffer');
    for (let y = buffer.length - 1; y >= 0; y--) {
      const line = buffer.getLine(y);
      if (!line?.translateToString().startsWith('W|')) continue;
      const found: { chars: string; width: number }[] = [];
      for (let x = 0; x < 6; x++) {
        const cell = line.getCell(x);
        found.push({ chars: cell?.getChars() ?? '', width: cell?.getWidth() ?? -1 });
      }
      return found;
    }
    return [];
  });
  expect(cells[2]).toEqual({ chars: '\u{1F970}', width: 2 });
  expect(cells[4]).toEqual({ chars: '|', width: 1 });

  await skein.run('seq 1 12000; echo seq-$((6+6))', /^seq-12$/m);
  const kept = await skein.terminal().evaluate((element) => (element as HTMLElement & { xtermBuffer?: { baseY: number } }).xtermBuffer?.baseY);
  expect(kept).toBe(10_000);
});

test('find in the terminal counts the matches and steps through them', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'find');
  // The typed line says "ne%sle": only the output holds the word.
  await skein.run("printf 'ne%sle\\n' ed ed ed; echo found-$((1+2))", /^found-3$/m);
  await page.keyboard.press('Control+Shift+F');
  const field = page.getByRole('searchbox', { name: 'Find in terminal' });
  await expect(field).toBeFocused();
  await field.fill('needle');
  const bar = page.getByRole('search', { name: 'Find in terminal' });
  await expect(bar).toContainText(/of 3|3 matches/);
  await field.press('Enter');
  await expect(bar).toContainText(/\d of 3/);
  await field.fill('haystack');
  await expect(bar).toContainText('No matches');
  await field.press('Escape');
  await expect(bar).toBeHidden();
});

test('when the WebGL context is lost the terminal switches to the DOM renderer, refits, and keeps its text', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'webgl loss');
  // Automatic leaves SwiftShader's WebGL alone (it is slower than the DOM renderer); chosen in Settings, it draws.
  await skein.chooseRenderer('WebGL');
  await expect(skein.terminal(), 'this Chromium gives the page WebGL (SwiftShader)').toHaveAttribute('data-renderer', 'webgl');
  await skein.run('echo before-loss-$((7*6))', /^before-loss-42$/m);
  const size = await terminalSize(skein);
  const lost = await skein.terminal().evaluate((element) => {
    // The WebGL renderer's canvas is the one with a webgl2 context (the overview ruler draws in 2D).
    for (const canvas of element.querySelectorAll('canvas')) {
      const extension = canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context');
      if (!extension) continue;
      extension.loseContext();
      return true;
    }
    return false;
  });
  expect(lost).toBe(true);
  // xterm.js waits a few seconds for the browser to restore the context before it reports the loss.
  await expect(skein.terminal()).toHaveAttribute('data-renderer', 'dom', { timeout: 15_000 });
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('before-loss-42');
  await skein.run('echo after-loss-$((7*7))', /^after-loss-49$/m);
  await expect(skein.terminal().locator('.xterm-rows')).toContainText('after-loss-49');
  // Refitted for the DOM renderer's cells (they measure differently): the drawn screen fills the
  // pane to within a cell and a scrollbar, and the shell was told the new size.
  const fill = await skein.terminal().evaluate((element) => {
    const screen = element.querySelector('.xterm-screen')?.getBoundingClientRect();
    return { pane: { width: element.clientWidth, height: element.clientHeight }, screen: { width: screen?.width ?? 0, height: screen?.height ?? 0 } };
  });
  const after = await terminalSize(skein);
  const cell = { width: fill.screen.width / after.cols, height: fill.screen.height / after.rows };
  expect(fill.screen.width).toBeLessThanOrEqual(fill.pane.width + 1);
  expect(fill.pane.width - fill.screen.width).toBeLessThan(2 * cell.width + 20);
  expect(fill.screen.height).toBeLessThanOrEqual(fill.pane.height + 1);
  expect(fill.pane.height - fill.screen.height).toBeLessThan(2 * cell.height);
  test.info().annotations.push({ type: 'refit', description: `WebGL ${size.cols}x${size.rows} -> DOM ${after.cols}x${after.rows}` });
  expect(await serverSize(skein, 'size-dom')).toEqual(after);
});
