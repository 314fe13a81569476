// The tab strip's rules: opening, closing, switching, reordering, naming and each tab's connection phase.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_TABS, activeTab, cleanTitle, tabLabel, tabsReducer, type TabsAction, type TabsState } from './tabsReducer.js';

function run(...actions: TabsAction[]): TabsState {
  return actions.reduce(tabsReducer, EMPTY_TABS);
}

const add = (id: string, hostId = 'h1', hostLabel = 'db'): TabsAction => ({ type: 'add', id, hostId, hostLabel });
const ids = (s: TabsState): string[] => s.tabs.map((t) => t.id);

test('a new tab is added at the end, becomes active and starts connecting', () => {
  const s = run(add('a'), add('b', 'h2', 'web'));
  assert.deepEqual(ids(s), ['a', 'b']);
  assert.equal(s.activeId, 'b');
  assert.deepEqual(activeTab(s)?.phase, { kind: 'connecting' });
  assert.equal(tabLabel(activeTab(s)!), 'web');
});

test('closing the active tab activates the one that slides into its place, else the one before', () => {
  let s = run(add('a'), add('b'), add('c'), { type: 'activate', id: 'b' }, { type: 'remove', id: 'b' });
  assert.deepEqual(ids(s), ['a', 'c']);
  assert.equal(s.activeId, 'c');
  s = tabsReducer(s, { type: 'remove', id: 'c' });
  assert.equal(s.activeId, 'a');
  s = tabsReducer(s, { type: 'remove', id: 'a' });
  assert.deepEqual(s, { tabs: [] });
});

test('closing a background tab keeps the active one', () => {
  const s = run(add('a'), add('b'), add('c'), { type: 'remove', id: 'a' });
  assert.equal(s.activeId, 'c');
});

test('next and previous wrap around the ends', () => {
  let s = run(add('a'), add('b'), add('c'));
  s = tabsReducer(s, { type: 'activate-relative', delta: 1 });
  assert.equal(s.activeId, 'a');
  s = tabsReducer(s, { type: 'activate-relative', delta: -1 });
  assert.equal(s.activeId, 'c');
  assert.deepEqual(tabsReducer(EMPTY_TABS, { type: 'activate-relative', delta: 1 }), EMPTY_TABS);
});

test('Alt+n picks the n-th tab, Alt+9 the last, and a number past the end changes nothing', () => {
  const s = run(add('a'), add('b'), add('c'));
  assert.equal(tabsReducer(s, { type: 'activate-index', index: 0 }).activeId, 'a');
  assert.equal(tabsReducer(s, { type: 'activate-index', index: -1 }).activeId, 'c');
  assert.equal(tabsReducer(s, { type: 'activate-index', index: 5 }), s);
});

test('a dragged tab lands at the position it was dropped on; keyboard moves stop at the ends', () => {
  let s = run(add('a'), add('b'), add('c'), add('d'));
  s = tabsReducer(s, { type: 'move', id: 'a', index: 2 });
  assert.deepEqual(ids(s), ['b', 'c', 'a', 'd']);
  s = tabsReducer(s, { type: 'move', id: 'd', index: 0 });
  assert.deepEqual(ids(s), ['d', 'b', 'c', 'a']);
  s = tabsReducer(s, { type: 'move-relative', id: 'a', delta: 1 });
  assert.deepEqual(ids(s), ['d', 'b', 'c', 'a']);
  s = tabsReducer(s, { type: 'move-relative', id: 'a', delta: -1 });
  assert.deepEqual(ids(s), ['d', 'b', 'a', 'c']);
  s = tabsReducer(s, { type: 'move', id: 'b', index: 99 });
  assert.deepEqual(ids(s), ['d', 'a', 'c', 'b']);
  assert.equal(s.activeId, 'd', 'moving does not change which tab is active');
});

test("a person's name beats the remote title, which beats the host label; clearing the name brings the title back", () => {
  let s = run(add('a'), { type: 'title', id: 'a', title: 'alice@db: ~' });
  assert.equal(tabLabel(s.tabs[0]!), 'alice@db: ~');
  s = tabsReducer(s, { type: 'rename', id: 'a', name: '  prod logs ' });
  assert.equal(tabLabel(s.tabs[0]!), 'prod logs');
  s = tabsReducer(s, { type: 'title', id: 'a', title: 'vim' });
  assert.equal(tabLabel(s.tabs[0]!), 'prod logs');
  s = tabsReducer(s, { type: 'rename', id: 'a', name: '' });
  assert.equal(tabLabel(s.tabs[0]!), 'vim');
  s = tabsReducer(s, { type: 'title', id: 'a', title: '\u0007 ' });
  assert.equal(tabLabel(s.tabs[0]!), 'db');
});

