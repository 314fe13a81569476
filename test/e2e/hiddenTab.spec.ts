// A tab hidden behind another keeps taking its output, all of it and in order, while the shown tab stays quick to answer.
import { expect, test } from '@playwright/test';
import { SkeinPage } from './skeinPage.js';
import { SkeinRig } from './skeinRig.js';

const rig = SkeinRig.forFile();

/** The last lines of the nth terminal (shown or hidden), read from xterm.js's buffer. */
async function lastLines(skein: SkeinPage, nth: number, count: number): Promise<string[]> {
  return skein.page.locator('[data-testid="terminal"]').nth(nth).evaluate((element, count) => {
    const buffer = (element as HTMLElement & { xtermBuffer?: { length: number; getLine(y: number): { translateToString(trim: boolean): string } | undefined } }).xtermBuffer;
    if (!buffer) throw new Error('the terminal element has no xtermBuffer to read');
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y++) lines.push((buffer.getLine(y)?.translateToString(true) ?? '').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-count);
  }, count);
}

test('a hidden tab flooding its output gets every line of it in order, and the shown tab echoes meanwhile', async ({ page }) => {
  const skein = await SkeinPage.openShell(page, rig(), 'hidden flood');
  // 1.9 MB of numbered lines, started, then hidden behind a second tab at once.
  await skein.typeInTerminal('seq 1 300000; echo flood-$((40+2))\n');
  await skein.openHost('hidden flood');
  await expect(skein.activeTab()).toHaveAttribute('data-state', 'open');
  await skein.expectTerminal(/[$#]$/m);
  await skein.run('echo shown-$((6*7))', /^shown-42$/m);

  // The hidden terminal's buffer, read without showing it: the flood ends with its last number, the marker and the prompt.
  await expect.poll(async () => (await lastLines(skein, 0, 4)).join('|'), { timeout: 60_000 }).toMatch(/^299999\|300000\|flood-42\|.*[$#]$/);
  const tail = await lastLines(skein, 0, 10_002);
  const numbers = tail.filter((line) => /^\d+$/.test(line)).map(Number);
  expect(numbers.length, 'the scrollback (10,000 lines) is full of seq').toBeGreaterThan(9_000);
  expect(numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1), 'no line lost or repeated').toBe(true);
});
