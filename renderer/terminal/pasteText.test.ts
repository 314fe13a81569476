// Pasted text cannot break out of bracketed paste, and a paste with line breaks is held for a question.
/* eslint-disable no-control-regex -- escape and control characters are exactly what this is about */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pastePreview, sanitizePaste } from './pasteText.js';

const ESC = '\u001b';

test('a pasted end-of-paste marker is removed, so the paste cannot end early and run what follows', () => {
  const hostile = `ls${ESC}[201~; rm -rf ~${ESC}[200~`;
  assert.equal(sanitizePaste(hostile), 'ls; rm -rf ~');
});

test('split, nested and 8-bit forms of the marker leave no ESC or C1 control behind', () => {
  const tricks = [
    `${ESC}${ESC}[201~`,
    `${ESC}[2${ESC}[0m01~`,
    `${ESC}[20${ESC}]0;x\u0007 1~`,
    '\u009b201~',
    `${ESC}P${ESC}[201~${ESC}\\`,
    `a${ESC}`,
    `${ESC}[201`,
  ];
  for (const t of tricks) {
    const out = sanitizePaste(t);
    assert.doesNotMatch(out, /[\u001b\u0080-\u009f]/, `ESC or C1 left in ${JSON.stringify(out)}`);
    assert.ok(!out.includes(`${ESC}[201~`));
  }
});

test('random mixes of ESC, brackets and digits never produce an escape character', () => {
  const alphabet = [ESC, '[', ']', '2', '0', '1', '~', 'P', '\\', '\u0007', '\u009b', '\u009c', 'a', '\n'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let j = 0; j < 12; j++) s += alphabet[next() % alphabet.length];
    assert.doesNotMatch(sanitizePaste(s), /[\u001b\u0080-\u009f]/, JSON.stringify(s));
  }
});

test('colour codes copied along with text disappear whole; tabs, line breaks and Unicode stay', () => {
  assert.equal(sanitizePaste(`${ESC}[1;31merror${ESC}[0m:\tcafé ✓\r\nnext`), 'error:\tcafé ✓\r\nnext');
});

test('control characters that would act on the shell (Ctrl-C, Ctrl-D, DEL, NUL) are dropped', () => {
  assert.equal(sanitizePaste('a\u0003b\u0004c\u007fd\u0000e'), 'abcde');
});

test('an OSC title string is removed up to its terminator', () => {
  assert.equal(sanitizePaste(`x${ESC}]0;evil title\u0007y`), 'xy');
  assert.equal(sanitizePaste(`x${ESC}]8;;https://e.example${ESC}\\y`), 'xy');
});

test('one line pastes at once; line breaks ask first and the dialog gets the count and the first lines', () => {
  assert.deepEqual(pastePreview('echo hi'), { lineCount: 1, firstLines: ['echo hi'], needsConfirm: false });
  const many = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
  const p = pastePreview(many);
  assert.equal(p.lineCount, 12);
  assert.deepEqual(p.firstLines, ['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  assert.equal(p.needsConfirm, true);
});

test('a single command ending in a line break still asks: it would run the moment it lands', () => {
  assert.deepEqual(pastePreview('rm -rf build\n'), { lineCount: 1, firstLines: ['rm -rf build'], needsConfirm: true });
  assert.equal(pastePreview('a\r\nb\rc').lineCount, 3);
});

test('a very long line is cut in the preview, not in the paste', () => {
  const long = 'x'.repeat(1000);
  const p = pastePreview(`${long}\nshort`);
  assert.equal(p.firstLines[0], `${'x'.repeat(200)}…`);
  assert.equal(p.lineCount, 2);
});