test('remote titles are plain one-line text of bounded length; HTML stays literal text', () => {
  assert.equal(cleanTitle('a\nb\u001b[31mc\td'), 'a b [31mc d');
  assert.equal(cleanTitle('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  assert.equal(cleanTitle('x'.repeat(500)).length, 201);
  assert.equal(cleanTitle('invoice\u202egpj.exe'), 'invoicegpj.exe', 'no right-to-left override');
  assert.equal(cleanTitle('a\u2066b\u2069c\u200fd'), 'abcd');
});

test('a tab goes connecting (with its stage) -> open -> reconnecting (attempt k of n) -> open', () => {
  let s = run(add('a'), { type: 'detail', id: 'a', detail: { stage: 'authenticating with publickey' } });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'connecting', stage: 'authenticating with publickey' });
  s = tabsReducer(s, { type: 'opened', id: 'a', connectionKey: 'alice@db:22' });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'open' });
  assert.equal(s.tabs[0]!.connectionKey, 'alice@db:22');
  s = tabsReducer(s, { type: 'reconnecting', id: 'a', message: 'read ECONNRESET' });
  s = tabsReducer(s, { type: 'detail', id: 'a', detail: { attempt: 2, attempts: 5, nextAttemptAt: 1000 } });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'reconnecting', message: 'read ECONNRESET', attempt: 2, attempts: 5, nextAttemptAt: 1000 });
  // The attempt starts: no next time any more, a stage instead.
  s = tabsReducer(s, { type: 'detail', id: 'a', detail: { attempt: 2, attempts: 5, stage: 'key exchange' } });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'reconnecting', message: 'read ECONNRESET', attempt: 2, attempts: 5, stage: 'key exchange' });
  s = tabsReducer(s, { type: 'restored', id: 'a' });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'open' });
});

test('health detail for an open or closed tab, or the same detail again, changes nothing', () => {
  const open = run(add('a'), { type: 'opened', id: 'a' });
  assert.equal(tabsReducer(open, { type: 'detail', id: 'a', detail: { stage: 'tcp' } }), open);
  const waiting = run(add('b'), { type: 'detail', id: 'b', detail: { stage: 'tcp' } });
  assert.equal(tabsReducer(waiting, { type: 'detail', id: 'b', detail: { stage: 'tcp' } }), waiting);
});

test("the host's connection key is known before the tab opens, and the one it opened on wins", () => {
  let s = run({ type: 'add', id: 'a', hostId: 'h1', hostLabel: 'db', connectionKey: 'alice@db:22' });
  assert.equal(s.tabs[0]!.connectionKey, 'alice@db:22');
  s = tabsReducer(s, { type: 'opened', id: 'a', connectionKey: 'alice@db:22 via jump' });
  assert.equal(s.tabs[0]!.connectionKey, 'alice@db:22 via jump');
  s = run(add('b', 'h2'), { type: 'host-info', hostId: 'h2', hostLabel: 'web', connectionKey: 'bob@web:22' });
  assert.equal(s.tabs[0]!.connectionKey, 'bob@web:22');
});

test('a closed tab stays in the strip with its reason until the person closes it; only Reconnect revives it', () => {
  let s = run(add('a'), { type: 'opened', id: 'a' }, { type: 'ended', id: 'a', end: { type: 'exit', code: 3 } });
  assert.deepEqual(ids(s), ['a']);
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'closed', end: { type: 'exit', code: 3 } });
  // A late event of the old session does not overwrite why it ended.
  s = tabsReducer(s, { type: 'restored', id: 'a' });
  s = tabsReducer(s, { type: 'ended', id: 'a', end: { type: 'closed' } });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'closed', end: { type: 'exit', code: 3 } });
  s = tabsReducer(s, { type: 'connecting', id: 'a' });
  assert.deepEqual(s.tabs[0]!.phase, { kind: 'connecting' });
});

test("a quick-connect host (not saved, so no label) is named by the connection its tab opened on", () => {
  let s = run({ type: 'add', id: 'a', hostId: 'quick-7', hostLabel: 'quick-7' }, { type: 'opened', id: 'a', connectionKey: 'root@10.0.0.5:22' });
  assert.equal(s.tabs[0]!.hostLabel, 'root@10.0.0.5:22');
  s = run(add('b', 'h1', 'db primary'), { type: 'opened', id: 'b', connectionKey: 'alice@db:22' });
  assert.equal(s.tabs[0]!.hostLabel, 'db primary', "a saved host's label stays");
});

test('host details that arrive later (label, colour) reach every tab of that host', () => {
  let s = run(add('a', 'h1', 'h1'), add('b', 'h2', 'h2'), add('c', 'h1', 'h1'));
  s = tabsReducer(s, { type: 'host-info', hostId: 'h1', hostLabel: 'db.example.com', colour: '#3a7bd5' });
  assert.deepEqual(
    s.tabs.map((t) => [t.hostLabel, t.colour]),
    [
      ['db.example.com', '#3a7bd5'],
      ['h2', undefined],
      ['db.example.com', '#3a7bd5'],
    ],
  );
});

test('actions naming a tab that is gone change nothing', () => {
  const s = run(add('a'));
  for (const action of [
    { type: 'remove', id: 'x' },
    { type: 'activate', id: 'x' },
    { type: 'move', id: 'x', index: 0 },
    { type: 'opened', id: 'x' },
    { type: 'title', id: 'x', title: 't' },
  ] satisfies TabsAction[]) {
    assert.equal(tabsReducer(s, action), s, action.type);
  }
});
