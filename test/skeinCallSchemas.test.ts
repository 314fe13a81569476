// parseSkeinCall at a transport's door: every call validated, limits held, errors naming the field.
// (Here rather than beside app/skeinCallSchemas.ts: app/ may not import node builtins such as node:test.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SKEIN_CALLS, type SkeinCall } from '../app/api.js';
import { SKEIN_CALL_LIMITS, SKEIN_CALL_SCHEMAS, parseSkeinCall, type SkeinCallArgs } from '../app/skeinCallSchemas.js';
import { SkeinError, type SkeinErrorShape } from '../app/skeinError.js';

const draft = { label: 'web', host: 'web.example.com', username: 'deploy', auth: { method: 'agent' as const } };

/** One well-formed call of each method; typed so the compiler checks the samples against SkeinApi too. */
const VALID: { [K in SkeinCall]: SkeinCallArgs<K> } = {
  listHosts: [],
  searchHosts: ['prod db'],
  createHost: [draft, { password: 'pw' }],
  updateHost: ['h1', { port: 2222, group: null }],
  deleteHost: ['h1'],
  hostProblems: [],
  importSshConfig: [],
  connectHost: ['h1'],
  disconnectHost: ['h1'],
  quickConnect: [{ username: 'deploy', host: 'web.example.com', port: 2222, password: 'pw' }],
  saveQuickHost: ['quick:1', 'web'],
  reconnectNow: ['h1'],
  openTab: ['h1', { cols: 80, rows: 24 }, { newConnection: true }],
  writeTab: ['t1', new Uint8Array([104, 105])],
  resizeTab: ['t1', 200, 50],
  closeTab: ['t1'],
  ackTab: ['t1', 4096],
  exec: ['h1', 'uptime', { timeoutMs: 5000 }],
  startForward: ['h1', 'web'],
  stopForward: ['h1', 'web'],
  answerHostKeyPrompt: ['hk1', true],
  answerAuthPrompt: ['ap1', null],
  poolSnapshot: [],
  getSettings: [],
  updateSettings: [{ theme: 'dark', fontSize: 14 }],
  vaultStatus: [],
  createVault: ['a long passphrase'],
  unlockVault: ['a long passphrase'],
};

/** The SkeinError parseSkeinCall throws, as plain data. */
function refusal(method: unknown, args: unknown): SkeinErrorShape {
  try {
    parseSkeinCall(method, args);
  } catch (err) {
    assert.ok(err instanceof SkeinError, `a SkeinError, not ${String(err)}`);
    return err.toShape();
  }
  assert.fail(`${String(method)} was accepted`);
}

test('every call has a schema and accepts its well-formed arguments', () => {
  assert.deepEqual(Object.keys(SKEIN_CALL_SCHEMAS).sort(), [...SKEIN_CALLS].sort());
  for (const method of SKEIN_CALLS) {
    const parsed = parseSkeinCall(method, VALID[method]);
    assert.equal(parsed.method, method);
    assert.equal(parsed.args.length, VALID[method].length, method);
  }
});

test('an unknown method is refused by name, including what every object inherits', () => {
  for (const method of ['constructor', '__proto__', 'toString', 'close', 'init']) {
    assert.deepEqual(refusal(method, []), { code: 'INVALID_INPUT', message: `"${method}" is not a Skein API call`, field: 'method' });
  }
  assert.equal(refusal(42, []).field, 'method');
});

test('the argument list itself: a list, and no more arguments than the method takes', () => {
  assert.deepEqual(refusal('exec', 'rm -rf /'), { code: 'INVALID_INPUT', message: 'exec(hostId, command, opts): the arguments must be a list', field: 'args' });
  assert.deepEqual(refusal('closeTab', ['t1', 'extra']), { code: 'INVALID_INPUT', message: 'closeTab(tabId) takes at most 1 argument, got 2', field: 'args' });
  assert.deepEqual(refusal('openTab', ['h1']), { code: 'INVALID_INPUT', message: 'openTab(hostId, size, opts): size: is required', field: 'size' });
});

test('terminal sizes are whole numbers from 1 to 10000, named by parameter and path', () => {
  for (const cols of [0, 10_001, 1.5, '80', Number.NaN, null]) {
    const shape = refusal('openTab', ['h1', { cols, rows: 24 }]);
    assert.equal(shape.field, 'size.cols', String(cols));
    assert.match(shape.message, /^openTab\(hostId, size, opts\): size\.cols: must be a whole number from 1 to 10000$/);
  }
  assert.equal(refusal('resizeTab', ['t1', 80, 0]).field, 'rows');
  assert.deepEqual(parseSkeinCall('resizeTab', ['t1', 1, 10_000]).args, ['t1', 1, 10_000]);
});

