// The wake watcher: a tick far later than set by the wall clock is a wake; a merely busy tick is not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WakeWatcher, type WakeClock } from './wakeWatcher.js';

/** A clock moved by hand: `pass(ms)` lets wall time go by and fires what fell due, as a running process sees it. */
class HandClock implements WakeClock {
  wall = 1_700_000_000_000;
  readonly timers = new Set<{ at: number; fire: () => void }>();

  now(): number {
    return this.wall;
  }

  setTimer(fire: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.wall + ms, fire };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** Time passes; a sleeping machine's timers fire only afterwards, all at once. */
  pass(ms: number): void {
    this.wall += ms;
    for (const t of [...this.timers].filter((x) => x.at <= this.wall)) {
      this.timers.delete(t);
      t.fire();
    }
  }
}

test('a tick on time or somewhat late is no wake; one that comes seconds late reports how late', () => {
  const clock = new HandClock();
  const wakes: number[] = [];
  const watcher = new WakeWatcher({ clock, tickMs: 1000, toleranceMs: 2000, onWake: (late) => wakes.push(late) });
  watcher.start();
  for (let i = 0; i < 5; i++) clock.pass(1000);
  clock.pass(2900); // a busy machine: the tick came 1.9 s late
  assert.deepEqual(wakes, []);
  clock.pass(1000);
  clock.pass(65_000); // the lid was closed for a minute
  assert.deepEqual(wakes, [64_000]);
  clock.pass(1000);
  assert.deepEqual(wakes, [64_000], 'watching goes on after a wake, without reporting it twice');
  assert.equal(clock.timers.size, 1, 'one timer at a time');
  watcher.stop();
  assert.equal(clock.timers.size, 0);
  clock.pass(60_000);
  assert.deepEqual(wakes, [64_000]);
});

test('start twice keeps one timer; on the system clock the timer does not keep the process alive', () => {
  const clock = new HandClock();
  const watcher = new WakeWatcher({ clock, onWake: () => undefined });
  watcher.start();
  watcher.start();
  assert.equal(clock.timers.size, 1);
  watcher.stop();

  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const real = new WakeWatcher({ onWake: () => undefined });
  real.start();
  // getActiveResourcesInfo lists only timers that hold the event loop open.
  assert.equal(timers(), before);
  real.stop();
});
