import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputCoalescer, type CoalescerClock } from './outputCoalescer.js';

/** A clock the test moves by hand: timers run when it passes their time. */
class HandClock implements CoalescerClock {
  time = 1000;
  private timers: { at: number; run: () => void }[] = [];
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, run };
    this.timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.filter((t) => t.at <= this.time)) {
      this.clearTimeout(timer);
      timer.run();
    }
  }
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const read = (b: Uint8Array): string => new TextDecoder().decode(b);

test('output after a quiet moment (an echo) is written at once', () => {
  const clock = new HandClock();
  const writes: string[] = [];
  const out = new OutputCoalescer((b) => writes.push(read(b)), clock, 30);
  out.push(text('a'));
  assert.deepEqual(writes, ['a']);
  clock.advance(31);
  out.push(text('b'));
  assert.deepEqual(writes, ['a', 'b']);
});

test('a flood within the gap waits and goes out at once, in order, with every byte', () => {
  const clock = new HandClock();
  const writes: { at: number; text: string }[] = [];
  const out = new OutputCoalescer((b) => writes.push({ at: clock.now(), text: read(b) }), clock, 30);
  out.push(text('first'));
  for (let i = 0; i < 10; i++) {
    clock.advance(2);
    out.push(text(`-${i}`));
  }
  assert.deepEqual(writes.map((w) => w.text), ['first'], 'the rest waits for the gap');
  clock.advance(10);
  assert.equal(writes.map((w) => w.text).join(''), 'first-0-1-2-3-4-5-6-7-8-9');
  assert.deepEqual(new Set(writes.slice(1).map((w) => w.at)), new Set([1030]), 'all of the wait goes out in one flush, 30 ms after the first write');
  assert.equal(writes.reduce((n, w) => n + w.text.length, 0), 'first'.length + 20, 'what is acknowledged per write adds up to what arrived');
});

test('flush writes what waits before a divider; dispose drops it', () => {
  const clock = new HandClock();
  const writes: string[] = [];
  const out = new OutputCoalescer((b) => writes.push(read(b)), clock, 30);
  out.push(text('x'));
  out.push(text('y'));
  out.flush();
  assert.deepEqual(writes, ['x', 'y']);
  out.push(text('z'));
  out.dispose();
  clock.advance(100);
  assert.deepEqual(writes, ['x', 'y']);
});
