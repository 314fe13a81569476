// The line that marks a reconnect in the scrollback, and the reset that gives the new shell a clean terminal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dividerText, sessionDivider } from './sessionDivider.js';

test('the divider names the local time of the reconnect, to the second', () => {
  assert.equal(dividerText(new Date(2025, 0, 2, 9, 5, 7)), '— reconnected at 09:05:07 —');
  assert.equal(dividerText(new Date(2025, 0, 2, 23, 59, 59)), '— reconnected at 23:59:59 —');
});

test('it is dimmed on its own line, after leaving the alternate screen and turning off what the old shell left on', () => {
  const bytes = sessionDivider(new Date(2025, 0, 2, 9, 5, 7));
  assert.ok(bytes.endsWith('\r\n\u001b[2m— reconnected at 09:05:07 —\u001b[22m\r\n'));
  // 1049 would restore a saved cursor (none: the top-left corner) and the divider would overwrite the screen.
  assert.ok(!bytes.includes('\u001b[?1049l'), 'leaves the alternate screen without moving the cursor');
  for (const mode of ['\u001b[?1047l', '\u001b[?1000l', '\u001b[?1003l', '\u001b[?2004l', '\u001b[!p']) {
    assert.ok(bytes.indexOf(mode) < bytes.indexOf('—'), `${JSON.stringify(mode)} before the divider`);
  }
});
