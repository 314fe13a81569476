// The host list's rows: groups with counts, collapsed groups, search opening every group, display order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedHostView } from '../../test/fixtures/savedHostView.js';
import { UNGROUPED, compareHostsForList, flattenHostRows, type HostRow } from './flattenHostRows.js';

const hosts = [
  savedHostView({ id: 'w10', label: 'web10', group: 'Prod' }),
  savedHostView({ id: 'pi', label: 'pi' }),
  savedHostView({ id: 'w2', label: 'web2', group: 'Prod' }),
  savedHostView({ id: 'lab', label: 'Lab box', group: 'lab' }),
  savedHostView({ id: 'nas', label: 'NAS' }),
].sort(compareHostsForList);

const show = (rows: HostRow[]) =>
  rows.map((r) => (r.kind === 'group' ? `[${r.name} ${r.count}${r.collapsed ? ' closed' : ''}]` : r.host.label));

test('groups A-Z with their counts, hosts A-Z with numbers in order, hosts without a group last', () => {
  const rows = flattenHostRows(hosts, { collapsed: new Set(), expandAll: false });
  assert.deepEqual(show(rows), ['[lab 1]', 'Lab box', '[Prod 2]', 'web2', 'web10', '[No group 2]', 'NAS', 'pi']);
});

test('a collapsed group keeps its header and count and hides its hosts', () => {
  const rows = flattenHostRows(hosts, { collapsed: new Set(['Prod', UNGROUPED]), expandAll: false });
  assert.deepEqual(show(rows), ['[lab 1]', 'Lab box', '[Prod 2 closed]', '[No group 2 closed]']);
});

test('while searching every group is open and counts what matched', () => {
  const matched = hosts.filter((h) => h.label.startsWith('web'));
  const rows = flattenHostRows(matched, { collapsed: new Set(['Prod']), expandAll: true });
  assert.deepEqual(show(rows), ['[Prod 2]', 'web2', 'web10']);
});

test('without any named group there are no headers', () => {
  const flat = [savedHostView({ id: 'b', label: 'b' }), savedHostView({ id: 'a', label: 'a' })].sort(compareHostsForList);
  assert.deepEqual(show(flattenHostRows(flat, { collapsed: new Set([UNGROUPED]), expandAll: false })), ['a', 'b']);
  assert.deepEqual(flattenHostRows([], { collapsed: new Set(), expandAll: false }), []);
});

test('row keys are unique and stable across filtering', () => {
  const rows = flattenHostRows(hosts, { collapsed: new Set(), expandAll: false });
  assert.equal(new Set(rows.map((r) => r.key)).size, rows.length);
  const again = flattenHostRows(hosts.slice(1), { collapsed: new Set(), expandAll: true });
  const keyOf = (rs: HostRow[], id: string) => rs.find((r) => r.kind === 'host' && r.host.id === id)?.key;
  assert.equal(keyOf(again, 'w10'), keyOf(rows, 'w10'));
});

test('each row knows its level, position and set size in the tree', () => {
  const rows = flattenHostRows(hosts, { collapsed: new Set(), expandAll: false });
  assert.deepEqual(
    rows.map((r) => [r.level, r.position, r.setSize]),
    [[1, 1, 3], [2, 1, 1], [1, 2, 3], [2, 1, 2], [2, 2, 2], [1, 3, 3], [2, 1, 2], [2, 2, 2]],
  );
  const flat = flattenHostRows([savedHostView({ id: 'a' })], { collapsed: new Set(), expandAll: false });
  assert.deepEqual(flat.map((r) => [r.level, r.position, r.setSize]), [[1, 1, 1]]);
});

test('2,000 hosts in 50 groups flatten to 2,050 rows', () => {
  const many = Array.from({ length: 2000 }, (_, i) => savedHostView({ id: `h${i}`, group: `g${i % 50}` })).sort(compareHostsForList);
  const rows = flattenHostRows(many, { collapsed: new Set(), expandAll: false });
  assert.equal(rows.length, 2050);
  assert.deepEqual(rows.filter((r) => r.kind === 'group').map((r) => r.kind === 'group' && r.count), Array(50).fill(40));
});
