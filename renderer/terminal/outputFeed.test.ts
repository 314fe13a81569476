import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputFeed } from './outputFeed.js';

/** A terminal that parses each write when the test says, and a queue of background tasks the test runs by hand. */
class Rig {
  readonly written: string[] = [];
  readonly unparsed: (() => void)[] = [];
  readonly tasks: (() => void)[] = [];
  readonly feed: OutputFeed;
  constructor(sliceBytes: number) {
    this.feed = new OutputFeed(
      {
        write: (bytes, parsed) => {
          this.written.push(new TextDecoder().decode(bytes));
          this.unparsed.push(parsed);
        },
        later: (task) => this.tasks.push(task),
      },
      sliceBytes,
    );
  }
  parseAll(): void {
    while (this.unparsed.length > 0) this.unparsed.shift()?.();
  }
  runTask(): void {
    this.tasks.shift()?.();
  }
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

test('a shown tab writes its output at once, as it came', () => {
  const rig = new Rig(4);
  rig.feed.push(text('hello'));
  rig.feed.push(text(' world'));
  assert.deepEqual(rig.written, ['hello', ' world']);
  assert.equal(rig.tasks.length, 0, 'nothing waits for a background task');
});

test('a hidden tab writes one slice per background task, the next only after the last was parsed, every byte in order', () => {
  const rig = new Rig(4);
  rig.feed.setHidden(true);
  rig.feed.push(text('abcdefghij'));
  assert.deepEqual(rig.written, [], 'nothing is written before its task runs');
  rig.runTask();
  assert.deepEqual(rig.written, ['abcd']);
  assert.equal(rig.tasks.length, 0, 'the next slice waits until this one is parsed');
  rig.parseAll();
  rig.runTask();
  rig.parseAll();
  rig.runTask();
  rig.parseAll();
  assert.deepEqual(rig.written, ['abcd', 'efgh', 'ij']);
  assert.equal(rig.tasks.length, 0);
});

test('shown again, a hidden tab writes all that waits at once, ahead of what comes next', () => {
  const rig = new Rig(4);
  rig.feed.setHidden(true);
  rig.feed.push(text('12345678'));
  rig.runTask();
  rig.feed.setHidden(false);
  rig.feed.push(text('9'));
  assert.equal(rig.written.join(''), '123456789');
  // The task scheduled before the switch finds nothing left to write.
  rig.parseAll();
  rig.runTask();
  assert.equal(rig.written.join(''), '123456789');
});

test('flushNow writes what waits in order (before a divider line); dispose drops it', () => {
  const rig = new Rig(4);
  rig.feed.setHidden(true);
  rig.feed.push(text('before-'));
  rig.feed.flushNow();
  assert.equal(rig.written.join(''), 'before-');
  rig.feed.push(text('dropped'));
  rig.feed.dispose();
  rig.parseAll();
  rig.runTask();
  assert.equal(rig.written.join(''), 'before-');
});
