// What a hostile server prints stays text: no file: link opens, a title's HTML is not markup, a title report types nothing, a 1 MB line does not hang the page.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

test('an OSC 8 file: link is not opened, while an https link asks first', async ({ page, context }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'links');
  const opened: string[] = [];
  context.on('page', (p) => opened.push(p.url()));
  await skein.run(
    "printf '\\e]8;;https://example.invalid/x\\e\\\\WEB-LINK\\e]8;;\\e\\\\ \\e]8;;file:///etc/passwd\\e\\\\FILE-LINK\\e]8;;\\e\\\\ end-%s\\n' $((1+1))",
    /WEB-LINK FILE-LINK end-2/,
  );
  // The control: a link Skein may open is offered, with its address, and only on confirmation.
  const web = await skein.pointAt('WEB-LINK');
  await page.mouse.move(web.x, web.y);
  await page.mouse.click(web.x, web.y);
  const dialog = page.getByTestId('link-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('https://example.invalid/x');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(opened).toEqual([]);
  // Confirmed, it opens in a new browser page, and only then.
  // The pointer comes back to the link, as a hand on a mouse would: xterm.js finds links on hover.
  await page.mouse.move(web.x + 40, web.y + 40);
  await page.mouse.move(web.x, web.y);
  await page.mouse.click(web.x, web.y);
  await expect(dialog).toBeVisible();
  // No network here: the browser answers for the address itself, so the new page has somewhere to land.
  await context.route('https://example.invalid/**', (route) => route.fulfill({ contentType: 'text/plain', body: 'opened' }));
  const popup = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Open link' }).click();
  const opener = await popup;
  await opener.waitForLoadState();
  expect(opener.url()).toBe('https://example.invalid/x');
  await opener.close();
  opened.length = 0;

  const file = await skein.pointAt('FILE-LINK');
  await page.mouse.move(file.x, file.y);
  await page.mouse.click(file.x, file.y);
  await page.waitForTimeout(1000);
  await expect(dialog).toHaveCount(0);
  expect(opened).toEqual([]);
});

test('a title with HTML in it shows as text in the tab', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'titles');
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const title = '<img src=x onerror=alert(1)><b>bold</b>';
  await skein.run(`printf '\\e]0;${title}\\a'; echo title-$((3+4))`, /^title-7$/m);
  await expect(skein.activeTab()).toContainText(title);
  await expect(skein.activeTab().locator('img, b')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a title report request (CSI 21 t) and the window reports type nothing into the shell', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'reports');
  // The control: the probe does catch what a terminal answers (xterm.js answers a device-attributes query).
  await skein.run(`printf '\\e[c'; read -rs -t 2 -n 200 reply; echo "da-\${#reply}-bytes"`, /^da-\d+-bytes$/m);
  expect(await skein.terminalText()).not.toMatch(/^da-0-bytes$/m);
  // The title is a command: were it reported back (CSI 21 t) it would land in the shell's input; the
  // window and cell size reports (CSI 18 t, 14 t) are answer-backs of the same kind.
  await skein.run(`printf '\\e]0;echo INJECTED\\a\\e[21t\\e[18t\\e[14t'; read -rs -t 2 -n 200 reply; echo "reply-\${#reply}-bytes"`, /^reply-\d+-bytes$/m);
  expect(await skein.terminalText()).toMatch(/^reply-0-bytes$/m);
  // Nothing arrives late either: the next line runs clean.
  await skein.run('echo next-$((2+3))', /^next-5$/m);
});

test('a 1 MB line without a line break does not hang the page', async ({ page }) => {
  test.setTimeout(120_000);
  const skein = await SkeinPage.openShell(page, rig(), 'flood');
  const started = Date.now();
  await skein.typeInTerminal("head -c 1000000 /dev/zero | tr '\\0' x; echo; echo big-$((500+500))\n");
  await skein.expectTerminal(/^big-1000$/m, 60_000);
  const drawn = Date.now() - started;
  // The page still answers at once: a frame comes, and a keystroke echoes.
  const frame = await page.evaluate(() => {
    const t0 = performance.now();
    return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });
  expect(frame).toBeLessThan(1000);
  await skein.run('echo alive-$((1+2))', /^alive-3$/m);
  test.info().annotations.push({ type: 'timing', description: `1 MB line drawn in ${drawn} ms; next frame ${frame.toFixed(0)} ms` });
});
