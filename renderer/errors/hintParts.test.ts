// The ssh-keygen -R fix in a changed-key hint comes out whole, quotes and all, and nothing of the sentence with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hintParts } from './hintParts.js';

test("the core's changed-key hint yields its ssh-keygen -R command exactly", () => {
  const hint =
    "If the server's administrator confirms the new fingerprint, remove the old key with " +
    "ssh-keygen -R '[127.0.0.1]:2222' -f '/home/al/.ssh/known_hosts' and connect again.";
  assert.deepEqual(hintParts(hint), [
    { kind: 'text', text: "If the server's administrator confirms the new fingerprint, remove the old key with " },
    { kind: 'command', text: "ssh-keygen -R '[127.0.0.1]:2222' -f '/home/al/.ssh/known_hosts'" },
    { kind: 'text', text: ' and connect again.' },
  ]);
});

test('a quote inside a quoted path stays inside the command', () => {
  const parts = hintParts("remove it with ssh-keygen -R 'db' -f '/home/o'\\''brien/kh' and connect again.");
  assert.deepEqual(
    parts.filter((p) => p.kind === 'command').map((p) => p.text),
    ["ssh-keygen -R 'db' -f '/home/o'\\''brien/kh'"],
  );
});

test('an option value ending the sentence leaves its full stop to the sentence', () => {
  assert.deepEqual(hintParts('Run ssh-keygen -R db.example.com.'), [
    { kind: 'text', text: 'Run ' },
    { kind: 'command', text: 'ssh-keygen -R db.example.com' },
    { kind: 'text', text: '.' },
  ]);
});

test("the strict-policy hint's ssh-keyscan stops where the sentence goes on", () => {
  const hint = "add the key to known_hosts (ssh-keyscan -p 2222 'db' prints it), or set this host's host-key policy to \"ask\".";
  const command = hintParts(hint).find((p) => p.kind === 'command');
  assert.equal(command?.text, "ssh-keyscan -p 2222 'db'");
});

test('a hint without a command is one piece of text', () => {
  const hint = "Check the user name and the password, key or agent set in the host's settings.";
  assert.deepEqual(hintParts(hint), [{ kind: 'text', text: hint }]);
  assert.deepEqual(hintParts('Use the ssh-keygen tool.').filter((p) => p.kind === 'command').map((p) => p.text), ['ssh-keygen']);
});
