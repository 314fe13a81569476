// The settings form saves only what changed, in the core's units, and names the field when a value cannot be saved.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../app/settings.js';
import { settingsFormField } from './settingsFormField.js';
import { settingsFormPatch } from './settingsFormPatch.js';
import { settingsFormValues } from './settingsFormValues.js';

const saved = { ...DEFAULT_SETTINGS };
const form = settingsFormValues(saved);

test('an untouched form saves nothing', () => {
  assert.deepEqual(settingsFormPatch(form, saved), { patch: {}, errors: {} });
});

test('a changed field alone is saved, numbers as numbers and the keep-alive in milliseconds', () => {
  assert.deepEqual(settingsFormPatch({ ...form, fontSize: ' 16 ' }, saved), { patch: { fontSize: 16 }, errors: {} });
  assert.deepEqual(settingsFormPatch({ ...form, keepaliveSeconds: '30' }, saved).patch, { keepaliveIntervalMs: 30_000 });
  assert.deepEqual(settingsFormPatch({ ...form, keepaliveSeconds: '0' }, saved).patch, { keepaliveIntervalMs: 0 });
  assert.deepEqual(settingsFormPatch({ ...form, theme: 'dark', closeToTray: false }, saved).patch, { theme: 'dark', closeToTray: false });
  assert.deepEqual(settingsFormPatch({ ...form, terminalRenderer: 'webgl' }, saved).patch, { terminalRenderer: 'webgl' });
});

test('the form shows what is saved: 15000 ms is 15 seconds', () => {
  assert.equal(form.keepaliveSeconds, '15');
  assert.equal(form.scrollback, '10000');
  assert.equal(form.terminalRenderer, 'auto');
});

test("a value out of range is named next to its field with the core schema's words, and nothing is saved", () => {
  const check = settingsFormPatch({ ...form, fontSize: '100', scrollback: '', fontFamily: '   ' }, saved);
  assert.deepEqual(check.patch, {});
  assert.match(check.errors.fontSize ?? '', /6 to 72/);
  assert.match(check.errors.scrollback ?? '', /must be a number/, 'an empty box is not a number of lines');
  assert.match(check.errors.fontFamily ?? '', /must not be empty/);
  assert.deepEqual(Object.keys(check.errors).sort(), ['fontFamily', 'fontSize', 'scrollback']);
});

test('the keep-alive interval is checked in seconds, as the person typed it', () => {
  const check = settingsFormPatch({ ...form, keepaliveSeconds: '5000', fontSize: '14' }, saved);
  assert.deepEqual(check.patch, {}, 'one bad field saves none of the others');
  assert.equal(check.errors.keepaliveSeconds, 'must be a number of seconds from 0 to 3600 (0 turns keep-alives off)');
  assert.ok(settingsFormPatch({ ...form, keepaliveSeconds: 'soon' }, saved).errors.keepaliveSeconds);
});

test("an error from the core finds its field: the parameter's name is dropped, milliseconds map to seconds", () => {
  assert.equal(settingsFormField('patch.fontSize'), 'fontSize');
  assert.equal(settingsFormField('patch.keepaliveIntervalMs'), 'keepaliveSeconds');
  assert.equal(settingsFormField('patch.terminalRenderer'), 'terminalRenderer');
  assert.equal(settingsFormField('patch.toString'), undefined);
  assert.equal(settingsFormField(undefined), undefined);
});
