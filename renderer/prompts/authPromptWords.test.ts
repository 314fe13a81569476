// The login dialog's title and labels read as words, and hidden answers stay hidden.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authPromptWords } from './authPromptWords.js';

test("OpenSSH's nameless password prompt becomes a Password dialog with a hidden field", () => {
  assert.deepEqual(authPromptWords({ name: '', prompts: [{ prompt: 'Password: ', echo: false }] }), {
    title: 'Password',
    fields: [{ label: 'Password', secret: true, oneTimeCode: false }],
  });
});

test('a verification code prompt is a two-factor login; its echoed answer is not hidden', () => {
  const words = authPromptWords({ name: '', prompts: [{ prompt: 'Verification code: ', echo: true }] });
  assert.equal(words.title, 'Two-factor login');
  assert.deepEqual(words.fields, [{ label: 'Verification code', secret: false, oneTimeCode: true }]);
});

test("the server's own name wins, and each prompt keeps its own echo", () => {
  const words = authPromptWords({
    name: 'Duo two-factor login',
    prompts: [
      { prompt: 'Password:', echo: false },
      { prompt: 'Passcode or option (1-3): ', echo: true },
    ],
  });
  assert.equal(words.title, 'Duo two-factor login');
  assert.deepEqual(
    words.fields.map((f) => [f.label, f.secret]),
    [
      ['Password', true],
      ['Passcode or option (1-3)', false],
    ],
  );
});

test('a key passphrase, and a prompt with no words', () => {
  assert.equal(authPromptWords({ name: '', prompts: [{ prompt: 'Enter passphrase for key: ', echo: false }] }).title, 'Key passphrase');
  assert.equal(authPromptWords({ name: ' ', prompts: [{ prompt: '  ', echo: false }] }).fields[0]?.label, 'Answer');
  assert.equal(authPromptWords({ name: '', prompts: [{ prompt: 'Colour?', echo: true }] }).title, 'Login question');
});
