// Connection states in words with a non-colour icon, the stage while connecting, and reconnect attempt k of n with its countdown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionStateWords } from './connectionStateWords.js';

const base = { stage: null, authMethod: null, keepaliveMisses: 0, reconnectAttempt: 0, reconnectAttempts: 5, nextAttemptAt: null } as const;

test('connected, with unanswered keep-alives said in words', () => {
  assert.deepEqual(connectionStateWords({ ...base, state: 'ready', stage: 'ready' }, 0), { label: 'Connected', icon: '✓', tone: 'ok', detail: null });
  const missing = connectionStateWords({ ...base, state: 'ready', keepaliveMisses: 2 }, 0);
  assert.equal(missing.detail, '2 keep-alives unanswered');
  assert.equal(missing.tone, 'warn');
  assert.notEqual(missing.icon, '✓', 'a warning does not wear the healthy icon: colour is not the only sign');
});

test('connecting says its stage, with the login method', () => {
  assert.equal(connectionStateWords({ ...base, state: 'connecting', stage: 'tcp' }, 0).detail, 'reaching the host');
  assert.equal(connectionStateWords({ ...base, state: 'connecting', stage: 'host-key' }, 0).detail, 'checking the host key');
  assert.equal(connectionStateWords({ ...base, state: 'connecting', stage: 'authenticating', authMethod: 'publickey' }, 0).detail, 'logging in with a key');
  assert.equal(connectionStateWords({ ...base, state: 'connecting', stage: 'authenticating', authMethod: 'agent' }, 0).detail, 'logging in with ssh-agent');
});

test('reconnecting gives attempt k of n and counts down to the next one', () => {
  const waiting = connectionStateWords({ ...base, state: 'reconnecting', reconnectAttempt: 2, nextAttemptAt: 10_000 }, 5_500);
  assert.equal(waiting.label, 'Reconnecting');
  assert.equal(waiting.detail, 'attempt 2 of 5 in 5 s');
  const trying = connectionStateWords({ ...base, state: 'reconnecting', reconnectAttempt: 3, stage: 'key-exchange' }, 0);
  assert.equal(trying.detail, 'attempt 3 of 5 (exchanging keys)');
});

test('failed and closed are words too, each with its own icon', () => {
  const failed = connectionStateWords({ ...base, state: 'failed' }, 0);
  const closed = connectionStateWords({ ...base, state: 'closed' }, 0);
  assert.equal(failed.label, 'Failed');
  assert.equal(failed.tone, 'bad');
  assert.equal(closed.label, 'Closed');
  assert.notEqual(failed.icon, closed.icon);
});
