// A tab says in words what its connection is doing, why it ended and what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorHeadline } from '../errors/errorHeadline.js';
import { describeTabStatus } from './describeTabStatus.js';

test('connecting names the stage when the core sends one', () => {
  assert.equal(describeTabStatus({ kind: 'connecting' }, 0).headline, 'Connecting…');
  assert.equal(describeTabStatus({ kind: 'connecting', stage: 'authenticating with publickey' }, 0).headline, 'Connecting: authenticating with publickey…');
});

test('a dropped connection says it is reconnecting, with the countdown and attempt when known', () => {
  const plain = describeTabStatus({ kind: 'reconnecting', message: 'read ECONNRESET' }, 0);
  assert.deepEqual(plain, { state: 'reconnecting', headline: 'Connection lost, reconnecting…', detail: 'read ECONNRESET', failed: false });
  const full = describeTabStatus({ kind: 'reconnecting', message: 'x', attempt: 2, attempts: 5, nextAttemptAt: 10_000 }, 6_200);
  assert.equal(full.headline, 'Connection lost, reconnecting in 4 s (attempt 2 of 5)…');
  const due = describeTabStatus({ kind: 'reconnecting', message: 'x', attempt: 3, nextAttemptAt: 10_000 }, 10_500);
  assert.equal(due.headline, 'Connection lost, reconnecting (attempt 3)…');
  const trying = describeTabStatus({ kind: 'reconnecting', message: 'x', attempt: 3, attempts: 6, stage: 'key exchange' }, 0);
  assert.equal(trying.headline, 'Connection lost, reconnecting (attempt 3 of 6): key exchange…');
});

test('how a shell ended is said plainly; only failures count as failed', () => {
  const said = (end: Parameters<typeof describeTabStatus>[0]) => describeTabStatus(end, 0);
  assert.deepEqual(said({ kind: 'closed', end: { type: 'exit', code: 0 } }), { state: 'closed', headline: 'The shell exited', failed: false });
  assert.equal(said({ kind: 'closed', end: { type: 'exit', code: 130 } }).headline, 'The shell exited with code 130');
  assert.equal(said({ kind: 'closed', end: { type: 'signal', signal: 'KILL' } }).headline, 'The shell was ended by signal KILL');
  assert.deepEqual(said({ kind: 'closed', end: { type: 'disconnected' } }), {
    state: 'closed',
    headline: 'The host was disconnected',
    hint: 'Reconnect opens a new shell on it.',
    failed: false,
  });
  const overrun = said({ kind: 'closed', end: { type: 'overrun', message: 'more than 64 MiB while paused' } });
  assert.deepEqual([overrun.headline, overrun.failed], ['The server sent more output than the tab could hold', true]);
  const lost = said({ kind: 'closed', end: { type: 'connection-lost', message: 'gave up after 5 attempts' } });
  assert.equal(lost.failed, true);
  assert.equal(lost.detail, 'gave up after 5 attempts');
});

test("a tab that could not open says why from the error's code, with the core's message and fix", () => {
  const s = describeTabStatus(
    {
      kind: 'closed',
      end: {
        type: 'open-failed',
        error: { code: 'AUTH_FAILED', message: 'alice@db:22 refused publickey and password', hint: 'Check the user name and key in the host form.' },
      },
    },
    0,
  );
  assert.deepEqual(s, {
    state: 'closed',
    headline: errorHeadline('AUTH_FAILED'),
    detail: 'alice@db:22 refused publickey and password',
    hint: 'Check the user name and key in the host form.',
    failed: true,
  });
});
