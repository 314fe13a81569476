// Each session gets exactly its own tab's events, in order, including those sent before openTab's reply was seen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TabCloseReason, TabReconnecting } from '../../app/api.js';
import { TabEventRouter, type TabEventHandlers, type TabEventSource } from './tabEventRouter.js';

/** The four event doors of SkeinApi, fired by hand the way a bridge fires them. */
function eventSource() {
  const subs = { data: new Set<(id: string, d: Uint8Array) => void>(), rec: new Set<(e: TabReconnecting) => void>(), res: new Set<(id: string) => void>(), closed: new Set<(id: string, r: TabCloseReason) => void>() };
  const on = <T>(set: Set<T>, cb: T) => (set.add(cb), () => void set.delete(cb));
  const source: TabEventSource = {
    onTabData: (cb) => on(subs.data, cb),
    onTabReconnecting: (cb) => on(subs.rec, cb),
    onTabRestored: (cb) => on(subs.res, cb),
    onTabClosed: (cb) => on(subs.closed, cb),
  };
  return {
    source,
    subs,
    data: (id: string, text: string) => subs.data.forEach((cb) => cb(id, new TextEncoder().encode(text))),
    reconnecting: (id: string) => subs.rec.forEach((cb) => cb({ tabId: id, message: 'lost' })),
    restored: (id: string) => subs.res.forEach((cb) => cb(id)),
    closed: (id: string) => subs.closed.forEach((cb) => cb(id, { type: 'exit', code: 0 })),
  };
}

function recorder(log: string[]): TabEventHandlers {
  return {
    data: (b) => log.push(`data:${new TextDecoder().decode(b)}`),
    reconnecting: (e) => log.push(`reconnecting:${e.message}`),
    restored: () => log.push('restored'),
    closed: (r) => log.push(`closed:${r.type}`),
  };
}

test('output sent before the session registers reaches it first, in order, then live events follow', () => {
  const core = eventSource();
  const router = new TabEventRouter();
  router.listen(core.source);
  core.data('t1', 'login banner\r\n');
  core.data('t1', '$ ');
  const log: string[] = [];
  router.register('t1', recorder(log));
  core.data('t1', 'ls\r\n');
  core.reconnecting('t1');
  core.restored('t1');
  core.closed('t1');
  assert.deepEqual(log, ['data:login banner\r\n', 'data:$ ', 'data:ls\r\n', 'reconnecting:lost', 'restored', 'closed:exit']);
});

test("one tab's events never reach another tab's session", () => {
  const core = eventSource();
  const router = new TabEventRouter();
  router.listen(core.source);
  const a: string[] = [];
  const b: string[] = [];
  router.register('t1', recorder(a));
  router.register('t2', recorder(b));
  core.data('t1', 'one');
  core.data('t2', 'two');
  core.closed('t2');
  assert.deepEqual(a, ['data:one']);
  assert.deepEqual(b, ['data:two', 'closed:exit']);
});

test('after a session retires its tab, late events are dropped and not held', () => {
  const core = eventSource();
  const router = new TabEventRouter({ maxWaitingTabs: 1 });
  router.listen(core.source);
  const log: string[] = [];
  const retire = router.register('t1', recorder(log));
  retire();
  core.data('t1', 'late');
  core.data('t2', 'early');
  const later: string[] = [];
  router.register('t2', recorder(later));
  assert.deepEqual(log, []);
  assert.deepEqual(later, ['data:early'], 't1 did not take the only waiting slot');
});

test('events of tabs nobody claims are bounded: the oldest waiting tab is dropped', () => {
  const core = eventSource();
  const router = new TabEventRouter({ maxWaitingTabs: 2 });
  router.listen(core.source);
  core.data('t1', 'a');
  core.data('t2', 'b');
  core.data('t3', 'c');
  const logs = ['t1', 't2', 't3'].map((id) => {
    const log: string[] = [];
    router.register(id, recorder(log));
    return log;
  });
  assert.deepEqual(logs, [[], ['data:b'], ['data:c']]);
});

test('stopping the router unsubscribes from every event of the core', () => {
  const core = eventSource();
  const router = new TabEventRouter();
  const stop = router.listen(core.source);
  assert.deepEqual(Object.values(core.subs).map((s) => s.size), [1, 1, 1, 1]);
  stop();
  assert.deepEqual(Object.values(core.subs).map((s) => s.size), [0, 0, 0, 0]);
});
