// The host form refuses what the core refuses, next to the input at fault, and sends only what changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { savedHostView } from '../../test/fixtures/savedHostView.js';
import { checkHostForm, hostFormFieldOf, hostFormValuesOf, newForwardRow, type HostFormValues } from './hostFormValues.js';

const filled = (fields: Partial<HostFormValues>): HostFormValues => ({
  ...hostFormValuesOf(),
  label: 'db',
  host: 'db.example.com',
  username: 'alice',
  ...fields,
});

function errorsOf(values: HostFormValues, hosts = [] as ReturnType<typeof savedHostView>[]) {
  const check = checkHostForm(values, { hosts });
  assert.ok(!check.ok, 'the form was accepted');
  return check.errors;
}

test('a new host with the defaults becomes a draft with port 22 and nothing else set', () => {
  const check = checkHostForm(filled({}), { hosts: [] });
  assert.ok(check.ok);
  assert.deepEqual(check.draft, {
    label: 'db', host: 'db.example.com', port: 22, username: 'alice', auth: { method: 'agent' }, tags: [], localForwards: [],
  });
  assert.deepEqual(check.secrets, {});
});

test('each schema error lands next to its input and says why', () => {
  const errors = errorsOf(filled({ label: '  ', host: 'db example', port: '70000', username: '', colour: 'blue', keepaliveCount: '0' }));
  assert.deepEqual(errors.label, ['must not be empty']);
  assert.deepEqual(errors.host, ['must not contain spaces']);
  assert.deepEqual(errors.port, ['must be from 1 to 65535']);
  assert.deepEqual(errors.username, ['must not be empty']);
  assert.deepEqual(errors.colour, ['must be a hex colour like #3a7bd5']);
  assert.deepEqual(errors.keepaliveCount, ['must be at least 1']);
  assert.equal(errors.form, undefined);
});

test('an input shows its first problem only: empty, not also "must not contain spaces"', () => {
  const errors = errorsOf(filled({ host: '' }));
  assert.deepEqual(errors.host, ['must not be empty']);
});

test('number inputs that are not numbers, and a key login without a key, are named', () => {
  const errors = errorsOf(filled({ port: 'ssh', keepaliveSeconds: 'often', authMethod: 'key', keyPath: ' ' }));
  assert.deepEqual(errors.port, ['must be a number']);
  assert.deepEqual(errors.keepaliveSeconds, ['must be a number']);
  assert.deepEqual(errors.keyPath, ['is required when auth.method is "key"']);
});

test('keep-alive is typed in seconds and stored in milliseconds; 0 turns it off', () => {
  const check = checkHostForm(filled({ keepaliveSeconds: '1.5', keepaliveCount: '4' }), { hosts: [] });
  assert.ok(check.ok);
  assert.deepEqual(check.draft.keepalive, { intervalMs: 1500, countMax: 4 });
  const off = checkHostForm(filled({ keepaliveSeconds: '0' }), { hosts: [] });
  assert.ok(off.ok);
  assert.equal(off.draft.keepalive?.intervalMs, 0);
  assert.deepEqual(errorsOf(filled({ keepaliveSeconds: '-5' })).keepaliveSeconds, ['must not be negative']);
});

test('tags are split on commas, trimmed and kept once', () => {
  const check = checkHostForm(filled({ tags: ' prod, db ,, prod ' }), { hosts: [] });
  assert.ok(check.ok);
  assert.deepEqual(check.draft.tags, ['prod', 'db']);
});

test('a jump chain that loops is refused at the jump host input', () => {
  const a = savedHostView({ id: 'a', label: 'A', jumpHostId: 'b' });
  const b = savedHostView({ id: 'b', label: 'B' });
  const check = checkHostForm({ ...hostFormValuesOf(b), jumpHostId: 'a' }, { original: b, hosts: [a, b] });
  assert.ok(!check.ok);
  assert.deepEqual(check.errors.jumpHostId, ['jump hosts form a loop: "B" -> "A" -> "B"']);
});

test('an edit sends only what changed, null for what was cleared, and keeps fields the form does not show', () => {
  const original = savedHostView({
    id: 'h', label: 'db', group: 'Prod', colour: '#3a7bd5', tags: ['x'], notes: 'n',
    localForwards: [{ id: 'f', bindPort: 5432, bindAddress: '127.0.0.1', remoteHost: 'localhost', remotePort: 5432 }],
  });
  const values = { ...hostFormValuesOf(original), label: 'db primary', group: '', colour: '  ' };
  const check = checkHostForm(values, { original, hosts: [original] });
  assert.ok(check.ok);
  assert.deepEqual(check.patch, { label: 'db primary', group: null, colour: null });
  assert.equal(check.draft.localForwards?.length, 1);
  const unchanged = checkHostForm(hostFormValuesOf(original), { original, hosts: [original] });
  assert.ok(unchanged.ok);
  assert.deepEqual(unchanged.patch, {});
});

