// Questions wait in line; an answered one leaves; an expired one leaves and says so; a repeated event asks once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthPromptEvent, HostKeyPromptEvent } from '../../app/api.js';
import { connectionKeyOf } from '../../app/hosts.js';
import { EMPTY_PROMPT_QUEUE, promptQueue, type PromptQueue, type QueuedPrompt } from './promptQueue.js';

const hostKey = (promptId: string, host = 'db.example.com'): QueuedPrompt => ({
  kind: 'host-key',
  event: { promptId, host, port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', knownKeys: [] } satisfies HostKeyPromptEvent,
});
const auth = (promptId: string): QueuedPrompt => ({
  kind: 'auth',
  event: { promptId, key: connectionKeyOf({ username: 'al', host: 'db' }), name: '', instructions: '', prompts: [{ prompt: 'Code: ', echo: true }] } satisfies AuthPromptEvent,
});

const ids = (s: PromptQueue) => s.prompts.map((p) => p.event.promptId);

test('questions are shown in the order they came, and an answered one leaves the line', () => {
  let s = promptQueue(EMPTY_PROMPT_QUEUE, { type: 'asked', prompt: hostKey('hk1') });
  s = promptQueue(s, { type: 'asked', prompt: auth('ap2') });
  assert.deepEqual(ids(s), ['hk1', 'ap2']);
  s = promptQueue(s, { type: 'answered', promptId: 'hk1' });
  assert.deepEqual(ids(s), ['ap2']);
  assert.deepEqual(s.expired, []);
});

test('the same prompt delivered twice is asked once', () => {
  let s = promptQueue(EMPTY_PROMPT_QUEUE, { type: 'asked', prompt: hostKey('hk1') });
  s = promptQueue(s, { type: 'asked', prompt: hostKey('hk1') });
  assert.deepEqual(ids(s), ['hk1']);
});

test('an expired question closes and leaves a note naming who asked and why', () => {
  let s = promptQueue(EMPTY_PROMPT_QUEUE, { type: 'asked', prompt: hostKey('hk1', '::1') });
  s = promptQueue(s, { type: 'asked', prompt: auth('ap2') });
  s = promptQueue(s, { type: 'expired', promptId: 'hk1', message: 'nobody answered within 60 s' });
  assert.deepEqual(ids(s), ['ap2']);
  assert.deepEqual(s.expired, [{ id: 'hk1', text: 'The host-key question from [::1]:2222 was closed: nobody answered within 60 s' }]);
  s = promptQueue(s, { type: 'expired', promptId: 'ap2', message: 'the connection went away' });
  assert.equal(s.expired[1]?.text, 'The login question from al@db:22 was closed: the connection went away');
  s = promptQueue(s, { type: 'dismissed', id: 'hk1' });
  assert.deepEqual(
    s.expired.map((n) => n.id),
    ['ap2'],
  );
});

test('expiry of a question already answered says nothing', () => {
  let s = promptQueue(EMPTY_PROMPT_QUEUE, { type: 'asked', prompt: hostKey('hk1') });
  s = promptQueue(s, { type: 'answered', promptId: 'hk1' });
  s = promptQueue(s, { type: 'expired', promptId: 'hk1', message: 'late' });
  assert.deepEqual(s, EMPTY_PROMPT_QUEUE);
});
