// Every colour the terminal draws with comes from a CSS variable defined for light and for dark.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { terminalColours } from './terminalTheme.js';

// theme.css holds the page's own terminal background and foreground; terminal.css the rest of the palette.
const css = ['../app/theme.css', './terminal.css'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'));

/** The custom properties a theme block sets, across both stylesheets. */
function block(selector: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const file of css) {
    const start = file.indexOf(`${selector} {`);
    assert.ok(start >= 0, `each stylesheet has a ${selector} block`);
    const body = file.slice(start, file.indexOf('}', start));
    for (const m of body.matchAll(/(--terminal-[a-z-]+):\s*([^;]+);/g)) vars.set(m[1]!, m[2]!.trim());
  }
  return vars;
}

for (const theme of ['light', 'dark']) {
  test(`the ${theme} theme defines every terminal colour, and each is a hex colour`, () => {
    const vars = block(`:root[data-theme='${theme}']`);
    const asked: string[] = [];
    const colours = terminalColours((name) => {
      asked.push(name);
      return vars.get(name) ?? '';
    });
    for (const name of asked) assert.match(vars.get(name) ?? '(missing)', /^#[0-9a-f]{6}([0-9a-f]{2})?$/i, name);
    assert.equal(Object.keys(colours.theme).length, 5 + 16);
    assert.equal(colours.theme.brightMagenta, vars.get('--terminal-bright-magenta'));
  });
}

test('light and dark differ where it matters: background and foreground', () => {
  const light = block(":root[data-theme='light']");
  const dark = block(":root[data-theme='dark']");
  assert.notEqual(light.get('--terminal-bg'), dark.get('--terminal-bg'));
  assert.notEqual(light.get('--terminal-fg'), dark.get('--terminal-fg'));
});
