// app/listeners.ts: a throwing listener is reported and costs the others nothing; unsubscribing holds even mid-emit.
// (Here rather than beside app/listeners.ts: app/ may not import node builtins such as node:test.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Listeners } from '../app/listeners.js';

test('a listener that throws is reported, and the listeners after it still hear the event', () => {
  const reported: unknown[] = [];
  const listeners = new Listeners<[string]>((error) => reported.push(error));
  const heard: string[] = [];
  listeners.add((text) => heard.push(`first ${text}`));
  listeners.add(() => {
    throw new Error('the renderer went away');
  });
  listeners.add((text) => heard.push(`third ${text}`));

  listeners.emit('hello');
  listeners.emit('again');

  assert.deepEqual(heard, ['first hello', 'third hello', 'first again', 'third again']);
  assert.deepEqual(
    reported.map((e) => (e as Error).message),
    ['the renderer went away', 'the renderer went away'],
  );
});

test('without an onError a throwing listener is passed over, and emit does not throw', () => {
  const listeners = new Listeners<[]>();
  let heard = 0;
  listeners.add(() => {
    throw new Error('boom');
  });
  listeners.add(() => heard++);
  assert.doesNotThrow(() => listeners.emit());
  assert.equal(heard, 1);
});

test('a listener removed during an emit is not called afterwards, in that emit or later', () => {
  const listeners = new Listeners<[number]>();
  const heard: string[] = [];
  let removeSecond = (): void => undefined;
  listeners.add((n) => {
    heard.push(`first ${n}`);
    removeSecond();
  });
  removeSecond = listeners.add((n) => heard.push(`second ${n}`));
  listeners.add((n) => heard.push(`third ${n}`));

  listeners.emit(1);
  listeners.emit(2);

  assert.deepEqual(heard, ['first 1', 'third 1', 'first 2', 'third 2']);
  assert.equal(listeners.size, 2);
});

test('a listener added during an emit hears that event too', () => {
  const listeners = new Listeners<[number]>();
  const heard: string[] = [];
  const stop = listeners.add((n) => {
    heard.push(`first ${n}`);
    stop();
    listeners.add((m) => heard.push(`late ${m}`));
  });
  listeners.emit(1);
  assert.deepEqual(heard, ['first 1', 'late 1']);
});

test('each add is its own subscription: the same function twice is called twice and removed one at a time', () => {
  const listeners = new Listeners<[]>();
  let calls = 0;
  const listener = (): void => {
    calls++;
  };
  const stopOne = listeners.add(listener);
  listeners.add(listener);
  listeners.emit();
  assert.equal(calls, 2);

  stopOne();
  stopOne();
  listeners.emit();
  assert.equal(calls, 3, 'unsubscribing twice removed only its own subscription');
  assert.equal(listeners.size, 1);

  listeners.clear();
  listeners.emit();
  assert.equal(calls, 3);
  assert.equal(listeners.size, 0);
});