test('secrets: typed ones are sent, forget sends null, kept ones and hidden inputs send nothing', () => {
  const fresh = checkHostForm(filled({ authMethod: 'password', password: { mode: 'replace', value: 'hunter2' } }), { hosts: [] });
  assert.ok(fresh.ok);
  assert.deepEqual(fresh.secrets, { password: 'hunter2' });

  const saved = savedHostView({ id: 'h', auth: { method: 'key', keyPath: '~/.ssh/id_ed25519' }, hasPassword: true, hasPassphrase: true });
  const values = hostFormValuesOf(saved);
  assert.deepEqual(values.password, { mode: 'keep', value: '' });
  const forget = checkHostForm({ ...values, password: { mode: 'forget', value: '' } }, { original: saved, hosts: [saved] });
  assert.ok(forget.ok);
  assert.deepEqual(forget.secrets, { password: null });
  const replaceEmpty = checkHostForm({ ...values, passphrase: { mode: 'replace', value: '' } }, { original: saved, hosts: [saved] });
  assert.ok(replaceEmpty.ok);
  assert.deepEqual(replaceEmpty.secrets, {}, 'an empty replacement keeps the saved secret');

  const agent = checkHostForm(filled({ authMethod: 'agent', password: { mode: 'replace', value: 'typed before switching' } }), { hosts: [] });
  assert.ok(agent.ok);
  assert.deepEqual(agent.secrets, {}, 'the password input is hidden for agent logins, so what it held is not sent');
});

test('error fields from the core map onto the form inputs', () => {
  assert.equal(hostFormFieldOf('draft.port'), 'port');
  assert.equal(hostFormFieldOf('patch.auth.keyPath'), 'keyPath');
  assert.equal(hostFormFieldOf('draft.auth.method'), 'authMethod');
  assert.equal(hostFormFieldOf('draft.keepalive.countMax'), 'keepaliveCount');
  assert.equal(hostFormFieldOf('draft.keepalive.intervalMs'), 'keepaliveSeconds');
  assert.equal(hostFormFieldOf('patch.tags[2]'), 'tags');
  assert.equal(hostFormFieldOf('secrets.password'), 'password');
  assert.equal(hostFormFieldOf('draft.localForwards[0].bindPort'), 'localForwards.0.bindPort');
  assert.equal(hostFormFieldOf('patch.localForwards[3].remoteHost'), 'localForwards.3.remoteHost');
  assert.equal(hostFormFieldOf('draft.localForwards[0].id'), 'form');
  assert.equal(hostFormFieldOf('draft.localForwards'), 'form');
  assert.equal(hostFormFieldOf('id'), 'form');
  assert.equal(hostFormFieldOf(undefined), 'form');
});

test('a forward added in the form becomes one the core accepts, with the default bind address and autoStart only when ticked', () => {
  const rows = [
    { ...newForwardRow('f1'), bindPort: '15432', remoteHost: ' db.internal ', remotePort: '5432', autoStart: true },
    { ...newForwardRow('f2'), bindPort: '18080', bindAddress: '0.0.0.0', remoteHost: 'localhost', remotePort: '80' },
  ];
  assert.equal(rows[1]?.bindAddress, '0.0.0.0');
  assert.equal(newForwardRow('x').bindAddress, '127.0.0.1');
  const check = checkHostForm(filled({ localForwards: rows }), { hosts: [] });
  assert.ok(check.ok);
  assert.deepEqual(check.draft.localForwards, [
    { id: 'f1', bindPort: 15432, bindAddress: '127.0.0.1', remoteHost: 'db.internal', remotePort: 5432, autoStart: true },
    { id: 'f2', bindPort: 18080, bindAddress: '0.0.0.0', remoteHost: 'localhost', remotePort: 80 },
  ]);
});

test('a forward\'s errors land next to its own input in its own row', () => {
  const errors = errorsOf(filled({
    localForwards: [
      { ...newForwardRow('a'), bindPort: '8080', remoteHost: 'web', remotePort: '80' },
      { ...newForwardRow('b'), bindPort: '99999', remoteHost: '', remotePort: 'http' },
    ],
  }));
  assert.deepEqual(errors['localForwards.1.bindPort'], ['must be from 1 to 65535']);
  assert.deepEqual(errors['localForwards.1.remoteHost'], ['must not be empty']);
  assert.deepEqual(errors['localForwards.1.remotePort'], ['must be a number']);
  assert.equal(errors['localForwards.0.bindPort'], undefined);
  assert.equal(errors.form, undefined);
  const twice = errorsOf(filled({
    localForwards: [
      { ...newForwardRow('a'), bindPort: '8080', remoteHost: 'web', remotePort: '80' },
      { ...newForwardRow('c'), bindPort: '8080', remoteHost: 'web', remotePort: '81' },
    ],
  }));
  assert.deepEqual(twice['localForwards.1.bindPort'], ['127.0.0.1:8080 is already used by localForwards[0]']);
});

test('editing a saved host\'s forwards sends the whole new list; removing the last one sends an empty list', () => {
  const original = savedHostView({
    id: 'h', localForwards: [{ id: 'f', bindPort: 5432, bindAddress: '127.0.0.1', remoteHost: 'localhost', remotePort: 5432 }],
  });
  const values = hostFormValuesOf(original);
  assert.deepEqual(values.localForwards, [{ id: 'f', bindPort: '5432', bindAddress: '127.0.0.1', remoteHost: 'localhost', remotePort: '5432', autoStart: false }]);
  const ticked = checkHostForm({ ...values, localForwards: values.localForwards.map((r) => ({ ...r, autoStart: true })) }, { original, hosts: [original] });
  assert.ok(ticked.ok);
  assert.deepEqual(ticked.patch, { localForwards: [{ id: 'f', bindPort: 5432, bindAddress: '127.0.0.1', remoteHost: 'localhost', remotePort: 5432, autoStart: true }] });
  const removed = checkHostForm({ ...values, localForwards: [] }, { original, hosts: [original] });
  assert.ok(removed.ok);
  assert.deepEqual(removed.patch, { localForwards: [] });
});