test('writeTab takes bytes, at most 1 MiB at a time', () => {
  const max = SKEIN_CALL_LIMITS.writeBytes;
  assert.equal(max, 1024 * 1024);
  assert.equal(parseSkeinCall('writeTab', ['t1', new Uint8Array(max)]).method, 'writeTab');
  const tooBig = refusal('writeTab', ['t1', new Uint8Array(max + 1)]);
  assert.equal(tooBig.field, 'data');
  assert.match(tooBig.message, /must be at most 1048576 bytes \(1 MiB\)/);
  assert.equal(refusal('writeTab', ['t1', 'ls\n']).field, 'data');
  assert.equal(refusal('writeTab', ['x'.repeat(65), new Uint8Array(1)]).field, 'tabId');
});

test('an exec command is at most 32 KiB of UTF-8, and the refusal does not repeat it', () => {
  const max = SKEIN_CALL_LIMITS.commandBytes;
  assert.equal(parseSkeinCall('exec', ['h1', 'x'.repeat(max)]).method, 'exec');
  assert.equal(refusal('exec', ['h1', 'x'.repeat(max + 1)]).field, 'command');
  // Counted in bytes, not characters: 16,385 two-byte letters are 32,770 bytes.
  assert.equal(parseSkeinCall('exec', ['h1', 'é'.repeat(max / 2)]).method, 'exec');
  assert.equal(refusal('exec', ['h1', 'é'.repeat(max / 2 + 1)]).field, 'command');
  const huge = refusal('exec', ['h1', 'echo '.repeat(60_000)]);
  assert.ok(huge.message.length < 200, huge.message);
  assert.equal(refusal('exec', ['h1', 'true', { timeoutMs: -1 }]).field, 'opts.timeoutMs');
});

test('host drafts and patches use the host schemas; a patch gets no defaults', () => {
  const port = refusal('createHost', [{ ...draft, port: 70000 }]);
  assert.deepEqual(port, { code: 'INVALID_INPUT', message: 'createHost(draft, secrets): draft.port: must be from 1 to 65535', field: 'draft.port' });
  const many = refusal('createHost', [{ ...draft, host: '', localForwards: [{ id: 'a', bindPort: 0, remoteHost: 'x', remotePort: 80 }] }]);
  assert.equal(many.field, 'draft.host');
  assert.match(many.message, /draft\.host: must not be empty; .*draft\.localForwards\[0\]\.bindPort: must be from 1 to 65535/);
  assert.equal(refusal('createHost', [draft, { password: 42 }]).field, 'secrets.password');
  // Parsed drafts are what the store would save (defaults applied); patches only carry what changes.
  const created = parseSkeinCall('createHost', [draft]);
  assert.deepEqual(created.args[0], { ...draft, port: 22, tags: [], localForwards: [] });
  assert.deepEqual(parseSkeinCall('updateHost', ['h1', {}]).args, ['h1', {}]);
  assert.deepEqual(parseSkeinCall('updateHost', ['h1', { group: null, port: 2200 }]).args, ['h1', { group: null, port: 2200 }]);
  assert.equal(refusal('updateHost', ['h1', { port: 0 }]).field, 'patch.port');
});

test('acks and prompt answers are bounded', () => {
  for (const bytes of [-1, Number.NaN, 1.5, Infinity]) assert.equal(refusal('ackTab', ['t1', bytes]).field, 'bytes', String(bytes));
  assert.deepEqual(parseSkeinCall('answerAuthPrompt', ['ap1', ['246810']]).args, ['ap1', ['246810']]);
  assert.equal(refusal('answerAuthPrompt', ['ap1', [123]]).field, 'answers[0]');
  assert.equal(refusal('answerAuthPrompt', ['ap1', Array.from({ length: 65 }, () => 'a')]).field, 'answers');
  assert.equal(refusal('answerHostKeyPrompt', ['hk1', 'yes']).field, 'trust');
});

test('quick connect, settings and new-connection tabs: checked at the door, a settings patch gets no defaults', () => {
  assert.equal(refusal('quickConnect', [{ username: 'me', host: 'bad host' }]).field, 'spec.host');
  assert.equal(refusal('quickConnect', [{ username: 'me', host: 'h', port: 0 }]).field, 'spec.port');
  assert.equal(refusal('quickConnect', [{ host: 'h' }]).field, 'spec.username');
  assert.deepEqual(parseSkeinCall('updateSettings', [{ theme: 'dark' }]).args, [{ theme: 'dark' }]);
  assert.equal(refusal('updateSettings', [{ fontSize: 100 }]).field, 'patch.fontSize');
  assert.equal(refusal('updateSettings', [{ fontsize: 12 }]).field, 'patch');
  assert.equal(refusal('openTab', ['h1', { cols: 80, rows: 24 }, { newConnection: 'yes' }]).field, 'opts.newConnection');
  assert.equal(refusal('saveQuickHost', ['quick:1', 'x'.repeat(201)]).field, 'label');
});
